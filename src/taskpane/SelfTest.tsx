/**
 * The "Check this Excel" page (taskpane.html?selftest): runs the adapter's self-test on a
 * scratch sheet and shows the report to copy. Kept apart from the pane's components, which
 * are being redesigned; it gets the test as a prop and never calls Excel itself.
 */

import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { StrictMode } from 'react';
import { Button, FluentProvider, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { SelfTestReport } from '../excel/selftest';
import { fluentTheme } from './theme';
import type { ThemeName } from './theme';

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    padding: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  report: {
    margin: 0,
    whiteSpace: 'pre-wrap',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
});

type State =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; report: SelfTestReport }
  | { kind: 'failed'; message: string };

/** The self-test page: one button, the report, and a way to copy it. */
export function SelfTest({ run }: { run: () => Promise<SelfTestReport> }) {
  const styles = useStyles();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const start = (): void => {
    setState({ kind: 'running' });
    run().then(
      (report) => setState({ kind: 'done', report }),
      (err: unknown) =>
        setState({ kind: 'failed', message: err instanceof Error ? err.message : String(err) }),
    );
  };
  return (
    <main className={styles.page}>
      <Text as="h1" weight="semibold" size={400}>
        Check this Excel
      </Text>
      <Text as="p">
        Runs six checks on a scratch sheet that is added and removed again; your sheets are not
        touched. Copy the report into an issue.
      </Text>
      <Button appearance="primary" disabled={state.kind === 'running'} onClick={start}>
        {state.kind === 'running' ? 'Checking…' : 'Run the checks'}
      </Button>
      <div role="status" aria-live="polite">
        {state.kind === 'done' && (
          <>
            <pre className={styles.report} data-testid="selftest-report">
              {state.report.text}
            </pre>
            <Button onClick={() => void navigator.clipboard?.writeText(state.report.text)}>
              Copy report
            </Button>
          </>
        )}
        {state.kind === 'failed' && <Text>{state.message}</Text>}
      </div>
    </main>
  );
}

/** Renders the self-test page into #root. */
export function mountSelfTest(run: () => Promise<SelfTestReport>, theme: ThemeName): void {
  const el = document.getElementById('root');
  if (!el) throw new Error('The task pane page has no #root element.');
  createRoot(el).render(
    <StrictMode>
      <FluentProvider theme={fluentTheme(theme)}>
        <SelfTest run={run} />
      </FluentProvider>
    </StrictMode>,
  );
}
