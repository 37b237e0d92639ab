import type { RoleMapError } from '../../src/core/messages';
import type { CellValue, SheetSnapshot, TableInfo } from '../../src/core/input';
import type { InventoryWrite } from '../../src/core/write-plan';
import { SUMMARY_SHEET } from '../../src/core/domain';
import {
  emptyOutput,
  OUTPUT_COLUMNS,
  outputValues,
  OUTPUT_HEADERS,
  OUTPUT_WIDTH,
} from '../../src/core/output';
import { planRefresh } from '../../src/core/refresh';
import { HISTORY_HEADERS, excelSerial } from '../../src/core/summary-sheet';
import {
  NOW,
  applied,
  input,
  inventory,
  numberedHeaders,
  outputIndex,
  outputRow,
  portfolio,
  sheetOf,
} from './helpers';

/** Row of the header cell holding `label` on an output sheet. */
function header(sheet: { cells: { row: number; value: unknown }[] }, label: string): number {
  return sheet.cells.find((c) => c.value === label)!.row;
}

function plan(sheet: SheetSnapshot): InventoryWrite {
  return planRefresh(input([sheet])).plan.inventory;
}

function blocked(fn: () => unknown): RoleMapError {
  try {
    fn();
  } catch (e) {
    return e as RoleMapError;
  }
  throw new Error('expected output-blocked');
}

describe('where the output columns go', () => {
  it('right after the last non-empty header cell', () => {
    const w = plan(portfolio());
    expect(w.firstCol).toBe(12);
    expect(w.headerRow).toBe(0);
    expect(w.firstRow).toBe(1);
    expect(w.headers).toEqual(OUTPUT_HEADERS);
  });

  it('skips empty trailing columns of the used range and gaps inside the header', () => {
    const sheet = sheetOf('Inv', [
      ['Initiative', null, 'Stage', null, null],
      ['A', null, 'Pilot', null, null],
    ]);
    expect(plan(sheet).firstCol).toBe(3);
  });

  it('with title rows, the header row is the one detected', () => {
    const sheet = sheetOf('Inv', [['IoT inventory'], [], ['Initiative', 'Led By'], ['A', 'IT']]);
    const w = plan(sheet);
    expect([w.headerRow, w.firstRow, w.firstCol]).toEqual([2, 3, 2]);
    expect(w.freezeHeaderRow).toBe(2);
    expect(w.autoFilter).toEqual({ row: 2, col: 0, rowCount: 2, colCount: 2 + OUTPUT_WIDTH });
  });

  it('a re-run finds its own columns and rewrites them in place, identically', () => {
    const first = plan(portfolio());
    const again = applied(portfolio(), first);
    const second = plan(again);
    expect(second.firstCol).toBe(first.firstCol);
    expect(second.values).toEqual(first.values);
    expect(second.conditionalFormats).toEqual(first.conditionalFormats);
    expect(second.freezeHeaderRow).toBeNull();
    expect(second.autoFilter).toBeNull();
  });

  it('sizes the output columns when it creates them, and leaves the widths to the user after', () => {
    const first = plan(portfolio());
    expect(first.columnWidths).toEqual(
      OUTPUT_COLUMNS.map((c, i) => ({ col: first.firstCol + i, width: c.width })),
    );
    expect(plan(applied(portfolio(), first)).columnWidths).toEqual([]);
  });

  it('a re-run after the user added an input column to the right keeps the output where it is', () => {
    const once = applied(portfolio(), plan(portfolio()));
    const withNotes = {
      ...once,
      values: once.values.map((r, i) => [...r, i === 0 ? 'Notes' : 'n']),
    };
    expect(plan(withNotes).firstCol).toBe(12);
  });

  it('clears earlier output on rows below the data', () => {
    const rows: CellValue[][] = [
      ['Initiative', 'Led By', ...OUTPUT_HEADERS],
      ['A', 'IT', ...outputRow({ role: 'Driver', rationale: 'old', priority: 'Low' })],
      [null, null, ...outputRow({ role: 'Bystander', rationale: 'old', priority: 'Low' })],
    ];
    const w = plan(sheetOf('Inv', rows));
    expect(w.firstCol).toBe(2);
    expect(w.values).toHaveLength(2);
    expect(w.values[1]).toEqual(emptyOutput());
    expect(w.values[0]![0]).toBe('Driver');
  });

  it('blank rows inside the data get an empty output row', () => {
    const w = plan(portfolio());
    expect(w.values[3]).toEqual(emptyOutput());
    expect(w.values).toHaveLength(9);
  });
});

describe('output columns blocked by user data', () => {
  it('data to the right of the header row without a header', () => {
    const sheet = sheetOf('Inv', [
      ['Initiative', 'Stage', null, null],
      ['A', 'Pilot', null, null],
      ['B', 'Pilot', null, 'my note'],
    ]);
    const e = blocked(() => plan(sheet));
    expect(e.code).toBe('output-blocked');
    expect(e.message).toBe(
      'Column D on "Inv" holds your data (cell D3) where the role columns would go; move that data or insert empty columns there, then refresh again.',
    );
  });

  it('a user column inside our block on a re-run', () => {
    const sheet = sheetOf('Inv', [
      ['Initiative', 'Stage', 'I&O Role', 'Notes', 'Next Role'],
      ['A', 'Pilot', 'Bystander', 'keep me', 'Operator'],
    ]);
    const e = blocked(() => plan(sheet));
    expect(e.code).toBe('output-blocked');
    expect(e.message).toMatch(/^Column D on "Inv" holds your data \(cell D1\)/);
  });

  it('the user\'s own "Priority" column is neither our output nor in the way', () => {
    const sheet = sheetOf('Inv', [
      ['Initiative', 'Stage', 'Priority', 'Data Issues'],
      ['A', 'Pilot', 'P1', 'none'],
      [null, null, 'P2', null],
    ]);
    const out = planRefresh(input([sheet]));
    expect(out.plan.inventory.firstCol).toBe(4);
    // A row with only the user's priority is data, not a blank row.
    expect(out.rows.map((r) => r.row)).toEqual([1, 2]);
    expect(out.rows[1]!.issues[0]!.code).toBe('missing-name');
  });

  it('our own headers in place are not a block', () => {
    const sheet = sheetOf('Inv', [
      ['Initiative', 'Stage', ...OUTPUT_HEADERS],
      ['A', 'Pilot', ...OUTPUT_HEADERS.map((_h, i) => `value ${i}`)],
    ]);
    expect(plan(sheet).firstCol).toBe(2);
  });
});

describe('Excel tables', () => {
  const table: TableInfo = {
    name: 'Inventory',
    range: { row: 0, col: 0, rowCount: 4, colCount: 3 },
    columns: ['Initiative', 'Led By', 'I&O Operations'],
    hasTotalsRow: false,
  };
  const rows: CellValue[][] = [
    ['Initiative', 'Led By', 'I&O Operations'],
    ['A', 'Plant', 'R'],
    ['B', 'IT', null],
    ['C', 'Sales', 'None'],
  ];

  it('output columns become new table columns; no worksheet filter', () => {
    const w = plan(sheetOf('Inv', rows, { tables: [table] }));
    expect(w.table).toEqual({ name: 'Inventory', addColumns: OUTPUT_WIDTH, growth: 'resize' });
    expect(w.firstCol).toBe(3);
    expect(w.values).toHaveLength(3);
    expect(w.autoFilter).toBeNull();
  });

  it('a re-run adds no table column', () => {
    const sheet = sheetOf('Inv', rows, { tables: [table] });
    const again = applied(sheet, plan(sheet));
    const w = plan(again);
    expect(w.table).toEqual({ name: 'Inventory', addColumns: 0, growth: 'resize' });
    expect(w.firstCol).toBe(3);
  });

  it("the table's own Priority and Data Issues: ours take Excel's names, and re-runs keep them", () => {
    const own: TableInfo = {
      ...table,
      range: { ...table.range, colCount: 5 },
      columns: ['Initiative', 'Led By', 'I&O Operations', 'Priority', 'data issues'],
    };
    const withOwn = rows.map((r, i) => [
      ...r,
      ...(i === 0 ? ['Priority', 'data issues'] : ['P1', null]),
    ]);
    const sheet = sheetOf('Inv', withOwn, { tables: [own] });
    const w = plan(sheet);
    expect(w.firstCol).toBe(5);
    expect(w.headers).toEqual(numberedHeaders(['priority', 'issues']));
    const again = plan(applied(sheet, w));
    expect(again.firstCol).toBe(5);
    expect(again.headers).toEqual(w.headers);
    expect(again.table).toEqual({ name: 'Inventory', addColumns: 0, growth: 'resize' });
    // The user's own Priority column (with data) is theirs: never read as our output.
    expect(planRefresh(input([applied(sheet, w)])).changes).toEqual([]);
  });

  it.each<[string, boolean, CellValue, 'resize' | 'add' | null]>([
    ['a host that can resize a table resizes it over the written columns', true, 'note', 'resize'],
    ['a host that cannot, with nothing right of the table, adds columns', false, null, 'add'],
    ["a host that cannot, with a user's cell right of the table, leaves it", false, 'note', null],
  ])('%s', (_name, resizeTable, right, growth) => {
    const gap = OUTPUT_WIDTH + 1;
    const wide = rows.map((r, i) => [
      ...r,
      ...Array<CellValue>(gap).fill(null),
      i === 1 ? right : null,
    ]);
    const sheet = sheetOf('Inv', wide, { tables: [table] });
    const out = planRefresh({ ...input([sheet]), capabilities: { resizeTable } });
    expect(out.plan.inventory.table?.growth ?? null).toBe(growth);
    expect(out.plan.inventory.firstCol).toBe(3);
  });

  it('the totals row is not a data row', () => {
    const withTotals: TableInfo = {
      ...table,
      range: { ...table.range, rowCount: 5 },
      hasTotalsRow: true,
    };
    const sheet = sheetOf('Inv', [...rows, ['Total', null, null]], { tables: [withTotals] });
    const out = planRefresh(input([sheet]));
    expect(out.plan.inventory.values).toHaveLength(3);
    expect(out.summary.total).toBe(3);
  });

  it('a table elsewhere on the sheet is ignored', () => {
    const other: TableInfo = {
      ...table,
      name: 'Lookup',
      range: { row: 20, col: 0, rowCount: 2, colCount: 2 },
    };
    const w = plan(sheetOf('Inv', rows, { tables: [other] }));
    expect(w.table).toBeNull();
    expect(w.autoFilter).not.toBeNull();
  });
});

describe('conditional formats, freeze panes and filters', () => {
  const w = plan(portfolio());

  it('one rule per role on I&O Role, High/Medium on Priority, a tint on rows with issues', () => {
    expect(w.conditionalFormats.map((r) => r.id)).toEqual([
      'iot-role-map:role:Bystander',
      'iot-role-map:role:Operator',
      'iot-role-map:role:Implementer',
      'iot-role-map:role:Driver',
      'iot-role-map:priority:High',
      'iot-role-map:priority:Medium',
      'iot-role-map:issues@role',
      'iot-role-map:issues@rationale',
      'iot-role-map:issues@priority',
      'iot-role-map:issues@action',
    ]);
    expect(w.conditionalFormats[3]).toEqual({
      id: 'iot-role-map:role:Driver',
      kind: 'textEquals',
      range: { row: 1, col: 12 + outputIndex('role'), rowCount: 9, colCount: 1 },
      text: 'Driver',
      fill: '#0072B2',
      fontColor: '#FFFFFF',
    });
    expect(w.conditionalFormats[4]).toMatchObject({
      range: { col: 12 + outputIndex('priority'), colCount: 1 },
      text: 'High',
      fill: '#F4C7B0',
    });
    // The tint, split so that it shares its range with the fills of a column or with none.
    const tints = w.conditionalFormats.slice(6);
    for (const t of tints) {
      expect(t).toMatchObject({
        kind: 'notBlank',
        testCol: 12 + outputIndex('issues'),
        fill: '#EDE4F2',
        fontColor: '#3B1F4A',
      });
    }
    expect(tints.map((t) => t.range)).toEqual(
      [
        [outputIndex('role'), 1],
        [outputIndex('rationale'), 2],
        [outputIndex('priority'), 1],
        [outputIndex('action'), 2],
      ].map(([k, n]) => ({ row: 1, col: 12 + k!, rowCount: 9, colCount: n })),
    );
  });

  it('a re-run also recognises the rules an earlier grouping wrote there, and only those', () => {
    const rows: CellValue[][] = [
      ['Initiative', 'Led By', ...OUTPUT_HEADERS],
      ['A', 'IT', ...outputRow({ role: 'Driver', rationale: 'old', priority: 'Low' })],
    ];
    const again = plan(sheetOf('Inv', rows));
    // Rule layout 1's tint over the whole block: its fills are today's, so not listed again.
    expect(again.earlierRules).toEqual([
      {
        ...again.conditionalFormats.find((r) => r.kind === 'notBlank')!,
        id: 'iot-role-map:issues',
        range: { row: 1, col: 2, rowCount: 1, colCount: OUTPUT_WIDTH },
      },
    ]);
    expect(w.earlierRules).toEqual([]);
  });

  it('freezes the header and adds a filter over input and output when the sheet has none', () => {
    expect(w.freezeHeaderRow).toBe(0);
    expect(w.autoFilter).toEqual({ row: 0, col: 0, rowCount: 10, colCount: 12 + OUTPUT_WIDTH });
  });

  it('leaves existing frozen panes and filters alone', () => {
    const x = plan(portfolio({ hasFrozenPanes: true, hasAutoFilter: true }));
    expect(x.freezeHeaderRow).toBeNull();
    expect(x.autoFilter).toBeNull();
  });
});

describe('text stays text', () => {
  it.each([['=1+1'], ['+44 20 7946'], ['-5'], ['@handle']])(
    'a name %p stays the same string everywhere',
    (name) => {
      const out = planRefresh(
        input([inventory([['X', name, 'Marketing', 'Pilot', 'C', null, null, 'Yes']])]),
      );
      expect(out.rows[0]!.initiative.name).toBe(name);
      const cells = out.plan.summary.cells.filter((c) => c.value === name);
      expect(cells.length).toBeGreaterThan(0);
      for (const c of cells) expect(c.format).toBe('text');
    },
  );

  it('every string cell of the summary is marked as text and no value is a formula object', () => {
    const s = planRefresh(input([portfolio()])).plan.summary;
    for (const c of s.cells) {
      if (typeof c.value === 'string') expect(c.format).toBe('text');
      expect(['string', 'number', 'object']).toContain(typeof c.value);
    }
  });

  it('the six output values are strings', () => {
    const out = planRefresh(input([portfolio()]));
    for (const r of out.rows) for (const v of outputValues(r)) expect(typeof v).toBe('string');
  });
});

describe('summary sheet', () => {
  const { plan: p, summary } = planRefresh(input([portfolio()]));
  const s = p.summary;
  const at = (row: number, col: number) => s.cells.find((c) => c.row === row && c.col === col);

  it('title, then what the figures are of and when: sheet, time, counts', () => {
    expect(s.name).toBe(SUMMARY_SHEET);
    expect(at(0, 0)).toMatchObject({ style: 'title' });
    expect(at(1, 0)!.value).toBe(
      '"Inventory" as of 15 Jan 2026 09:30 UTC: 8 initiatives, 7 classified, 3 needing review (listed in the details after the brief).',
    );
  });

  /** The cell right of the first cell holding `label` in column A. */
  const beside = (label: string, col = 1) => {
    const l = s.cells.find((c) => c.col === 0 && c.value === label);
    if (!l) throw new Error(`no label ${label}`);
    return at(l.row, col);
  };
  const texts = () =>
    s.cells
      .map((c) => c.value)
      .filter((v): v is string => typeof v === 'string')
      .join(' ');

  it('opens with the brief, the definitions beside it (report module)', () => {
    expect(at(2, 0)!.value).toBe('The brief');
    expect(at(3, 0)!.value).toContain('I&O plays an active role in 5 of 7 classified');
    expect(at(2, 5)!.value).toBe('What the words mean');
    expect(at(3, 5)!.value).toBe(
      'Driver: I&O initiates and leads the initiative with the business.',
    );
    expect(texts()).toContain('I&O: infrastructure and operations. LOB: line of business.');
  });

  it("the active-role share, Implementer + Driver, and the article's figures labelled honestly", () => {
    expect(beside('Active share today', 2)).toMatchObject({
      value: summary.activeShare,
      format: 'percent',
    });
    expect(beside('Implementer or Driver today', 2)!.value).toBeCloseTo(4 / 7);
    expect(texts()).toContain('Gartner (I&O teams, not initiatives): 5% active in 2018');
  });

  it('where ownership is heading: the projection with the initiatives taken', () => {
    const { high, highAndMedium } = summary.projection;
    expect(beside(`If I&O takes the ${high.count} High opportunity`, 2)).toMatchObject({
      value: high.activeShare,
      format: 'percent',
    });
    const medium = highAndMedium.count - high.count;
    expect(beside(`…and the ${medium} Medium one too`, 2)!.value).toBe(highAndMedium.activeShare);
  });

  it('role distribution with budget in the main currency, data bars and a chart coloured by role', () => {
    const first = s.cells.find((c) => c.col === 0 && c.value === 'Driver')!.row;
    expect([0, 1, 2, 3, 4].map((i) => [at(first + i, 0)!.value, at(first + i, 1)!.value])).toEqual([
      ['Driver', 3],
      ['Implementer', 1],
      ['Operator', 1],
      ['Bystander', 2],
      ['Unclassified', 1],
    ]);
    // IOT-2's €40k is not added to the dollars (money.ts).
    expect(at(first, 3)).toMatchObject({ value: 0, format: 'currency', currency: 'USD' });
    expect(texts()).toContain('Budgets in other currencies, not added to the USD column: €40K.');
    expect(s.dataBars).toEqual([
      { range: { row: first, col: 1, rowCount: 5, colCount: 1 }, color: '#5B9BD5' },
    ]);
    expect(s.chart).toMatchObject({
      kind: 'bar',
      categories: { row: first, col: 0, rowCount: 4, colCount: 1 },
      values: { row: first, col: 1, rowCount: 4, colCount: 1 },
      pointColors: ['#0072B2', '#009E73', '#56B4E9', '#E69F00'],
      altText:
        'Bar chart of the initiatives by the role I&O plays in them: Driver 3, Implementer 1, Operator 1, Bystander 2.',
    });
  });

  it('top opportunities by impact, their IDs linking back to their rows', () => {
    const links = s.cells.filter((c) => c.link);
    expect(links.length).toBe(summary.topOpportunities.length + summary.review.length);
    expect(links[0]).toMatchObject({
      value: summary.topOpportunities[0]!.initiative.id,
      style: 'linkTop',
      link: { sheet: 'Inventory', row: summary.topOpportunities[0]!.row, col: 1 },
    });
    expect(texts()).toContain('The 6 opportunities, by impact');
  });

  it('page 2 and the details start after page breaks; a footer on every page', () => {
    const changes = s.cells.find((c) => c.value === 'Changes since the last refresh')!.row;
    const details = s.cells.find((c) => c.value === 'Details (not part of the brief)')!.row;
    expect(s.print!.rowBreaks).toEqual([changes, details]);
    expect(s.print!.footer).toEqual({
      left: 'IoT Role Map: the roles I&O plays in the IoT portfolio',
      center: 'As of 15 Jan 2026 09:30 UTC',
      pageNumbers: true,
    });
  });

  it('a first refresh says so instead of listing changes', () => {
    const texts = s.cells.map((c) => String(c.value ?? '')).join(' ');
    expect(texts).toContain('Changes since the last refresh');
    expect(texts).toContain('First refresh of "Inventory"');
  });

  it('prints landscape, one page wide, over columns A–H, review header repeated', () => {
    const lastRow = Math.max(...s.cells.map((c) => c.row));
    expect(s.print).toMatchObject({
      orientation: 'landscape',
      fitToPagesWide: 1,
      area: { row: 0, col: 0, rowCount: lastRow + 1, colCount: 8 },
    });
    const header = s.cells.find((c) => c.value === 'Data issues')!;
    expect(s.print!.titleRows).toEqual({ first: header.row, last: header.row });
    // No cell lies outside the printed columns.
    expect(Math.max(...s.cells.map((c) => c.col))).toBeLessThan(8);
  });

  it('sentences wrap inside their column, and their rows are as tall as their lines', () => {
    const actions = s.cells.filter(
      (c) => c.col === 7 && c.row > header(s, 'Action') && c.style !== 'tableHeader',
    );
    expect(actions.length).toBeGreaterThan(0);
    for (const c of actions) expect(c.style).toBe('wrapped');
    // Every row has its height: a line per wrapped line, a heading's taller line, 15 points at least.
    const wrappedRows = new Set(actions.map((c) => c.row));
    for (const h of s.rowHeights ?? []) {
      expect(h.height).toBeGreaterThanOrEqual(15);
      if (wrappedRows.has(h.row)) expect(h.height % 15).toBe(0);
    }
    const long = s.cells.find(
      (c) => typeof c.value === 'string' && c.style === 'wrapped' && c.value.length > 120,
    );
    if (long) expect(s.rowHeights!.find((h) => h.row === long.row)!.height).toBeGreaterThan(15);
    // Notes are broken into lines that fit across the printed columns.
    for (const c of s.cells.filter((c) => c.style === 'note')) {
      expect(String(c.value).length).toBeLessThanOrEqual(130);
    }
  });

  it('no budget column → no budget header', () => {
    const noBudget = sheetOf('Inv', [
      ['Initiative', 'Led By'],
      ['A', 'IT'],
    ]);
    const plan = planRefresh(input([noBudget])).plan.summary;
    // The role table's header row (the opportunities' table always has its columns).
    const role = plan.cells.find((c) => c.value === 'Role' && c.style === 'tableHeader')!;
    expect(plan.cells.some((c) => c.row === role.row && c.value === 'Budget')).toBe(false);
  });

  it('no two cells share a position, and the chart covers no cell', () => {
    const keys = s.cells.map((c) => `${c.row}:${c.col}`);
    expect(new Set(keys).size).toBe(keys.length);
    const { from, to } = s.chart!.anchor;
    // The anchor's `to` is the cell just past the chart's bottom-right corner.
    const under = s.cells.filter(
      (c) => c.row >= from.row && c.row < to.row && c.col >= from.col && c.col < to.col,
    );
    expect(under).toEqual([]);
  });

  it('column widths fit one screen', () => {
    const total = s.columnWidths.reduce((n, c) => n + c.width, 0);
    expect(total).toBeLessThanOrEqual(180);
  });
});

describe('history row', () => {
  it('headers and one row after the rows already there', () => {
    const { plan: p } = planRefresh({ ...input([portfolio()]), historyRowCount: 3 });
    expect(p.history!.headers).toEqual([...HISTORY_HEADERS]);
    expect(p.history!.headers).toEqual([
      'Refreshed',
      'Source sheet',
      'Total',
      'Classified',
      'Driver',
      'Implementer',
      'Operator',
      'Bystander',
      'Unclassified',
      'Active share',
      'Changes',
      'Sheets',
      'Gartner 2020',
      "Day's last share",
    ]);
    expect(p.history!.row.map((c) => c.row)).toEqual(Array(14).fill(4));
    expect(p.history!.row.map((c) => c.value)).toEqual([
      excelSerial(NOW),
      'Inventory',
      8,
      7,
      3,
      1,
      1,
      2,
      1,
      5 / 7,
      // A first refresh: no earlier output, so no number of changes.
      null,
      '["Inventory"]',
      // The article's 40% on every row: the chart's reference line is drawn from these cells.
      0.4,
      // The last refresh of its day so far: what the chart plots.
      5 / 7,
    ]);
    expect(p.history!.row[12]!.format).toBe('percent');
  });

  it('a line chart of the active share over every refresh so far, and one page wide', () => {
    const { plan: p } = planRefresh({ ...input([portfolio()]), historyRowCount: 3 });
    const chart = p.history!.chart!;
    expect(chart).toMatchObject({
      kind: 'line',
      categories: { row: 1, col: 0, rowCount: 4, colCount: 1 },
      // One point a day: the "Day's last share" cells, blanks spanned by the line.
      values: { row: 1, col: 13, rowCount: 4, colCount: 1 },
      blanks: 'span',
      valueFormat: 'percent',
      // The 40% line is a series over the "Gartner 2020" cells, not a literal value.
      reference: {
        values: { row: 1, col: 12, rowCount: 4, colCount: 1 },
        name: 'Gartner, expected by 2020',
      },
    });
    // Under the table (header and 3 + 1 rows), a blank row between, as wide as the table.
    expect(chart.anchor.from).toEqual({ row: 6, col: 0 });
    expect(chart.anchor.to.col).toBe(HISTORY_HEADERS.length);
    expect(p.history!.print).toMatchObject({
      orientation: 'landscape',
      fitToPagesWide: 1,
      titleRows: { first: 0, last: 0 },
    });
  });
});

describe('excelSerial', () => {
  it.each([
    [Date.UTC(1970, 0, 1), 25569],
    [Date.UTC(2000, 0, 1), 36526],
    [Date.UTC(2000, 0, 1, 12), 36526.5],
    [Date.UTC(2026, 0, 15, 6), 46037.25],
  ])('%p → %p', (ms, serial) => {
    expect(excelSerial(new Date(ms))).toBeCloseTo(serial, 9);
  });
});
