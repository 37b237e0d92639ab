import { formatCount, percent, phaseText } from '../../src/taskpane/labels';

describe('the status line while a refresh runs', () => {
  it.each([
    [{ phase: 'reading', done: 0, total: 1 }, 'Reading the workbook…'],
    [{ phase: 'classifying', done: 0, total: 0 }, 'Classifying initiatives…'],
    [{ phase: 'classifying', done: 1200, total: 5000 }, 'Classifying 1,200 of 5,000 rows…'],
    [{ phase: 'classifying', done: 60, total: 60 }, 'Classifying 60 of 60 rows…'],
    [{ phase: 'writing', done: 0, total: 1 }, 'Writing roles and summary…'],
    [{ phase: 'writing', done: 1, total: 1 }, 'Writing roles and summary…'],
    [{ phase: 'writing', done: 2, total: 5 }, 'Writing roles and summary (part 2 of 5)…'],
    [{ phase: 'done', done: 1, total: 1 }, 'Refresh complete.'],
  ] as const)('%j → %s', (progress, text) => {
    expect(phaseText(progress)).toBe(text);
  });

  it('formats shares and counts the way the summary sheet does', () => {
    expect(percent(0.6666)).toBe('67%');
    expect(percent(0)).toBe('0%');
    expect(formatCount(38150)).toBe('38,150');
  });
});
