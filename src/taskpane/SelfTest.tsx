/**
 * The "Check this Excel" page (taskpane.html?selftest): runs the adapter's self-test on a
 * scratch sheet and shows the report to copy. Kept apart from the pane's components; it gets
 * the test and the clipboard as props and never calls Excel itself. Before anything runs it
 * says that the checks clear Excel's undo history; when they end, a polite status announces
 * one sentence (the pass/fail total), not the whole report; copying says whether it worked.
 * Every sentence comes from the catalogue (SELF_TEST_TEXT).
 */

import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Button, FluentProvider, Text, makeStyles, tokens } from '@fluentui/react-components';
import { SELF_TEST_TEXT } from '../core/messages';
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
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  item: { marginBottom: tokens.spacingVerticalS },
  report: {
    margin: 0,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
  },
});

type State =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; report: SelfTestReport }
  | { kind: 'failed'; message: string };

type Copy = 'none' | 'copied' | 'failed';

export interface SelfTestProps {
  run: () => Promise<SelfTestReport>;
  /** Writes text to the clipboard (navigator.clipboard.writeText in the pane). */
  copy?: (text: string) => Promise<void>;
}

function clipboardCopy(text: string): Promise<void> {
  return navigator.clipboard
    ? navigator.clipboard.writeText(text)
    : Promise.reject(new Error('no clipboard'));
}

/** The self-test page: the warning, one button, the report in plain words, and Copy. */
export function SelfTest({ run, copy = clipboardCopy }: SelfTestProps) {
  const styles = useStyles();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [copied, setCopied] = useState<Copy>('none');
  const start = (): void => {
    setState({ kind: 'running' });
    setCopied('none');
    run().then(
      (report) => setState({ kind: 'done', report }),
      (err: unknown) =>
        setState({
          kind: 'failed',
          message: SELF_TEST_TEXT.failed(err instanceof Error ? err.message : String(err)),
        }),
    );
  };
  const copyReport = (text: string): void => {
    copy(text).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  };
  // The one sentence announced: the total when the checks end, then the copy's outcome.
  const announced =
    state.kind === 'done'
      ? copied === 'copied'
        ? SELF_TEST_TEXT.copied
        : copied === 'failed'
          ? SELF_TEST_TEXT.copyFailed
          : state.report.summary
      : state.kind === 'failed'
        ? state.message
        : '';
  return (
    <main className={styles.page}>
      <Text as="h1" weight="semibold" size={400}>
        {SELF_TEST_TEXT.heading}
      </Text>
      <Text as="p">{SELF_TEST_TEXT.intro}</Text>
      <Text as="p" weight="semibold">
        {SELF_TEST_TEXT.undoWarning}
      </Text>
      <Button appearance="primary" disabled={state.kind === 'running'} onClick={start}>
        {state.kind === 'running' ? SELF_TEST_TEXT.running : SELF_TEST_TEXT.run}
      </Button>
      <div role="status" aria-live="polite" aria-atomic="true" data-testid="selftest-status">
        {announced}
      </div>
      {state.kind === 'done' && (
        <section aria-labelledby="selftest-results">
          <Text as="h2" id="selftest-results" weight="semibold" size={300}>
            {state.report.summary}
          </Text>
          <ul className={styles.list}>
            {state.report.results.map((r) => (
              <li key={r.id} className={styles.item}>
                <Text weight="semibold">{SELF_TEST_TEXT.status[r.status]}: </Text>
                <Text>{r.title}</Text>
              </li>
            ))}
          </ul>
          <Button onClick={() => copyReport(state.report.text)}>{SELF_TEST_TEXT.copy}</Button>
          <pre className={styles.report} data-testid="selftest-report">
            {state.report.text}
          </pre>
        </section>
      )}
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
