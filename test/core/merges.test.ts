/**
 * Merged cells where the role columns go are a blocker (SPEC §6): the decision is the core's,
 * from the merges a host reports; the preview shows it and the refresh stops on it.
 */

import { parseRangeA1 } from '../../src/core/address';
import { mergedBlocker } from '../../src/core/merges';
import { RoleMapError } from '../../src/core/messages';
import { previewInventory } from '../../src/core/preview';
import { planRefresh } from '../../src/core/refresh';
import { OUTPUT_WIDTH } from '../../src/core/output';
import { NOW, sheetOf } from './helpers';

const ROWS = [
  ['Initiative', 'Stage', 'Led by'],
  ['Pump telemetry', 'Pilot', 'Facilities'],
  ['Cold chain', 'Production', 'I&O'],
];

/** The inventory with the given merges (A1 ranges); the role columns start at D. */
const withMerges = (...refs: string[]) => sheetOf('Inv', ROWS, { merges: refs.map(parseRangeA1) });

/** The cells a refresh of ROWS writes: header row to last row, from column D. */
const AREA = { row: 0, col: 3, rowCount: 3, colCount: OUTPUT_WIDTH };

describe('merged cells against the cells a refresh writes', () => {
  it.each([
    ['a merge inside the role columns', ['E2:F2'], 'E2:F2'],
    ['a merge reaching in from the user data (H2:J2 style)', ['B2:E2'], 'B2:E2'],
    ['a merge over the header row', ['D1:E1'], 'D1:E1'],
    [
      'the first of several merges in the way, in the host order',
      ['A5:B5', 'G3:H4', 'D2:D3'],
      'G3:H4',
    ],
  ])('%s is a blocker naming the merge', (_what, refs, named) => {
    const err = mergedBlocker(withMerges(...refs), AREA);
    expect(err?.code).toBe('output-merged');
    expect(err?.message).toBe(
      `Cells ${named} on "Inv" are merged where the role columns would go (D1:${String.fromCharCode(67 + OUTPUT_WIDTH)}3), so the roles written there would be hidden; unmerge those cells or move them out of the way, then refresh again.`,
    );
  });

  it.each([
    ['no merges reported', []],
    ['a merge in the user data only', ['A2:C2']],
    ['a merge below the last row', ['D4:F4']],
    ['a merge right of the role columns', [`${String.fromCharCode(68 + OUTPUT_WIDTH)}1:ZZ3`]],
  ])('%s is no blocker', (_what, refs) => {
    expect(mergedBlocker(withMerges(...refs), AREA)).toBeNull();
  });

  it('the preview lists it as an error and the refresh stops on it', () => {
    const sheet = withMerges('D2:E2');
    const preview = previewInventory([sheet], { sheet: 'Inv' });
    expect(preview.canRefresh).toBe(false);
    const errors = preview.blockers.filter((b) => b.severity === 'error');
    expect(errors.map((b) => b.code)).toEqual(['output-merged']);
    let thrown: unknown;
    try {
      planRefresh({ sheets: [sheet], options: { history: true }, now: NOW, historyRowCount: 0 });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(RoleMapError);
    expect((thrown as RoleMapError).code).toBe('output-merged');
  });

  it('a host that reports no merges (older fakes) is not blocked', () => {
    const preview = previewInventory([sheetOf('Inv', ROWS)], { sheet: 'Inv' });
    expect(preview.canRefresh).toBe(true);
  });
});
