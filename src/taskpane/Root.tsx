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
  return (
    <FluentProvider theme={fluentTheme(theme)}>
      <main className={mergeClasses(styles.page, styles.outside)} data-testid="outside-office">
        <Text as="h1" size={600} weight="semibold">
          IoT Role Map runs inside Excel
        </Text>
        <Text as="p">
          This page is the add-in&apos;s task pane. It classifies your IoT initiatives by the role
          I&amp;O plays in each, inside the workbook that lists them.
        </Text>
        <Text as="h2" size={400} weight="semibold">
          To use it
        </Text>
        <ol className={styles.steps}>
          <li>
            <Text>Open your IoT inventory workbook in Excel (desktop or on the web).</Text>
          </li>
          <li>
            <Text>
              On the Home tab, choose <strong>IoT Role Map</strong> to open the pane, or{' '}
              <strong>Refresh roles</strong> to refresh with the columns saved in the workbook.
            </Text>
          </li>
          <li>
            <Text>
              No such buttons? Look under Home &gt; Add-ins (or Insert &gt; My Add-ins &gt; My
              Organization). If it is not there either, ask your IT administrator to deploy IoT Role
              Map to you.
            </Text>
          </li>
        </ol>
      </main>
    </FluentProvider>
  );
}
