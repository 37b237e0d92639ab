/** Fluent's Dropdown and Option: their own chunk (see dropdown.tsx). */
export { Dropdown, Option } from '@fluentui/react-components';
