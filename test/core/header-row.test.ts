/** A header row the user picked (settings `headerRows`) over the detected one, in the core. */

import { chooseInventory, detectHeaders } from '../../src/core/headers';
import { previewInventory } from '../../src/core/preview';
import type { CellValue, SheetSnapshot } from '../../src/core/input';

const ROWS: CellValue[][] = [
  ['Initiative', 'Led By', 'Stage'],
  ['(legend)', 'IT = I&O', 'as planned'],
  ['Use case', 'Owner', 'Phase', 'I&O Pilot'],
  ['Twin', 'Operations', 'Pilot', 'None'],
];

function sheet(values: CellValue[][] = ROWS, origin = { row: 0, col: 0 }): SheetSnapshot {
  return {
    name: 'Portfolio',
    origin,
    values,
    tables: [],
    hasFrozenPanes: false,
    hasAutoFilter: false,
    isProtected: false,
  };
}

describe('a picked header row', () => {
  it('wins over the detected row while it is a row of the used range, else detection holds', () => {
    expect(detectHeaders(sheet())!.headerRow).toBe(0);
    const pinned = detectHeaders(sheet(), undefined, 2)!;
    expect(pinned.headerRow).toBe(2);
    expect(pinned.columns.ioPilot.header).toBe('I&O Pilot');
    expect(detectHeaders(sheet(), undefined, 40)!.headerRow).toBe(0);
    expect(detectHeaders(sheet(ROWS, { row: 1, col: 0 }), undefined, 0)!.headerRow).toBe(1);
  });

  it('is honoured when the inventory is named and when it is detected', () => {
    const headerRows = { Portfolio: 2 };
    expect(chooseInventory([sheet()], { sheet: 'Portfolio', headerRows }).detection.headerRow).toBe(
      2,
    );
    expect(chooseInventory([sheet()], { headerRows }).detection.headerRow).toBe(2);
    expect(chooseInventory([sheet()], { headerRows: { Other: 2 } }).detection.headerRow).toBe(0);
  });

  it('is what the preview shows, with the detected row beside it', () => {
    const p = previewInventory([sheet()], { sheet: 'Portfolio', headerRow: 2 });
    expect(p.detection.headerRow).toBe(2);
    expect(p.headerRow.detected).toBe(0);
    expect(p.headers.map((h) => h.text)).toEqual(['Use case', 'Owner', 'Phase', 'I&O Pilot']);
    expect(previewInventory([sheet()], { sheet: 'Portfolio' }).headerRow.detected).toBe(0);
  });
});
