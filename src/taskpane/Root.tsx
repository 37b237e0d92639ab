/** The pane's roots: the Fluent provider with the Office theme, and the page shown outside Office. */

import {
  AriaLiveAnnouncer,
  FluentProvider,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { RoleMapService } from '../core/service';
import { App } from './App';
import { fluentTheme } from './theme';
import type { ThemeName } from './theme';
import { PANE_WORDS } from '../core/messages';

const useStyles = makeStyles({
  // On a div inside the provider, never on the provider itself: Fluent gives the provider's
  // className to the portal layer that holds pop-up lists (z-index 1,000,000), so a
  // full-height background there covered the whole pane once any drop-down had opened.
  page: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1 },
  outside: {
    boxSizing: 'border-box',
    maxWidth: '640px',
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalL}`,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    // The flex gap spaces the blocks; browser default margins would double it.
    '& > *': { margin: 0 },
  },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  code: { fontFamily: tokens.fontFamilyMonospace },
});

/** The task pane inside Excel, themed like Office. */
export function PaneRoot({
  service,
  theme,
}: {
  service: RoleMapService;
  theme: ThemeName;
}): JSX.Element {
  const styles = useStyles();
  return (
    <FluentProvider theme={fluentTheme(theme)}>
      {/* MessageBars announce themselves through it (errors assertively). */}
      <AriaLiveAnnouncer>
        <div className={styles.page} data-testid="pane-page">
          <App service={service} />
        </div>
      </AriaLiveAnnouncer>
    </FluentProvider>
  );
}

/**
 * What a plain browser shows: the person who opened this page is an Excel user (a link in an
 * e-mail, a bookmark), so it says where the add-in is in Excel and whom to ask; the developer's
 * sideloading steps are in the README.
 */
export function OutsideOffice({ theme }: { theme: ThemeName }): JSX.Element {
  const styles = useStyles();
  const words = PANE_WORDS.outside;
  return (
    <FluentProvider theme={fluentTheme(theme)}>
      <main className={mergeClasses(styles.page, styles.outside)} data-testid="outside-office">
        <Text as="h1" size={600} weight="semibold">
          {words.heading}
        </Text>
        <Text as="p">{words.intro}</Text>
        <Text as="h2" size={400} weight="semibold">
          {words.howTo}
        </Text>
        <ol className={styles.steps}>
          <li>
            <Text>{words.open}</Text>
          </li>
          <li>
            <Text>
              {words.buttons[0]}
              <strong>{words.buttons[1]}</strong>
              {words.buttons[2]}
              <strong>{words.buttons[3]}</strong>
              {words.buttons[4]}
            </Text>
          </li>
          <li>
            <Text>{words.missing}</Text>
          </li>
        </ol>
      </main>
    </FluentProvider>
  );
}
