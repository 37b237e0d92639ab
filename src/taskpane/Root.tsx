/** The pane's roots: the Fluent provider with the Office theme, and the page shown outside Office. */

import {
  AriaLiveAnnouncer,
  FluentProvider,
  Link,
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

/** What a plain browser shows: where the add-in runs and how to sideload it. */
export function OutsideOffice({ theme }: { theme: ThemeName }): JSX.Element {
  const styles = useStyles();
  return (
    <FluentProvider theme={fluentTheme(theme)}>
      <main className={mergeClasses(styles.page, styles.outside)} data-testid="outside-office">
        <Text as="h1" size={600} weight="semibold">
          IoT Role Map runs inside Excel
        </Text>
        <Text as="p">
          This page is the add-in&apos;s task pane. Open it from Excel (Home tab &gt; IoT Role Map)
          to classify your IoT initiatives by the role I&amp;O plays in each.
        </Text>
        <Text as="h2" size={400} weight="semibold">
          To try it
        </Text>
        <ol className={styles.steps}>
          <li>
            <Text>
              Excel on Windows or Mac: run <code className={styles.code}>npm start</code> in the
              project folder; it starts the dev server and sideloads the add-in.
            </Text>
          </li>
          <li>
            <Text>
              Excel on the web: run <code className={styles.code}>npm run dev-server</code>, then in
              Excel choose Home &gt; Add-ins &gt; More Add-ins &gt; Upload My Add-in and upload{' '}
              <code className={styles.code}>manifest.xml</code>.
            </Text>
          </li>
        </ol>
        <Text as="p" size={200}>
          See{' '}
          <Link href="https://learn.microsoft.com/office/dev/add-ins/testing/test-debug-office-add-ins">
            Sideload Office Add-ins for testing
          </Link>{' '}
          for details.
        </Text>
      </main>
    </FluentProvider>
  );
}
