import {
  fieldHint,
  formatCount,
  percent,
  phaseText,
  progressValue,
} from '../../src/taskpane/labels';

describe('the status line while a refresh runs', () => {
  // Classifying counts initiatives (non-blank rows) step by step as the host reports them;
  // without a count (a header row known only from a mapping) the step is said, not a number,
  // and the bar is indeterminate until the first step is done.
  it.each([
    [{ phase: 'reading', done: 0, total: 1 }, 'Step 1 of 3: reading the workbook…', undefined],
    [
      { phase: 'classifying', done: 0, total: 0 },
      'Step 2 of 3: classifying the initiatives…',
      undefined,
    ],
    [
      { phase: 'classifying', done: 0, total: 5176 },
      'Step 2 of 3: classifying 5,176 initiatives…',
      undefined,
    ],
    [
      { phase: 'classifying', done: 5176, total: 5176 },
      'Step 2 of 3: classified 5,176 of 5,176 initiatives…',
      1,
    ],
    [
      { phase: 'classifying', done: 1000, total: 4000 },
      'Step 2 of 3: classified 1,000 of 4,000 initiatives…',
      0.25,
    ],
    [
      { phase: 'classifying', done: 0, total: 1 },
      'Step 2 of 3: classifying 1 initiative…',
      undefined,
    ],
    [{ phase: 'writing', done: 0, total: 1 }, 'Step 3 of 3: writing roles and summary…', undefined],
    [
      { phase: 'writing', done: 2, total: 5 },
      'Step 3 of 3: writing roles and summary (part 2 of 5)…',
      0.4,
    ],
    [{ phase: 'done', done: 1, total: 1 }, 'Refresh complete.', undefined],
  ] as const)('%j → %s', (progress, text, value) => {
    expect(phaseText(progress)).toBe(text);
    expect(progressValue(progress)).toBe(value);
  });

  it('formats shares and counts the way the summary sheet does', () => {
    expect(percent(0.6666)).toBe('67%');
    expect(percent(0)).toBe('0%');
    expect(formatCount(38150)).toBe('38,150');
  });
});

describe('the hint under a mapping drop-down', () => {
  it.each([
    ['required', 'missing', [], 'Required · no column'],
    ['classification', 'found', [], 'Needed to classify · found'],
    ['optional', 'mapped', [], 'Optional · mapped by hand'],
    [
      'classification',
      'covered',
      ['ioPilot', 'ioImplementation', 'ioOperations'],
      'Not needed: I&O in pilot, I&O in implementation, I&O in operations are mapped.',
    ],
    [
      'classification',
      'covered',
      ['ioInvolvement'],
      'Not needed: I&O involvement (one column) is mapped.',
    ],
    ['optional', 'off', [], 'Not used: no column is read for it.'],
  ] as const)('%s, %s → %s', (need, state, coveredBy, text) => {
    expect(fieldHint(need, state, coveredBy)).toBe(text);
  });
});
