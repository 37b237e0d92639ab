/**
 * "Check this Excel": a one-minute self-test of the assumptions the Office.js adapter rests
 * on, for anyone who has Excel (the tests here only know the strict fake, whose `ASSUMPTION:`
 * behaviours each name the check below that covers them). It works on a scratch sheet that it
 * adds and removes, never on the user's sheets (adding, protecting and removing it clears
 * Excel's undo history: the page says so before it starts), and returns a report in plain
 * words the user can copy into an issue. Each check names the page or issue the assumption
 * comes from, and what the adapter does with the answer.
 *
 * A check reports 'pass' (Excel did what the adapter assumes), 'fail' (it did not: the
 * adapter is wrong on this host), 'info' (a fact the documentation leaves open, recorded for
 * the maintainers) or 'skipped' (the host lacks the requirement set).
 */

import { SELF_TEST_TEXT } from '../core/messages';
import { AUTOFILTER_API, UNDO_GROUP_API, officeErrorCode } from './host';
import type { ExcelHost } from './host';
import { CLEAR_COLUMN_CRITERIA_API } from './filter';
import { PAYLOAD_LIMIT_BYTES } from './payload';
import { CHART_ALT_TEXT_API, writeChartAltText } from './chart-alt';
import { PAGE_LAYOUT_API } from './print';
import { TABLE_RESIZE_API, TYPED_VALUES_API, excelText, typedCell } from './write';

export type CheckStatus = 'pass' | 'fail' | 'info' | 'skipped';

/** The checks, in the order they run (their titles are in the catalogue). */
export type CheckId = keyof typeof SELF_TEST_TEXT.titles;

export interface CheckResult {
  id: CheckId;
  title: string;
  status: CheckStatus;
  detail: string;
}

export interface SelfTestReport {
  results: CheckResult[];
  /** The one sentence announced when the checks end ("9 of 11 checks passed."). */
  summary: string;
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

/**
 * Text Excel converts when typed into a General cell (the fake's generalReading models these
 * as an ASSUMPTION; this list checks it): dates and times in common forms, fractions,
 * scientific notation, accounting negatives, percentages, currency, thousands, booleans and
 * error literals.
 */
export const CONVERTIBLE_TEXT: readonly string[] = [
  'Jan 2025',
  '2-Jan',
  '1/2/2026',
  '2026-01-02',
  '12:30 PM',
  '1 1/2',
  '1e5',
  '(5)',
  '50%',
  '$1,200',
  'false',
  '#N/A',
];

type Outcome = Omit<CheckResult, 'id' | 'title'>;
type Check = (host: ExcelHost) => Promise<Outcome>;

/** The host's clock (tests pass one), for the sync-cost check. */
const clock = (host: ExcelHost): number => (host.now ? host.now() : new Date()).getTime();

/** Runs `work` in a plain run; resolves to the Office error code it failed with, or null. */
const codeOf = (
  host: ExcelHost,
  options: Excel.RunOptions,
  work: (context: Excel.RequestContext) => Promise<void>,
): Promise<string | null> =>
  host.run(options, work).then(
    () => null,
    (err: unknown) => officeErrorCode(err) ?? 'unknown error',
  );

/** The check's outcome when the host lacks a requirement set. */
const needs = (version: string): Outcome => ({
  status: 'skipped',
  detail: `needs ExcelApi ${version}`,
});

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

const CHECKS: readonly { id: CheckId; run: Check }[] = [
  {
    id: 'text',
    run: async (host) => {
      const typed = host.isSetSupported('ExcelApi', TYPED_VALUES_API);
      const all = [...TRICKY_TEXT, ...CONVERTIBLE_TEXT];
      const n = all.length;
      const got = await host.run({ delayForCellEdit: true }, async (context) => {
        const ws = sheetOf(context);
        const a = ws.getRange(`A1:A${n}`);
        if (typed) {
          a.numberFormat = all.map(() => ['@']);
          a.valuesAsJson = all.map((t) => [typedCell(t)]);
        } else {
          a.numberFormat = all.map(() => ['General']);
          a.values = all.map((t) => [excelText(t, false)]);
        }
        // Without protection, the conversions the quoted mode guards against (generalReading).
        const c = ws.getRange(`C1:C${CONVERTIBLE_TEXT.length}`);
        c.numberFormat = CONVERTIBLE_TEXT.map(() => ['General']);
        c.values = CONVERTIBLE_TEXT.map((t) => [t]);
        c.load('values, valueTypes');
        // Undocumented: an apostrophe written through Range.values into a Text ("@") cell.
        const b = ws.getRange('B1');
        b.numberFormat = [['@']];
        b.values = [["'=1+1"]];
        a.load('values, formulas');
        b.load('values');
        await context.sync();
        const types = c.valueTypes.map((r) => String(r[0]));
        return {
          values: a.values,
          formulas: a.formulas,
          apostrophe: b.values[0]![0] as unknown,
          // Kept as text: still the same string, and a string (an error reads back as its text).
          converted: c.values.map((r, i) => (types[i] === 'String' ? (r[0] as unknown) : null)),
        };
      });
      const wrong = all.filter((t, i) => got.values[i]![0] !== t || got.formulas[i]![0] !== t);
      // Which of Excel's conversions this Excel made (the fake assumes all of them).
      const kept = CONVERTIBLE_TEXT.filter((t, i) => got.converted[i] === t);
      const note = `apostrophe in an "@" cell reads back as ${JSON.stringify(got.apostrophe)}; unprotected in General, ${CONVERTIBLE_TEXT.length - kept.length} of ${CONVERTIBLE_TEXT.length} were converted${kept.length > 0 ? ` (kept as text: ${kept.map((k) => JSON.stringify(k)).join(', ')})` : ''}`;
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
    run: async (host) => {
      const rows = 26_000;
      const text = 'x'.repeat(200);
      const write = (from: number, count: number, marker: boolean): Promise<string | null> =>
        codeOf(host, { delayForCellEdit: true }, async (context) => {
          const ws = sheetOf(context);
          // Queued first: a request refused at the door must not have run it.
          if (marker) ws.getRange('C1').values = [['marker']];
          ws.getRange(`A${from}:A${from + count - 1}`).values = Array.from(
            { length: count },
            () => [text],
          );
          await context.sync();
        });
      const whole = await write(1, rows, true);
      const limit = `${rows * (text.length + 5)} bytes vs ${PAYLOAD_LIMIT_BYTES}`;
      if (whole === null) {
        return { status: 'info', detail: `no limit on this platform (${limit})` };
      }
      const c1 = await host.run({ delayForCellEdit: true }, async (context) => {
        const r = sheetOf(context).getRange('C1').load('values');
        await context.sync();
        return r.values[0]![0] as unknown;
      });
      const ranNothing = c1 === '' || c1 === null;
      const a = await write(1, rows / 2, false);
      const b = await write(rows / 2 + 1, rows / 2, false);
      return {
        status:
          whole === 'RequestPayloadSizeLimitExceeded' && ranNothing && a === null && b === null
            ? 'pass'
            : 'fail',
        detail: `whole: ${whole}, the write queued before it ${ranNothing ? 'did not run' : 'ran'}; halves: ${a ?? 'ok'}, ${b ?? 'ok'} (${limit})`,
      };
    },
  },
  {
    id: 'sync-cost',
    run: async (host) => {
      // A round trip, then a 2.6 MB write: the figures the ribbon's budget needs
      // (core/ribbon-budget.ts, SyncCost).
      const t0 = clock(host);
      await host.run({ delayForCellEdit: true }, async (context) => {
        sheetOf(context).getRange('A1').load('values');
        await context.sync();
      });
      const t1 = clock(host);
      const rows = 13_000;
      const text = 'x'.repeat(200);
      await host.run({ delayForCellEdit: true }, async (context) => {
        sheetOf(context).getRange(`A1:A${rows}`).values = Array.from({ length: rows }, () => [
          text,
        ]);
        await context.sync();
      });
      const t2 = clock(host);
      const bytes = rows * (text.length + 5);
      const perFull = Math.round(((t2 - t1) * 4_500_000) / bytes);
      return {
        status: 'info',
        detail: `a round trip took ${t1 - t0} ms; a ${(bytes / 1e6).toFixed(1)} MB write ${t2 - t1} ms (about ${perFull} ms for a full 4.5 MB sync)`,
      };
    },
  },
  {
    id: 'autofilter',
    run: async (host) => {
      if (!host.isSetSupported('ExcelApi', AUTOFILTER_API)) return needs(AUTOFILTER_API);
      // What filter.ts relies on (office-js #224: filters are set aside around the writes):
      // criteria read back per column, one column applied keeps the others, clearCriteria
      // then apply per column puts them back exactly.
      return host.run({ delayForCellEdit: true }, async (context) => {
        const ws = sheetOf(context);
        ws.getRange('A1:C5').values = [
          ['Name', 'Role', 'Stage'],
          ['a', 'Driver', 'Idea'],
          ['b', 'Operator', 'Live'],
          ['c', 'Driver', 'Live'],
          ['d', 'Bystander', 'Idea'],
        ];
        ws.autoFilter.apply('A1:C5', 1, { filterOn: 'Values', values: ['Driver'] });
        ws.autoFilter.apply('A1:C5', 2, { filterOn: 'Values', values: ['Live'] });
        const first = ws.autoFilter.load('criteria');
        await context.sync();
        const before = first.criteria.map((c) => JSON.stringify(c.values ?? null));
        ws.autoFilter.clearCriteria();
        first.criteria.forEach((c, i) => {
          if (Array.isArray(c.values)) {
            ws.autoFilter.apply('A1:C5', i, { filterOn: 'Values', values: c.values });
          }
        });
        const again = ws.autoFilter.load('criteria');
        await context.sync();
        const after = again.criteria.map((c) => JSON.stringify(c.values ?? null));
        const both = before[1] === '["Driver"]' && before[2] === '["Live"]';
        const same = JSON.stringify(before) === JSON.stringify(after);
        ws.autoFilter.remove();
        await context.sync();
        return {
          status: both && same ? 'pass' : 'fail',
          detail: `read back ${before.join(' | ')}; after clearing and putting back ${after.join(' | ')}`,
        };
      });
    },
  },
  {
    id: 'sort-state',
    run: async (host) => {
      if (!host.isSetSupported('ExcelApi', CLEAR_COLUMN_CRITERIA_API)) {
        return needs(CLEAR_COLUMN_CRITERIA_API);
      }
      // filter.ts sets filters aside column by column on 1.14 so the sort survives; the
      // reference says clearCriteria clears "the filter criteria and sort state" and names no
      // sort state for clearColumnCriteria. A table's sort reads back (TableSort.fields).
      return host.run({ delayForCellEdit: true }, async (context) => {
        const ws = sheetOf(context);
        ws.getRange('A1:B4').values = [
          ['Name', 'Role'],
          ['b', 'Driver'],
          ['a', 'Operator'],
          ['c', 'Driver'],
        ];
        const t = ws.tables.add('A1:B4', true);
        t.sort.apply([{ key: 0, ascending: true }]);
        t.columns.getItem('Role').filter.applyValuesFilter(['Driver']);
        await context.sync();
        t.autoFilter.clearColumnCriteria(1);
        const kept = t.sort.load('fields');
        await context.sync();
        const afterColumn = kept.fields.length;
        t.autoFilter.clearCriteria();
        const cleared = t.sort.load('fields');
        await context.sync();
        const afterAll = cleared.fields.length;
        return {
          status: afterColumn === 1 && afterAll === 0 ? 'pass' : 'fail',
          detail: `sort fields after clearing one column: ${afterColumn}; after clearing all: ${afterAll}`,
        };
      });
    },
  },
  {
    id: 'page-layout',
    run: async (host) => {
      if (!host.isSetSupported('ExcelApi', PAGE_LAYOUT_API)) return needs(PAGE_LAYOUT_API);
      // What print.ts sets on the summary sheet, read back.
      return host.run({ delayForCellEdit: true }, async (context) => {
        const layout = sheetOf(context).pageLayout;
        layout.orientation = 'Landscape';
        layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
        layout.centerHorizontally = true;
        layout.setPrintMargins('Inches', { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5 });
        layout.load('orientation, zoom, centerHorizontally');
        await context.sync();
        const ok =
          layout.orientation === 'Landscape' &&
          layout.zoom.horizontalFitToPages === 1 &&
          layout.centerHorizontally;
        return {
          status: ok ? 'pass' : 'fail',
          detail: `orientation ${layout.orientation}, zoom ${JSON.stringify(layout.zoom)}, centred ${String(layout.centerHorizontally)}`,
        };
      });
    },
  },
  {
    id: 'chart-missing',
    run: async (host) => {
      // The summary is rebuilt by deleting its chart through getItemOrNullObject, which may
      // find none (the fake's ASSUMPTION: delete on a null object does nothing).
      const code = await codeOf(host, { delayForCellEdit: true }, async (context) => {
        sheetOf(context).charts.getItemOrNullObject('RoleMap no such chart').delete();
        await context.sync();
      });
      return {
        status: code === null ? 'pass' : 'fail',
        detail: code === null ? 'nothing happened' : `failed with ${code}`,
      };
    },
  },
  {
    id: 'chart-alt-text',
    run: async (host) => {
      if (!host.isSetSupported('ExcelApi', CHART_ALT_TEXT_API)) return needs(CHART_ALT_TEXT_API);
      // chart-alt.ts writes a chart's alt text on the shape named as the chart, when the sheet's
      // shapes list one of type "Unsupported" (the documentation leaves this open): recorded.
      return host.run({ delayForCellEdit: true }, async (context) => {
        const ws = sheetOf(context);
        ws.getRange('A1:B2').values = [
          ['a', 1],
          ['b', 2],
        ];
        const chart = ws.charts.add('BarClustered', ws.getRange('B1:B2'), 'Columns');
        chart.name = 'RoleMap alt text';
        const written = await writeChartAltText(context, host, [
          { sheet: SCRATCH_SHEET, name: 'RoleMap alt text', altText: 'Two bars.' },
        ]);
        const shapes = ws.shapes.load('items/name,items/type,items/altTextDescription');
        await context.sync();
        const found = shapes.items.find((s) => s.name === 'RoleMap alt text');
        chart.delete();
        await context.sync();
        return {
          status: 'info',
          detail: found
            ? `the chart is a shape of type ${found.type}; alt text ${written > 0 ? `written: "${found.altTextDescription}"` : 'not written'}`
            : "the chart is not among the sheet's shapes: charts get no alt text on this host",
        };
      });
    },
  },
  {
    id: 'code-protected',
    run: async (host) => {
      // service.ts turns AccessDenied into the protected-sheet sentence.
      await host.run({ delayForCellEdit: true }, async (context) => {
        sheetOf(context).protection.protect();
        await context.sync();
      });
      const code = await codeOf(host, { delayForCellEdit: true }, async (context) => {
        sheetOf(context).getRange('A1').values = [['x']];
        await context.sync();
      });
      await host.run({ delayForCellEdit: true }, async (context) => {
        sheetOf(context).protection.unprotect();
        await context.sync();
      });
      return {
        status: code === 'AccessDenied' ? 'pass' : 'fail',
        detail: `a write to the protected sheet ${code === null ? 'went through' : `failed with ${code}`}`,
      };
    },
  },
  {
    id: 'code-undo',
    run: async (host) => {
      if (!host.isSetSupported('ExcelApi', UNDO_GROUP_API)) return needs(UNDO_GROUP_API);
      // undo.ts runs a refresh again without the group on UndoNotSupported; protecting a sheet
      // has no undo support on any platform ("Undo capabilities", Unsupported APIs).
      const code = await codeOf(host, { mergeUndoGroup: true }, async (context) => {
        sheetOf(context).protection.protect();
        await context.sync();
      });
      if (code === null) {
        await host.run({ delayForCellEdit: true }, async (context) => {
          sheetOf(context).protection.unprotect();
          await context.sync();
        });
      }
      return {
        status: code === 'UndoNotSupported' ? 'pass' : 'fail',
        detail: `protecting a sheet inside an undo group ${code === null ? 'went through' : `failed with ${code}`}`,
      };
    },
  },
  {
    id: 'code-cell-edit',
    run: async (host) => {
      // Only a person typing in a cell can provoke it: a batch without delayForCellEdit either
      // meets cell-edit mode (and must fail with this code) or does not.
      const code = await codeOf(host, {}, async (context) => {
        sheetOf(context).getRange('A1').values = [['x']];
        await context.sync();
      });
      if (code === null) {
        return {
          status: 'skipped',
          detail:
            'Excel was not in cell-edit mode (type in a cell of another sheet while the checks run to test it)',
        };
      }
      return {
        status: code === 'InvalidOperationInCellEditMode' ? 'pass' : 'fail',
        detail: `a change during cell edit failed with ${code}`,
      };
    },
  },
  {
    id: 'countifs',
    run: async (host) => {
      // service.ts counts a sheet's blank rows with COUNTIFS(column, "", …) over every column.
      const got = await host.run({ delayForCellEdit: true }, async (context) => {
        const ws = sheetOf(context);
        ws.getRange('A1:B6').values = [
          ['a', 'x'],
          ['', ''],
          ['b', ''],
          ['', 'y'],
          ['', ''],
          [0, ''],
        ];
        const result = context.workbook.functions.countIfs(
          ws.getRange('A1:A6'),
          '',
          ws.getRange('B1:B6'),
          '',
        );
        result.load('value, error');
        await context.sync();
        return { value: result.value, error: result.error };
      });
      return {
        status: got.value === 2 && !got.error ? 'pass' : 'fail',
        detail: `rows blank in both columns: ${String(got.value)} (expected 2)${got.error ? `, error ${got.error}` : ''}`,
      };
    },
  },
  {
    id: 'settings',
    run: async (host) => {
      // The mapping and the run state are saved as JSON strings (Excel.SettingCollection).
      const key = 'iotRoleMap.selfTest';
      const value = JSON.stringify({ sheet: 'Q1 "IoT" — Übersicht', n: 1.5, list: ['a', ''] });
      const got = await host.run({ delayForCellEdit: true }, async (context) => {
        context.workbook.settings.add(key, value);
        await context.sync();
        const item = context.workbook.settings.getItem(key).load('value');
        await context.sync();
        const read = item.value as unknown;
        context.workbook.settings.getItem(key).delete();
        const gone = context.workbook.settings.getItemOrNullObject(key).load('value');
        await context.sync();
        return { read, deleted: gone.isNullObject };
      });
      return {
        status: got.read === value && got.deleted ? 'pass' : 'fail',
        detail: `read back ${got.read === value ? 'exactly' : JSON.stringify(got.read)}; ${got.deleted ? 'deleted' : 'still there after delete'}`,
      };
    },
  },
  {
    id: 'sheet-rules',
    run: async (host) => {
      // What the fake assumes about sheets (test/fakes/fake-excel.ts, each an ASSUMPTION: the
      // reference is silent): a name over 31 characters is refused, a hidden sheet cannot be
      // activated, a link to a missing sheet is refused, and a range on a sheet that is not
      // active is not selected. The adapter activates before it selects and links and names only
      // its own sheets, so only the first two decide pass or fail; the others are recorded.
      const rename = await codeOf(host, { delayForCellEdit: true }, async (context) => {
        sheetOf(context).name = 'N'.repeat(32);
        await context.sync();
      });
      const link = await codeOf(host, { delayForCellEdit: true }, async (context) => {
        sheetOf(context).getRange('A1').hyperlink = {
          documentReference: "'No such sheet, IoT Role Map'!A1",
          textToDisplay: 'link',
        };
        await context.sync();
      });
      // The scratch sheet was added, not activated: selecting on it while another sheet is active.
      const select = await codeOf(host, { delayForCellEdit: true }, async (context) => {
        const active = context.workbook.worksheets.getActiveWorksheet().load('name');
        await context.sync();
        if (active.name === SCRATCH_SHEET) return;
        sheetOf(context).getRange('B2').select();
        await context.sync();
      });
      if (!host.isSetSupported('ExcelApi', '1.2')) return needs('1.2');
      const activate = await codeOf(host, { delayForCellEdit: true }, async (context) => {
        sheetOf(context).visibility = 'Hidden';
        await context.sync();
        sheetOf(context).activate();
        await context.sync();
      });
      await host.run({ delayForCellEdit: true }, async (context) => {
        sheetOf(context).visibility = 'Visible';
        await context.sync();
      });
      const refused = (code: string | null): string => (code === null ? 'accepted' : code);
      return {
        status: rename !== null && activate !== null ? 'pass' : 'fail',
        detail: `32-character name: ${refused(rename)}; activating a hidden sheet: ${refused(activate)}; link to a missing sheet: ${refused(link)}; selecting on an inactive sheet: ${refused(select)}`,
      };
    },
  },
  {
    id: 'ranges',
    run: async (host) => {
      // The used range with valuesOnly ignores formatting; a new table is named "TableN"; a
      // typed list over 255 characters is refused (fake: ASSUMPTIONs but the first).
      const got = await host.run({ delayForCellEdit: true }, async (context) => {
        const ws = sheetOf(context);
        const empty = ws.getUsedRangeOrNullObject(true).load('address');
        await context.sync();
        ws.getRange('B2:C3').values = [
          ['a', 'b'],
          ['c', 'd'],
        ];
        ws.getRange('E6').format.fill.color = '#FFFF00';
        const used = ws.getUsedRangeOrNullObject(true).load('address');
        ws.getRange('H1:H2').values = [['Name'], ['x']];
        const table = ws.tables.add('H1:H2', true).load('name');
        await context.sync();
        return { empty: empty.isNullObject, used: used.address, table: table.name };
      });
      const list = await codeOf(host, { delayForCellEdit: true }, async (context) => {
        const source = Array.from({ length: 64 }, (_, i) => `v${String(i).padStart(3, '0')}`).join(
          ',',
        );
        sheetOf(context).getRange('A10').dataValidation.rule = {
          list: { inCellDropDown: true, source },
        };
        await context.sync();
      });
      const local = got.used.slice(got.used.lastIndexOf('!') + 1).replace(/\$/g, '');
      const ok = got.empty && local === 'B2:C3' && /^Table\d+$/.test(got.table) && list !== null;
      return {
        status: ok ? 'pass' : 'fail',
        detail: `blank sheet: ${got.empty ? 'no used range' : 'a used range'}; used range with values only: ${local} (expected B2:C3); new table named "${got.table}"; list over 255 characters: ${list ?? 'accepted'}`,
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
            results.push({
              id: check.id,
              title: SELF_TEST_TEXT.titles[check.id],
              ...(await check.run(host)),
            });
          } catch (err) {
            const reason = err instanceof Error ? err.message : String(err);
            results.push({
              id: check.id,
              title: SELF_TEST_TEXT.titles[check.id],
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
  return { results, summary: reportSummary(results), text: reportText(host, results) };
}

/** The one sentence announced when the checks end: passes out of the checks that ran. */
export function reportSummary(results: readonly CheckResult[]): string {
  const count = (status: CheckStatus): number => results.filter((r) => r.status === status).length;
  return SELF_TEST_TEXT.summary(count('pass'), count('fail'), count('pass') + count('fail'));
}

/**
 * The report as the user copies it: the total first, then one line per check in plain
 * words ("Passed: … — detail"), failures first so a bug report leads with them.
 */
export function reportText(
  host: Pick<ExcelHost, 'isSetSupported'>,
  results: readonly CheckResult[],
): string {
  const sets = ['1.9', '1.13', '1.14', '1.16', '1.20'].filter((v) =>
    host.isSetSupported('ExcelApi', v),
  );
  const order: readonly CheckStatus[] = ['fail', 'pass', 'info', 'skipped'];
  const sorted = [...results].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  const lines = [
    reportSummary(results),
    SELF_TEST_TEXT.header(sets.length > 0 ? sets.join(', ') : 'below 1.9'),
    ...sorted.map((r) => `${SELF_TEST_TEXT.status[r.status]}: ${r.title} — ${r.detail} [${r.id}]`),
  ];
  return lines.join('\n');
}
