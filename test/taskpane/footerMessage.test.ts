/** The footer's one message, most important first (footerMessage.ts), as a table. */

import { FILTER_TEXT, PANE_TEXT, problem } from '../../src/core/messages';
import type { SheetSnapshot } from '../../src/core/input';
import { previewInventory } from '../../src/core/preview';
import { footerMessage } from '../../src/taskpane/footerMessage';
import type { FooterMessage } from '../../src/taskpane/footerMessage';
import { snapshot } from './fake-service';

const locked: SheetSnapshot = snapshot(
  'Inv',
  [
    ['Initiative', 'Led By', 'Stage', 'I&O Pilot'],
    ['Fleet', 'IT', 'Pilot', 'Leading'],
  ],
  { isProtected: true },
);
const fine = { ...locked, isProtected: false };
const lockedPreview = previewInventory([locked], { sheet: 'Inv' });
const finePreview = previewInventory([fine], { sheet: 'Inv' });
const protectedErr = problem('protected-sheet', { sheet: 'Inv' });
const payload = problem('payload-too-large', { rows: 9 });
const westNeeds = {
  sheet: 'West',
  readiness: {
    kind: 'needs-mapping' as const,
    code: 'no-name-column' as const,
    message: problem('no-name-column', { sheet: 'West' }).message,
  },
};

type Case = [
  string,
  Parameters<typeof footerMessage>[0],
  FooterMessage['kind'] | null,
  string | null,
  number,
];

const base = {
  error: null,
  noInventory: false,
  preview: finePreview,
  previewError: null,
  sheet: 'Inv',
  chosen: [{ sheet: 'Inv', readiness: { kind: 'ready' as const } }],
};

describe('the footer says one thing at a time', () => {
  it.each<Case>([
    ['nothing to say', base, null, null, 0],
    [
      'a failure the workbook does not show comes first',
      {
        ...base,
        error: { code: payload.code, message: payload.message },
        chosen: [...base.chosen, westNeeds],
      },
      'error',
      payload.message,
      1,
    ],
    [
      'a failure a blocker restates is shown as the blocker (it has the fix)',
      {
        ...base,
        preview: lockedPreview,
        error: { code: protectedErr.code, message: protectedErr.message },
      },
      'blocker',
      protectedErr.message,
      0,
    ],
    [
      'no inventory: the template alone, nothing about the notes sheet',
      { ...base, noInventory: true, previewError: { code: 'no-inventory', message: 'x' } },
      'no-inventory',
      null,
      0,
    ],
    [
      'no inventory, mapping by hand: the sheet first, the template after',
      { ...base, noInventory: true, preview: lockedPreview, byHand: true },
      'blocker',
      protectedErr.message,
      1,
    ],
    [
      'another chosen sheet that needs mapping names it, with the way there',
      { ...base, chosen: [...base.chosen, westNeeds] },
      'blocker',
      westNeeds.readiness.message,
      0,
    ],
    [
      'a notice owed before acting comes after a failure, and is not counted as a thing to fix',
      {
        ...base,
        notice: FILTER_TEXT.sortState('Inv'),
        error: { code: payload.code, message: payload.message },
      },
      'error',
      payload.message,
      0,
    ],
    [
      "a notice alone is the footer's message",
      { ...base, notice: FILTER_TEXT.sortState('Inv'), chosen: [...base.chosen, westNeeds] },
      'notice',
      FILTER_TEXT.sortState('Inv'),
      1,
    ],
  ])('%s', (_name, model, kind, message, more) => {
    const got = footerMessage(model);
    expect(got.message?.kind ?? null).toBe(kind);
    if (message !== null && got.message !== null && 'message' in got.message) {
      expect(got.message.message).toBe(message);
    }
    expect(got.more).toBe(more);
  });

  it('"Map columns" of another sheet goes to that sheet', () => {
    const got = footerMessage({ ...base, chosen: [...base.chosen, westNeeds] });
    expect(got.message).toMatchObject({ kind: 'blocker', mapSheet: 'West' });
    expect(PANE_TEXT.moreToFix(2)).toBe('2 more things stop the refresh after this one.');
  });
});
