import type { CellValue, SheetSnapshot } from '../../src/core/input';
import { chooseInventory, detectHeaders, findOwnBlock, rankSheets } from '../../src/core/headers';
import { RoleMapError } from '../../src/core/messages';
import { HISTORY_SHEET, SUMMARY_SHEET } from '../../src/core/domain';
import { previewInventory } from '../../src/core/preview';
import type { OutputLayout } from '../../src/core/output';
import { OUTPUT_COLUMNS, OUTPUT_LAYOUTS } from '../../src/core/output';
import { numberedHeaders, OUTPUT_HEADER_CELLS, outputIndex, sheetOf } from './helpers';

function thrown(fn: () => unknown): RoleMapError {
  try {
    fn();
  } catch (e) {
    if (e instanceof RoleMapError) return e;
    throw e;
  }
  throw new Error('expected a RoleMapError');
}

describe('header row search', () => {
  it('skips title rows above the header', () => {
    const sheet = sheetOf('Inv', [
      ['IoT initiatives, FY2026'],
      ['Owner: Jane (I&O planning)'],
      [],
      ['Initiative', 'Led By', 'Stage'],
      ['Smart meters', 'IT', 'Pilot'],
    ]);
    const d = detectHeaders(sheet)!;
    expect(d.headerRow).toBe(3);
    expect(d.columns.name).toMatchObject({ col: 0, header: 'Initiative', status: 'found' });
    expect(d.columns.ledBy.col).toBe(1);
    expect(d.columns.stage.col).toBe(2);
    expect(d.recognised).toBe(3);
  });

  it('needs two recognised headers: a lone "Name" title row is not the header', () => {
    const sheet = sheetOf('Inv', [['Name'], ['Project', 'Status'], ['A', 'Live']]);
    expect(detectHeaders(sheet)!.headerRow).toBe(1);
  });

  it('searches only the first 20 rows', () => {
    const rows: CellValue[][] = Array.from({ length: 20 }, (_, i) => [`note ${i}`]);
    rows.push(['Initiative', 'Stage']);
    expect(detectHeaders(sheetOf('Inv', rows))).toBeNull();
    expect(detectHeaders(sheetOf('Inv', rows.slice(1)))!.headerRow).toBe(19);
  });

  it('reports absolute positions when the used range does not start at A1', () => {
    const sheet: SheetSnapshot = {
      ...sheetOf('Inv', [
        ['Initiative', 'Led By'],
        ['X', 'IT'],
      ]),
      origin: { row: 4, col: 2 },
    };
    const d = detectHeaders(sheet)!;
    expect(d.headerRow).toBe(4);
    expect(d.columns.name.col).toBe(2);
    expect(d.columns.ledBy.col).toBe(3);
  });

  it.each([
    ['I & O Pilot', 'ioPilot'],
    ['Budget ($)', 'budget'],
    ['# Devices', 'endpoints'],
    ['LED BY', 'ledBy'],
    ['initiative name', 'name'],
  ] as const)('recognises the variant %p as %s', (header, field) => {
    const d = detectHeaders(sheetOf('Inv', [['ID', 'Stage', header]]))!;
    expect(d.columns[field]).toMatchObject({ col: 2, header, status: 'found' });
  });

  it('never takes our own output columns as input fields', () => {
    const d = detectHeaders(sheetOf('Inv', [['Initiative', 'Stage', ...OUTPUT_HEADER_CELLS]]))!;
    expect(d.recognised).toBe(2);
    expect(d.columns.override.col).toBeNull();
  });
});

describe('duplicates and missing columns', () => {
  it('two columns for one field: the first wins, the field is ambiguous, a warning says so', () => {
    const d = detectHeaders(sheetOf('Inv', [['Initiative', 'Lead', 'Stage', 'Owner Group']]))!;
    expect(d.columns.ledBy).toEqual({
      field: 'ledBy',
      col: 1,
      header: 'Lead',
      status: 'ambiguous',
      alternatives: [{ col: 3, header: 'Owner Group' }],
    });
    expect(d.warnings).toEqual([
      'Several columns look like Led By: using B ("Lead") and ignoring D ("Owner Group"); map the field by hand to use another column.',
    ]);
  });

  it('no name column: detection says missing, planRefresh refuses with a sentence', () => {
    const d = detectHeaders(
      sheetOf('Inv', [
        ['Led By', 'Stage'],
        ['IT', 'Pilot'],
      ]),
    )!;
    expect(d.columns.name).toMatchObject({ col: null, status: 'missing' });
  });
});

describe('explicit mapping wins over detection', () => {
  const sheet = sheetOf('Inv', [
    ['Initiative', 'Led By', 'Sponsor', 'Use case title', 'Stage'],
    ['Smart meters', 'Marketing', 'IT', 'Meters', 'Pilot'],
  ]);

  it('maps an unrecognised header and replaces a detected one', () => {
    const d = detectHeaders(sheet, { ledBy: 'Sponsor', name: 'Use case title' })!;
    expect(d.columns.ledBy).toMatchObject({ col: 2, header: 'Sponsor', status: 'mapped' });
    expect(d.columns.name).toMatchObject({ col: 3, header: 'Use case title', status: 'mapped' });
    expect(d.columns.stage).toMatchObject({ col: 4, status: 'found' });
  });

  it('matches the mapped header ignoring case and spacing', () => {
    expect(detectHeaders(sheet, { ledBy: ' sponsor ' })!.columns.ledBy.col).toBe(2);
  });

  it('a mapped header that is not there is a clear error', () => {
    const e = thrown(() => detectHeaders(sheet, { ledBy: 'Sponsr' }));
    expect(e.code).toBe('mapping-header-not-found');
    expect(e.message).toBe(
      'The column "Sponsr" chosen for Led By is not in the header row of "Inv"; pick an existing column or clear the mapping.',
    );
  });

  it('an unknown field is a clear error', () => {
    const e = thrown(() => chooseInventory([sheet], { mapping: { leadBy: 'Sponsor' } as never }));
    expect(e.code).toBe('mapping-field-unknown');
    expect(e.message).toMatch(/^"leadBy" is not a field IoT Role Map knows/);
  });

  it('finds the header row from the mapping when nothing else is recognised', () => {
    const odd = sheetOf('Odd', [
      ['Programme', 'Who leads'],
      ['Meters', 'IT'],
    ]);
    const { detection } = chooseInventory([odd], {
      mapping: { name: 'Programme', ledBy: 'Who leads' },
    });
    expect(detection.headerRow).toBe(0);
    expect(detection.columns.ledBy.status).toBe('mapped');
  });
});

describe('choosing the inventory sheet', () => {
  const notes = sheetOf('Notes', [['Some text']]);
  const small = sheetOf('Small', [['Initiative', 'Stage']]);
  const big = sheetOf('Big', [['Initiative', 'Stage', 'Led By', 'I&O Pilot']]);
  const alsoBig = sheetOf('AlsoBig', [['Project', 'Status', 'Lead', 'IT Pilot']]);
  const summary = sheetOf(SUMMARY_SHEET, [
    ['Initiative', 'Role', 'Next role', 'Priority', 'Stage', 'Led By', 'I&O Pilot'],
  ]);
  const history = sheetOf(HISTORY_SHEET, [
    ['Initiative', 'Stage', 'Led By', 'I&O Pilot', 'Budget'],
  ]);

  it('picks the sheet with the most recognised headers', () => {
    expect(chooseInventory([notes, small, big], {}).sheet.name).toBe('Big');
  });
  it('ties go to the first such sheet', () => {
    expect(chooseInventory([small, alsoBig, big], {}).sheet.name).toBe('AlsoBig');
  });
  it('never picks the output sheets', () => {
    expect(chooseInventory([summary, history, small], {}).sheet.name).toBe('Small');
    expect(rankSheets([summary, history, small, notes])).toEqual([
      { name: 'Small', recognised: 2 },
      { name: 'Notes', recognised: 0 },
    ]);
  });
  it('a named sheet is used even when another has more headers', () => {
    expect(chooseInventory([big, small], { sheet: 'Small' }).sheet.name).toBe('Small');
    expect(chooseInventory([big, small], { sheet: 'small' }).sheet.name).toBe('Small');
  });
  it('a named output sheet is never read as the inventory', () => {
    const e = thrown(() => chooseInventory([summary, big], { sheet: SUMMARY_SHEET }));
    expect(e.code).toBe('no-inventory');
    expect(e.message).toContain(`(looked at "${SUMMARY_SHEET}")`);
  });
  it('a named sheet that does not exist is a clear error', () => {
    const e = thrown(() => chooseInventory([big], { sheet: 'Inventry' }));
    expect(e.code).toBe('sheet-not-found');
    expect(e.message).toBe(
      'The sheet "Inventry" does not exist (it may have been renamed or deleted); choose the inventory sheet again.',
    );
  });
  it('no inventory anywhere names the sheets it looked at', () => {
    const e = thrown(() => chooseInventory([notes, summary], {}));
    expect(e.code).toBe('no-inventory');
    expect(e.message).toContain('(looked at "Notes")');
  });
});

describe('previewInventory', () => {
  it('returns the detection and every header on the header row', () => {
    const sheet = sheetOf('Inv', [['Title'], ['Initiative', null, 'Stage', 'Notes']]);
    const p = previewInventory([sheet], {});
    expect(p.detection.headerRow).toBe(1);
    expect(p.headers).toEqual([
      { col: 0, text: 'Initiative' },
      { col: 2, text: 'Stage' },
      { col: 3, text: 'Notes' },
    ]);
  });
});

describe('a field mapped to "" is switched off', () => {
  it('detection does not pick a column for it', () => {
    const sheet = sheetOf('Inv', [
      ['Initiative', 'Status', 'Led By'],
      ['A', 'Green', 'IT'],
    ]);
    expect(detectHeaders(sheet)!.columns.stage.col).toBe(1);
    const d = detectHeaders(sheet, { stage: '' })!;
    expect(d.columns.stage).toMatchObject({ col: null, status: 'missing' });
    expect(d.columns.ledBy.col).toBe(2);
  });
});

describe('our output block, recognised by its set of headers (SPEC §4)', () => {
  const inputs: CellValue[] = ['Initiative', 'Stage'];
  const keys = OUTPUT_COLUMNS.map((c) => c.key);
  const reversed = [...OUTPUT_COLUMNS].reverse();

  it.each<[string, CellValue[], number, (string | null)[], boolean]>([
    ["today's layout in its order", [...inputs, ...OUTPUT_HEADER_CELLS], 2, keys, true],
    [
      'in another order (our columns moved)',
      [...inputs, ...reversed.map((c) => c.header)],
      2,
      reversed.map((c) => c.key),
      true,
    ],
    [
      'with the numbers Excel gives in a table',
      [...inputs, ...numberedHeaders(['priority', 'issues'])],
      2,
      keys,
      true,
    ],
    [
      "after the user's own Priority column",
      [...inputs, 'Priority', ...OUTPUT_HEADER_CELLS],
      3,
      keys,
      true,
    ],
    [
      'with a column of it replaced by a user column: the rest is ours, by its anchor',
      [
        ...inputs,
        ...OUTPUT_HEADER_CELLS.map((h, k) => (k === outputIndex('rationale') ? 'Notes' : h)),
      ],
      2,
      keys.map((k) => (k === 'rationale' ? null : k)),
      false,
    ],
  ])('%s', (_name, header, start, found, isLayout) => {
    const block = findOwnBlock(header)!;
    expect(block.start).toBe(start);
    expect(block.keys.slice(0, found.length)).toEqual(found);
    expect(block.layout !== null).toBe(isLayout);
  });

  it("is not the user's own columns that share a name with ours", () => {
    expect(findOwnBlock([...inputs, 'Priority', 'Data Issues'])).toBeNull();
  });

  it('an earlier layout stays recognisable when a column joins the middle of the block', () => {
    const v1 = OUTPUT_LAYOUTS[OUTPUT_LAYOUTS.length - 1]!;
    const middle = Math.floor(v1.columns.length / 2);
    const v2: OutputLayout = {
      version: v1.version + 1,
      columns: [
        ...v1.columns.slice(0, middle),
        { key: 'ownerGap', header: 'Owner Gap' },
        ...v1.columns.slice(middle),
      ],
      tintForms: ['lenTrim'],
    };
    const layouts = [...OUTPUT_LAYOUTS, v2];
    const old = findOwnBlock([...inputs, ...v1.columns.map((c) => c.header)], layouts)!;
    expect(old.layout).toBe(v1);
    expect(old.start).toBe(inputs.length);
    const now = findOwnBlock([...inputs, ...v2.columns.map((c) => c.header)], layouts)!;
    expect(now.layout).toBe(v2);
    expect(now.keys).toEqual(v2.columns.map((c) => c.key));
  });
});
