/**
 * Fluent's Dropdown and Option in their own chunk: the combobox, its positioned listbox and
 * floating-ui are about a sixth of the pane's JavaScript (bench/pane.ts), and the first screen
 * only needs them once a list is opened. The chunk is requested as soon as the pane's script
 * runs (from the pane's own folder, so the CSP's script-src 'self' covers it) and is normally
 * there before the first preview is read; until then a dropdown shows its value in a disabled
 * Select of the same size, labelled by the same Field.
 */

import { Select } from '@fluentui/react-components';
import type {
  Dropdown as FluentDropdown,
  Option as FluentOption,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ComponentProps } from 'react';
import type * as DropdownImpl from './dropdown-impl';

type DropdownModule = typeof DropdownImpl;

let loaded: DropdownModule | null = null;
const loading: Promise<DropdownModule> = import(
  /* webpackChunkName: "dropdown" */ './dropdown-impl'
).then((m) => (loaded = m));
// A failed load leaves the disabled stand-in; the pane's other controls still work.
loading.catch(() => undefined);

/** The dropdown module once loaded (re-renders when it arrives). */
function useDropdownModule(): DropdownModule | null {
  const [mod, setMod] = useState(loaded);
  useEffect(() => {
    if (mod) return;
    let live = true;
    void loading.then((m) => {
      if (live) setMod(m);
    });
    return () => {
      live = false;
    };
  }, [mod]);
  return mod;
}

export type DropdownProps = ComponentProps<typeof FluentDropdown>;

export function Dropdown(props: DropdownProps): JSX.Element {
  const mod = useDropdownModule();
  // The list renders inside the pane's landmarks (a portal at the end of <body> sits outside
  // every landmark: axe "region").
  if (mod) return <mod.Dropdown inlinePopup {...props} />;
  const shown = props.value ?? '';
  return (
    <Select className={props.className} disabled value={shown} aria-busy>
      <option value={shown}>{shown || props.placeholder}</option>
    </Select>
  );
}

export function Option(props: ComponentProps<typeof FluentOption>): JSX.Element | null {
  // Options render inside a loaded Dropdown only.
  const mod = useDropdownModule();
  return mod ? <mod.Option {...props} /> : null;
}
