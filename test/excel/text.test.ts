/**
 * Text derived from user input is always written as text (SPEC §4): a value starting with
 * "=", "+", "-" or "@" never becomes a formula, and number-like text stays text. The fake
 * treats such values the way Range.values is documented to (as formulas: "If the returned value
 * starts with a plus, minus, or equal sign, Excel interprets this value as a formula"), so only
 * the adapter's quote prefix keeps them text. Below ExcelApi 1.16 (Range.valuesAsJson) every text
 * is quoted (issue 25 item 3); the General-cell conversions the fake applies ("Jan 2025", "1e5",
 * "(5)", "12:30 PM", "#N/A", …) are an ASSUMPTION of fake-excel.ts that the self-test's "text"
 * check tests on a real Excel with the same list (CONVERTIBLE_TEXT).
 */

import type { PlanCell, WritePlan } from '../../src/core/write-plan';
import { applySteps, excelText, planSteps } from '../../src/excel/write';
import { FakeExcel } from '../fakes/fake-excel';
import { hostFor } from './helpers';

const TRICKY = [
  '=SUM(A1:A9)',
  '+44 20 7946 0000',
  '-5',
  '- not a number',
  '@mention',
  "'quoted",
  '123',
  'TRUE',
  '1/2/2026',
  '50%',
  'plain text',
  // Excel's conversions in a General cell (the fake's generalReading, checked by the
  // self-test on a real Excel): dates and times, fractions, scientific, accounting negatives,
  // currency, thousands, booleans, error literals.
  'Jan 2025',
  '2-Jan',
  '12:30 PM',
  '1 1/2',
  '1e5',
  '(5)',
  '$1,200',
  'false',
  '#N/A',
];

function planWith(texts: readonly string[]): WritePlan {
  const cells: PlanCell[] = texts.map((t, i) => ({
    row: i,
    col: 0,
    value: t,
    format: 'general',
    style: 'body',
  }));
  return {
    inventory: {
      sheet: 'Inv',
      headerRow: 0,
      firstCol: 2,
      headers: [
        'I&O Role',
        'Role Rationale',
        'Next Role',
        'Priority',
        'Recommended Action',
        'Data Issues',
      ],
      firstRow: 1,
      values: texts.map((t) => [t, t, '', '', t, '']),
      table: null,
      conditionalFormats: [],
      freezeHeaderRow: null,
      autoFilter: null,
      columnWidths: [],
    },
    summary: {
      name: 'IoT Role Summary',
      columnWidths: [],
      cells: [
        ...cells,
        ...texts.map((t, i): PlanCell => ({
          row: i,
          col: 1,
          value: t,
          format: 'text',
          style: 'link',
          link: { sheet: 'Inv', row: i + 1, col: 2 },
        })),
      ],
      dataBars: [],
      chart: null,
    },
    history: null,
    openOn: 'IoT Role Summary',
  };
}

async function write(
  fake: FakeExcel,
  plan: WritePlan,
  onBatch: (done: number, total: number) => void = () => undefined,
): Promise<void> {
  const steps = planSteps(
    hostFor(fake),
    plan,
    {
      name: 'Inv',
      origin: { row: 0, col: 0 },
      values: [],
      tables: [],
      hasFrozenPanes: false,
      hasAutoFilter: false,
      isProtected: false,
    },
    [],
    { summaryPosition: null, history: false },
  );
  await fake.run(async (context) => {
    await applySteps(context, steps, onBatch);
  });
}

describe('progress while writing', () => {
  it('announces the writing phase before the first batch is sent, then after each batch', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Inv', values: [['Initiative', 'Led By']] }] });
    const calls: [number, number, number][] = [];
    await write(fake, planWith(['a']), (done, total) => calls.push([done, total, fake.syncCount]));
    expect(calls.length).toBeGreaterThanOrEqual(2);
    const [first, ...rest] = calls;
    const total = first![1];
    expect(first).toEqual([0, total, 0]);
    expect(rest.map(([done, t]) => [done, t])).toEqual(
      Array.from({ length: total }, (_, i) => [i + 1, total]),
    );
  });
});

describe('cell text that looks like a formula or a number', () => {
  const fake = new FakeExcel({ sheets: [{ name: 'Inv', values: [['Initiative', 'Led By']] }] });
  beforeAll(() => write(fake, planWith(TRICKY)));

  it.each(TRICKY.map((t, i) => [t, i]))(
    'output column cell %j comes back as that text',
    (text, i) => {
      const row = Number(i) + 2;
      for (const col of ['C', 'D', 'G']) {
        const cell = fake.cell('Inv', `${col}${row}`);
        expect(cell.value).toBe(text);
        expect(cell.formula).toBeNull();
        expect(cell.numberFormat).toBe('@');
      }
    },
  );

  it.each(TRICKY.map((t, i) => [t, i]))(
    'summary cell %j (General format) comes back as that text',
    (text, i) => {
      const cell = fake.cell('IoT Role Summary', `A${Number(i) + 1}`);
      expect(cell.value).toBe(text);
      expect(cell.formula).toBeNull();
    },
  );

  it.each(TRICKY.map((t, i) => [t, i]))(
    'linked summary cell %j keeps its text and its link',
    (text, i) => {
      const cell = fake.cell('IoT Role Summary', `B${Number(i) + 1}`);
      expect(cell.value).toBe(text);
      expect(cell.formula).toBeNull();
      expect(cell.hyperlink?.documentReference).toBe(`'Inv'!C${Number(i) + 2}`);
    },
  );

  it.each([
    ['Jan 2025', 45658],
    ['1e5', 100000],
    ['(5)', -5],
    ['12:30 PM', 0.5208333333333334],
    ['50%', 0.5],
    ['$1,200', 1200],
    ['false', false],
  ])(
    '%j in a General cell would have been read as %p without the prefix (the fake is strict)',
    async (text, read) => {
      const raw = new FakeExcel({ sheets: [{ name: 'S', values: [] }] });
      await raw.run(async (context) => {
        context.workbook.worksheets.getItem('S').getRange('A1').values = [[text]];
        await context.sync();
      });
      expect(raw.cell('S', 'A1').value).toBe(read);
    },
  );

  it('would have become formulas without the quote prefix (the fake is strict)', async () => {
    const raw = new FakeExcel({ sheets: [{ name: 'S', values: [] }] });
    await raw.run(async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A1:A2').values = [
        ['=SUM(A1:A9)'],
        ['@mention'],
      ];
      await context.sync();
    });
    expect(raw.cell('S', 'A1').formula).toBe('=SUM(A1:A9)');
    expect(raw.cell('S', 'A2').formula).not.toBeNull();
  });
});

describe('excelText', () => {
  it.each([
    ['=1+1', true, "'=1+1"],
    ['+1', true, "'+1"],
    ['-1', true, "'-1"],
    ['@x', true, "'@x"],
    ["'x", true, "''x"],
    ['123', true, '123'],
    ['Implementer', true, 'Implementer'],
    // A General cell: every text, whatever Excel might make of it.
    ['123', false, "'123"],
    ['TRUE', false, "'TRUE"],
    ['Jan 2025', false, "'Jan 2025"],
    ['Implementer', false, "'Implementer"],
    ['', false, ''],
  ])('%j (text format: %s) is sent as %j', (input, textFormatted, expected) => {
    expect(excelText(input, textFormatted)).toBe(expected);
  });
});

describe('on a host without ExcelApi 1.16 (quote prefix in General cells)', () => {
  const fake = new FakeExcel({
    sheets: [{ name: 'Inv', values: [['Initiative', 'Led By']] }],
    supportedSets: { ExcelApi: '1.9' },
  });
  beforeAll(() => write(fake, planWith(TRICKY)));

  it.each(TRICKY.map((t, i) => [t, i]))('output cell %j comes back as that text', (text, i) => {
    const cell = fake.cell('Inv', `C${Number(i) + 2}`);
    expect(cell.value).toBe(text);
    expect(cell.formula).toBeNull();
    // Never an apostrophe in a Text ("@") cell: what Excel shows there is not documented.
    expect(cell.numberFormat).toBe('General');
  });

  it.each(TRICKY.map((t, i) => [t, i]))('summary cell %j comes back as that text', (text, i) => {
    const cell = fake.cell('IoT Role Summary', `A${Number(i) + 1}`);
    expect(cell.value).toBe(text);
    expect(cell.formula).toBeNull();
  });
});
