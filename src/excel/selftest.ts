/**
 * "Check this Excel": a one-minute self-test of the assumptions the Office.js adapter rests
 * on, for anyone who has Excel (the tests here only know the strict fake). It works on a
 * scratch sheet that it adds and removes, never on the user's sheets, and returns a short
 * report the user can copy into an issue. Each check names the page or issue the assumption
 * comes from, and what the adapter does with the answer.
 *
 * A check reports 'pass' (Excel did what the adapter assumes), 'fail' (it did not: the
 * adapter is wrong on this host), 'info' (a fact the documentation leaves open, recorded for
 * the maintainers) or 'skipped' (the host lacks the requirement set).
 */

import type { ExcelHost } from './host';
import { UNDO_GROUP_API, officeErrorCode } from './host';
import { PAYLOAD_LIMIT_BYTES } from './payload';
import { TABLE_RESIZE_API, TYPED_VALUES_API, excelText, typedCell } from './write';

export type CheckStatus = 'pass' | 'fail' | 'info' | 'skipped';

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
}

export interface SelfTestReport {
  results: CheckResult[];
  /** The report as plain text, to copy. */
  text: string;
}

/** The scratch sheet's name (removed again at the end). */
export const SCRATCH_SHEET = 'RoleMap Self-Test';

/** Text that must come back exactly: formula-, number- and quote-like strings. */
export const TRICKY_TEXT: readonly string[] = [
  '=1+1',
  '+44 20 7946 0000',
  '-5',
  '@mention',
  "'quoted",
  "''twice",
  '123',
  'TRUE',
];

type Check = (host: ExcelHost) => Promise<Omit<CheckResult, 'id' | 'title'>>;

const sheetOf = (context: Excel.RequestContext): Excel.Worksheet =>
  context.workbook.worksheets.getItem(SCRATCH_SHEET);

/** Clears the scratch sheet between checks (one plain run). */
async function clearScratch(host: ExcelHost): Promise<void> {
  await host.run({ delayForCellEdit: true }, async (context) => {
    const ws = sheetOf(context);
    ws.tables.load('items/name');
    await context.sync();
    ws.tables.items.forEach((t) => t.delete());
    ws.getRange().clear('All');
    ws.getRange().conditionalFormats.clearAll();
    await context.sync();
  });
}

const CHECKS: readonly { id: string; title: string; run: Check }[] = [
  {
    id: 'text',
    title: 'Text stays text (valuesAsJson String, ExcelApi 1.16; else quote prefix in General)',
    run: async (host) => {
      const typed = host.isSetSupported('ExcelApi', TYPED_VALUES_API);
      const n = TRICKY_TEXT.length;
      const got = await host.run({ delayForCellEdit: true }, async (context) => {
        const ws = sheetOf(context);
        const a = ws.getRange(`A1:A${n}`);
        if (typed) {
          a.numberFormat = TRICKY_TEXT.map(() => ['@']);
          a.valuesAsJson = TRICKY_TEXT.map((t) => [typedCell(t)]);
        } else {
          a.numberFormat = TRICKY_TEXT.map(() => ['General']);
          a.values = TRICKY_TEXT.map((t) => [excelText(t, false)]);
        }
        // Undocumented: an apostrophe written through Range.values into a Text ("@") cell.
        const b = ws.getRange('B1');
        b.numberFormat = [['@']];
        b.values = [["'=1+1"]];
        a.load('values, formulas');
        b.load('values');
        await context.sync();
        return { values: a.values, formulas: a.formulas, apostrophe: b.values[0]![0] as unknown };
      });
      const wrong = TRICKY_TEXT.filter(
        (t, i) => got.values[i]![0] !== t || got.formulas[i]![0] !== t,
      );
      const note = `apostrophe in an "@" cell reads back as ${JSON.stringify(got.apostrophe)}`;
      return wrong.length === 0
        ? { status: 'pass', detail: `${typed ? 'typed' : 'quoted'}: all ${n} exact; ${note}` }
        : {
            status: 'fail',
            detail: `changed: ${wrong.map((w) => JSON.stringify(w)).join(', ')}; ${note}`,
          };
    },
  },
  {
    id: 'partial',
    title: 'A failing batch keeps the operations before the failure (traceMessages)',
    run: async (host) => {
      let code: string | null = null;
      await host
        .run({ delayForCellEdit: true }, async (context) => {
          const ws = sheetOf(context);
          ws.getRange('A1').values = [['before']];
          ws.tables.getItem('NoSuchTable').getRange().load('address');
          await context.sync();
        })
        .catch((err: unknown) => {
          code = officeErrorCode(err);
        });
      const a1 = await host.run({ delayForCellEdit: true }, async (context) => {
        const r = sheetOf(context).getRange('A1').load('values');
        await context.sync();
        return r.values[0]![0] as unknown;
      });
      return {
        status: code !== null && a1 === 'before' ? 'pass' : 'info',
        detail: `failed with ${String(code)}; the write before it ${a1 === 'before' ? 'stayed' : 'did not stay'}`,
      };
    },
  },
  {
    id: 'table-name',
    title: 'A table column named like an existing one is renamed by Excel ("Priority2")',
    run: async (host) => {
      const resize = host.isSetSupported('ExcelApi', TABLE_RESIZE_API);
      const got = await host.run({ delayForCellEdit: true }, async (context) => {
        const ws = sheetOf(context);
        ws.getRange('A1:B3').values = [
          ['Name', 'Priority'],
          ['a', 'High'],
          ['b', 'Low'],
        ];
        const t = ws.tables.add('A1:B3', true);
        // A marker right of the table in one of its rows: it must not move.
        ws.getRange('E2').values = [['marker']];
        await context.sync();
        if (resize) {
          ws.getRange('C1').values = [['Priority']];
          t.resize('A1:C3');
        } else {
          t.columns.add(undefined, undefined, 'Priority');
        }
        const header = t.getHeaderRowRange().load('values');
        const e2 = ws.getRange('E2:F2').load('values');
        await context.sync();
        return { header: header.values[0]!.map(String), e2: e2.values[0]! };
      });
      const name = got.header[2] ?? '';
      const moved = got.e2[0] !== 'marker';
      const how = resize ? 'Table.resize' : 'TableColumnCollection.add';
      return {
        status: name === 'Priority2' && (resize ? !moved : true) ? 'pass' : 'fail',
        detail: `${how}: new column named "${name}"; the marker right of the table ${moved ? 'moved' : 'stayed'}`,
      };
    },
  },
  {
    id: 'undo-group',
    title: 'A sheet rebuilt in place twice inside an undo group (ExcelApi 1.20)',
    run: async (host) => {
      if (!host.isSetSupported('ExcelApi', UNDO_GROUP_API)) {
        return { status: 'skipped', detail: `needs ExcelApi ${UNDO_GROUP_API}` };
      }
      const rebuild = async (round: number): Promise<string | null> => {
        try {
          await host.run({ mergeUndoGroup: true }, async (context) => {
            const ws = sheetOf(context);
            ws.charts.load('items/name');
            await context.sync();
            ws.getRange().clear('All');
            ws.getRange().conditionalFormats.clearAll();
            ws.charts.items.forEach((c) => c.delete());
            ws.getRange('A1:B2').values = [
              ['Role', 'Count'],
              [`Round ${round}`, round],
            ];
            ws.charts.add('BarClustered', ws.getRange('A1:B2'), 'Columns');
            await context.sync();
          });
          return null;
        } catch (err) {
          return officeErrorCode(err) ?? 'unknown error';
        }
      };
      const first = await rebuild(1);
      const second = await rebuild(2);
      let combined: string | null = null;
      await host
        .run({ mergeUndoGroup: true, delayForCellEdit: true }, async (context) => {
          sheetOf(context).getRange('D1').values = [['x']];
          await context.sync();
        })
        .catch((err: unknown) => {
          combined = officeErrorCode(err) ?? 'unknown error';
        });
      return {
        status: first === null && second === null ? 'pass' : 'fail',
        detail: `first ${first ?? 'ok'}, second ${second ?? 'ok'}; with delayForCellEdit too: ${combined ?? 'ok'} (office-js #6711)`,
      };
    },
  },
  {
    id: 'rules',
    title: 'Conditional-format rules read back: type and formula relative to their top-left cell',
    run: async (host) => {
      const got = await host.run({ delayForCellEdit: true }, async (context) => {
        const ws = sheetOf(context);
        const cf = ws.getRange('A2:A10').conditionalFormats.add('Custom');
        cf.custom.rule.formula = '=$A2="x"';
        await context.sync();
        // Fetched through a cell below the top-left (office-js #5194).
        const formats = ws.getRange('A5').conditionalFormats.load('items/type');
        await context.sync();
        const rules = formats.items.map((f) => f.custom.rule.load('formula, formulaR1C1'));
        await context.sync();
        return formats.items.map((f, i) => ({
          type: f.type,
          formula: rules[i]!.formula,
          r1c1: rules[i]!.formulaR1C1,
        }));
      });
      const r = got[0];
      const ok = got.length === 1 && r?.type === 'Custom' && r.formula === '=$A2="x"';
      return {
        status: ok ? 'pass' : 'fail',
        detail: r ? `${r.type} ${r.formula} (${r.r1c1})` : 'no rule read back',
      };
    },
  },
  {
    id: 'payload',
    title: 'A request over 5 MB is refused whole, and the same write split in two goes through',
    run: async (host) => {
      const rows = 26_000;
      const text = 'x'.repeat(200);
      const write = (from: number, count: number): Promise<string | null> =>
        host
          .run({ delayForCellEdit: true }, async (context) => {
            sheetOf(context).getRange(`A${from}:A${from + count - 1}`).values = Array.from(
              { length: count },
              () => [text],
            );
            await context.sync();
          })
          .then(
            () => null,
            (err: unknown) => officeErrorCode(err) ?? 'unknown error',
          );
      const whole = await write(1, rows);
      const limit = `${rows * (text.length + 5)} bytes vs ${PAYLOAD_LIMIT_BYTES}`;
      if (whole === null) {
        return { status: 'info', detail: `no limit on this platform (${limit})` };
      }
      const a = await write(1, rows / 2);
      const b = await write(rows / 2 + 1, rows / 2);
      return {
        status:
          whole === 'RequestPayloadSizeLimitExceeded' && a === null && b === null ? 'pass' : 'fail',
        detail: `whole: ${whole}; halves: ${a ?? 'ok'}, ${b ?? 'ok'} (${limit})`,
      };
    },
  },
];

/** Runs every check on a scratch sheet and removes it again; never throws for a check. */
export async function runSelfTest(host: ExcelHost): Promise<SelfTestReport> {
  await host.run({ delayForCellEdit: true }, async (context) => {
    const old = context.workbook.worksheets.getItemOrNullObject(SCRATCH_SHEET);
    old.load('name');
    await context.sync();
    if (old.isNullObject) context.workbook.worksheets.add(SCRATCH_SHEET);
    await context.sync();
  });
  const results: CheckResult[] = [];
  try {
    // One after the other, each on a cleared sheet.
    await CHECKS.reduce(
      (prev, check) =>
        prev.then(async () => {
          await clearScratch(host);
          try {
            results.push({ id: check.id, title: check.title, ...(await check.run(host)) });
          } catch (err) {
            const reason = err instanceof Error ? err.message : String(err);
            results.push({
              id: check.id,
              title: check.title,
              status: 'fail',
              detail: `${officeErrorCode(err) ?? 'error'}: ${reason.split('\n')[0] ?? ''}`,
            });
          }
        }),
      Promise.resolve(),
    );
  } finally {
    await host.run({ delayForCellEdit: true }, async (context) => {
      context.workbook.worksheets.getItem(SCRATCH_SHEET).delete();
      await context.sync();
    });
  }
  return { results, text: reportText(host, results) };
}

/** The report as the user copies it. */
export function reportText(
  host: Pick<ExcelHost, 'isSetSupported'>,
  results: readonly CheckResult[],
): string {
  const sets = ['1.13', '1.16', '1.20'].filter((v) => host.isSetSupported('ExcelApi', v));
  const lines = [
    `IoT Role Map self-test — ExcelApi ${sets.length > 0 ? sets.join(', ') : 'below 1.13'} supported`,
    ...results.map((r) => `[${r.status}] ${r.id}: ${r.title} — ${r.detail}`),
  ];
  return lines.join('\n');
}
