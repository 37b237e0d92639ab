/**
 * The fake must fail where Excel fails, or the adapter's tests prove nothing.
 */

import { FakeExcel, FakeOfficeError, PAYLOAD_LIMIT_BYTES } from './fake-excel';

function workbook(): FakeExcel {
  return new FakeExcel({
    sheets: [
      {
        name: 'Data',
        values: [
          ['Initiative', 'Led By'],
          ['Sensors', 'IT'],
        ],
      },
      { name: 'Locked', values: [['x']], protected: true },
    ],
  });
}

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (e) {
    return e instanceof FakeOfficeError ? e.code : `not an Office error: ${String(e)}`;
  }
}

describe('loading', () => {
  it('throws PropertyNotLoaded when a property is read before load', async () => {
    const fake = workbook();
    const code = await codeOf(
      fake.run(async (context) => {
        const range = context.workbook.worksheets.getItem('Data').getRange('A1:B2');
        await context.sync();
        return range.values;
      }),
    );
    expect(code).toBe('PropertyNotLoaded');
  });

  it('throws PropertyNotLoaded when a property is read after load but before sync', async () => {
    const fake = workbook();
    const code = await codeOf(
      fake.run(async (context) => {
        const range = context.workbook.worksheets.getItem('Data').getRange('A1:B2');
        range.load('values');
        const v = range.values;
        await context.sync();
        return v;
      }),
    );
    expect(code).toBe('PropertyNotLoaded');
  });

  it('returns values after load + sync, and isNullObject for …OrNullObject', async () => {
    const fake = workbook();
    const out = await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Data').getRange('A1:B2');
      range.load('values, address');
      const missing = context.workbook.worksheets.getItemOrNullObject('Nope');
      missing.load('name');
      await context.sync();
      return { values: range.values, address: range.address, missing: missing.isNullObject };
    });
    expect(out).toEqual({
      values: [
        ['Initiative', 'Led By'],
        ['Sensors', 'IT'],
      ],
      address: 'Data!A1:B2',
      missing: true,
    });
  });

  it('loads collection items with nested paths', async () => {
    const fake = workbook();
    const names = await fake.run(async (context) => {
      const sheets = context.workbook.worksheets.load('items/name, items/protection/protected');
      await context.sync();
      return sheets.items.map((s) => [s.name, s.protection.protected]);
    });
    expect(names).toEqual([
      ['Data', false],
      ['Locked', true],
    ]);
  });
});

describe('object lifetime', () => {
  it('throws InvalidObjectPath when an object is used after its run ended', async () => {
    const fake = workbook();
    const range = await fake.run(async (context) => {
      const r = context.workbook.worksheets.getItem('Data').getRange('A1');
      await context.sync();
      return r;
    });
    expect(() => range.load('values')).toThrow(FakeOfficeError);
    expect(() => {
      range.values = [['late']];
    }).toThrow(expect.objectContaining({ code: 'InvalidObjectPath' }) as Error);
  });

  it('refuses a run that ends with operations never synced', async () => {
    const fake = workbook();
    const code = await codeOf(
      fake.run((context) => {
        context.workbook.worksheets.getItem('Data').getRange('C1').values = [['lost']];
        return Promise.resolve();
      }),
    );
    expect(code).toBe('FakeUnsyncedOperations');
  });
});

describe('batches', () => {
  it('applies queued operations only at sync', async () => {
    const fake = workbook();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRange('C1').values = [['new']];
      expect(fake.cell('Data', 'C1').value).toBeNull();
      await context.sync();
    });
    expect(fake.cell('Data', 'C1').value).toBe('new');
    expect(fake.syncCount).toBe(1);
  });

  it('keeps what ran before the operation that fails (here: a write to a protected sheet)', async () => {
    const fake = workbook();
    const code = await codeOf(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('Data').getRange('C1').values = [['first']];
        context.workbook.worksheets.getItem('Locked').getRange('A2').values = [['denied']];
        await context.sync();
      }),
    );
    expect(code).toBe('AccessDenied');
    // Excel is not transactional: the write before the failing one stays.
    expect(fake.cell('Data', 'C1').value).toBe('first');
    expect(fake.cell('Locked', 'A2').value).toBeNull();
  });

  it('fails the k-th sync on demand, after the operations before the failure point', async () => {
    const fake = workbook();
    fake.failSync(2, 'GeneralException', 0);
    const code = await codeOf(
      fake.run(async (context) => {
        const ws = context.workbook.worksheets.getItem('Data');
        ws.getRange('C1').values = [['one']];
        await context.sync();
        ws.getRange('C2').values = [['two']];
        await context.sync();
      }),
    );
    expect(code).toBe('GeneralException');
    expect(fake.values('Data', 'C1:C2')).toEqual([['one'], [null]]);
  });

  it('rejects a values array whose size does not match the range', async () => {
    const fake = workbook();
    const code = await codeOf(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('Data').getRange('A1:B2').values = [['only one']];
        await context.sync();
      }),
    );
    expect(code).toBe('InvalidArgument');
  });

  it('applies a single number format (a 1x1 array) to every cell of a range', async () => {
    const fake = workbook();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRange('C1:D3').numberFormat = [['@']];
      await context.sync();
    });
    for (const a of ['C1', 'D1', 'C3', 'D3']) expect(fake.cell('Data', a).numberFormat).toBe('@');
    expect(fake.cell('Data', 'B1').numberFormat).toBe('General');
    // Any other shape must match the range.
    const code = await codeOf(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('Data').getRange('C1:D3').numberFormat = [['@', '@']];
        await context.sync();
      }),
    );
    expect(code).toBe('InvalidArgument');
  });

  it('undoes a range write that fails half-way, cell by cell, formulas and formats included', async () => {
    const fake = new FakeExcel({
      sheets: [
        {
          name: 'Data',
          values: [
            ['a', 'b', null],
            [1, 2, 3],
          ],
          formulas: { B2: '=A2*2' },
          numberFormats: { 'A1:B1': '@' },
        },
      ],
    });
    const before = fake.dump('Data');
    // The third cell of each write is not a value Excel takes: the operation fails after
    // writing the first two, and only its own half-done changes are undone.
    const bad = { not: 'a value' } as unknown as string;
    const codes = [
      await codeOf(
        fake.run(async (context) => {
          context.workbook.worksheets.getItem('Data').getRange('A2:C3').values = [
            ['x', '=1+1', bad],
            ['y', 'z', 'w'],
          ];
          await context.sync();
        }),
      ),
      await codeOf(
        fake.run(async (context) => {
          context.workbook.worksheets.getItem('Data').getRange('A1:D1').valuesAsJson = [
            [
              { type: 'String', basicValue: 'p' },
              { type: 'Double', basicValue: 4 },
              { type: 'Error', basicValue: '#N/A' } as unknown as Excel.CellValue,
              { type: 'Empty', basicValue: '' },
            ],
          ];
          await context.sync();
        }),
      ),
      await codeOf(
        fake.run(async (context) => {
          context.workbook.worksheets.getItem('Data').getRange('A1:C2').numberFormat = [
            ['0.0', '0.0', 7],
            ['0.0', '0.0', '0.0'],
          ];
          await context.sync();
        }),
      ),
    ];
    expect(codes).toEqual(['InvalidArgument', 'InvalidArgument', 'InvalidArgument']);
    expect(fake.dump('Data')).toBe(before);
    expect(fake.sheet('Data').values).toHaveLength(2);
    expect(fake.cell('Data', 'B2').formula).toBe('=A2*2');
  });

  it('throws ItemNotFound for a missing sheet', async () => {
    const fake = workbook();
    const code = await codeOf(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('Gone').getRange('A1').load('values');
        await context.sync();
      }),
    );
    expect(code).toBe('ItemNotFound');
  });
});

describe('payload limits', () => {
  it('throws RequestPayloadSizeLimitExceeded over 5 MB and applies nothing', async () => {
    const fake = workbook();
    const rows = 60_000;
    const big = Array.from({ length: rows }, () => ['x'.repeat(100)]);
    const code = await codeOf(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('Data').getRange(`D1:D${rows}`).values = big;
        await context.sync();
      }),
    );
    expect(code).toBe('RequestPayloadSizeLimitExceeded');
    expect(fake.requestSizes[0]).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    expect(fake.cell('Data', 'D1').value).toBeNull();
  });

  it('throws ResponsePayloadSizeLimitExceeded when a read returns over 5 MB', async () => {
    const rows = 60_000;
    const fake = new FakeExcel({
      sheets: [{ name: 'Big', values: Array.from({ length: rows }, () => ['y'.repeat(100)]) }],
    });
    const code = await codeOf(
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('Big').getRange(`A1:A${rows}`).load('values');
        await context.sync();
      }),
    );
    expect(code).toBe('ResponsePayloadSizeLimitExceeded');
  });

  it('measures requests in UTF-8 bytes', async () => {
    const fake = workbook();
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRange('C1').values = [['→✓€']];
      await context.sync();
    });
    const ascii = new FakeExcel({ sheets: [{ name: 'Data' }] });
    await ascii.run(async (context) => {
      context.workbook.worksheets.getItem('Data').getRange('C1').values = [['abc']];
      await context.sync();
    });
    expect(fake.requestSizes[0]! - ascii.requestSizes[0]!).toBe(6);
  });
});

describe('host facts', () => {
  it('answers isSetSupported from the configured versions', () => {
    const fake = new FakeExcel({ sheets: [{ name: 'A' }], supportedSets: { ExcelApi: '1.9' } });
    expect(fake.isSetSupported('ExcelApi', '1.7')).toBe(true);
    expect(fake.isSetSupported('ExcelApi', '1.9')).toBe(true);
    expect(fake.isSetSupported('ExcelApi', '1.10')).toBe(false);
    expect(fake.isSetSupported('ExcelApi', '1.20')).toBe(false);
    expect(fake.isSetSupported('WordApi', '1.1')).toBe(false);
  });

  it('tracks selection and the active sheet', async () => {
    const fake = workbook();
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Locked');
      ws.activate();
      ws.getRange('A1').select();
      await context.sync();
    });
    expect(fake.activeSheetName).toBe('Locked');
    expect(fake.selectedAddress).toBe('Locked!A1');
  });
});

describe('conditional formats as Office.js reports them', () => {
  function withRules(): FakeExcel {
    return new FakeExcel({
      sheets: [
        {
          name: 'Inv',
          values: [['Role'], ['Driver'], ['Operator']],
          conditionalFormats: [
            { type: 'Custom', range: 'O4:O40', formula: '=$O4="Driver"', fill: '#000000' },
            {
              type: 'CellValue',
              range: 'R4:R40',
              cellValue: { operator: 'EqualTo', formula1: '="High"' },
              fill: '#FF0000',
            },
          ],
        },
      ],
    });
  }

  it('gives each rule its type, and CellValue rules their operator and formulas', async () => {
    const fake = withRules();
    const got = await fake.run(async (context) => {
      const formats = context.workbook.worksheets
        .getItem('Inv')
        .getRange()
        .conditionalFormats.load('items/type');
      await context.sync();
      const cv = formats.items[1]!.cellValue.load('rule');
      await context.sync();
      return { types: formats.items.map((f) => f.type), rule: cv.rule };
    });
    expect(got).toEqual({
      types: ['Custom', 'CellValue'],
      rule: { operator: 'EqualTo', formula1: '="High"' },
    });
  });

  it('reports a split rule per fragment, relative to each fragment top-left (R1C1 equal)', async () => {
    const fake = withRules();
    fake.fragmentConditionalFormat('Inv', 0, 9);
    const got = await fake.run(async (context) => {
      const formats = context.workbook.worksheets
        .getItem('Inv')
        .getRange('O:O')
        .conditionalFormats.load('items/type');
      await context.sync();
      const rules = formats.items.map((f) => f.custom.rule.load('formula, formulaR1C1'));
      const ranges = formats.items.map((f) => f.getRange().load('address'));
      await context.sync();
      return rules.map((r, i) => [ranges[i]!.address, r.formula, r.formulaR1C1]);
    });
    expect(got).toEqual([
      ['Inv!O4:O9', '=$O4="Driver"', '=RC15="Driver"'],
      ['Inv!O10:O40', '=$O10="Driver"', '=RC15="Driver"'],
    ]);
  });

  it('reads a formula set through another range relative to that range (office-js #5194)', async () => {
    const fake = withRules();
    await fake.run(async (context) => {
      const formats = context.workbook.worksheets
        .getItem('Inv')
        .getRange('O10')
        .conditionalFormats.load('items/type');
      await context.sync();
      // Meant for the rule's top-left cell, but taken relative to O10: six rows lower.
      formats.items[0]!.custom.rule.formula = '=$O4="Driver"';
      await context.sync();
    });
    expect(fake.conditionalFormats('Inv')[0]!.formula).toBe(
      '=$O-2="Driver"'.replace('$O-2', '#REF!'),
    );
  });
});

describe('tables', () => {
  it('TableColumnCollection.add shifts the cells right of the table in its rows, and names uniquely', async () => {
    const fake = new FakeExcel({
      sheets: [
        {
          name: 'T',
          values: [
            ['Name', 'Priority', null, 'note'],
            ['a', 'High', null, null],
          ],
          tables: [{ name: 'T1', range: 'A1:B2' }],
        },
      ],
    });
    await fake.run(async (context) => {
      context.workbook.worksheets
        .getItem('T')
        .tables.getItem('T1')
        .columns.add(undefined, undefined, 'Priority');
      await context.sync();
    });
    expect(fake.values('T', 'A1:E1')).toEqual([['Name', 'Priority', 'Priority2', null, 'note']]);
  });

  it('Table.resize needs ExcelApi 1.13 and moves nothing', async () => {
    const config = {
      sheets: [
        {
          name: 'T',
          values: [
            ['Name', 'Priority', 'Priority', 'note'],
            ['a', 'High', 'x', null],
          ],
          tables: [{ name: 'T1', range: 'A1:B2' }],
        },
      ],
    };
    const resize = (fake: FakeExcel): Promise<unknown> =>
      fake.run(async (context) => {
        context.workbook.worksheets.getItem('T').tables.getItem('T1').resize('A1:C2');
        await context.sync();
      });
    const old = new FakeExcel({ ...config, supportedSets: { ExcelApi: '1.12' } });
    expect(await codeOf(resize(old))).toBe('ApiNotFound');
    const fake = new FakeExcel(config);
    await resize(fake);
    expect(fake.values('T', 'A1:D1')).toEqual([['Name', 'Priority', 'Priority2', 'note']]);
  });
});

describe('undo groups', () => {
  it.each([
    ['web', 'Worksheet.delete', 'UndoNotSupported'],
    ['windows', 'Worksheet.position', 'UndoNotSupported'],
    ['web', 'Worksheet.position', null],
  ] as const)('on %s, %s inside a group gives %s', async (platform, api, expected) => {
    const fake = new FakeExcel({
      sheets: [{ name: 'A' }, { name: 'B' }],
      platform,
    });
    const code = await codeOf(
      fake.run({ mergeUndoGroup: true }, async (context) => {
        const ws = context.workbook.worksheets.getItem('B');
        if (api === 'Worksheet.delete') ws.delete();
        else ws.position = 0;
        await context.sync();
      }),
    );
    expect(code).toBe(expected);
  });

  it('fails mergeUndoGroup with delayForCellEdit on the web only (office-js #6711)', async () => {
    const run = (platform: 'web' | 'mac'): Promise<string | null> =>
      codeOf(
        new FakeExcel({ sheets: [{ name: 'A' }], platform }).run(
          { mergeUndoGroup: true, delayForCellEdit: true },
          async (context) => {
            context.workbook.worksheets.getItem('A').getRange('A1').values = [['x']];
            await context.sync();
          },
        ),
      );
    expect(await run('web')).toBe('GeneralException');
    expect(await run('mac')).toBeNull();
  });
});

describe('filters and writes', () => {
  function filtered(): FakeExcel {
    return new FakeExcel({
      sheets: [
        {
          name: 'F',
          values: [
            ['Stage', 'Role'],
            ['Pilot', null],
            ['Idea', null],
            ['Pilot', null],
          ],
        },
      ],
    });
  }

  it('reports one criteria entry per column, an unfiltered one empty (office-js #1226)', async () => {
    const fake = filtered();
    const criteria = await fake.run(async (context) => {
      const af = context.workbook.worksheets.getItem('F').autoFilter;
      af.apply('A1:B4', 0, { filterOn: 'Values', values: ['Pilot'] });
      af.load('criteria');
      await context.sync();
      return af.criteria;
    });
    expect(criteria).toEqual([{ filterOn: 'Values', values: ['Pilot'] }, {}]);
    expect(fake.hiddenRows('F')).toEqual([2]);
  });

  it('writes values over hidden rows into the wrong rows (office-js #224), and where they belong once cleared', async () => {
    const fake = filtered();
    const write = (clear: boolean) =>
      fake.run(async (context) => {
        const ws = context.workbook.worksheets.getItem('F');
        if (clear) ws.autoFilter.clearCriteria();
        ws.getRange('B2:B4').values = [['r2'], ['r3'], ['r4']];
        await context.sync();
      });
    await fake.run(async (context) => {
      context.workbook.worksheets
        .getItem('F')
        .autoFilter.apply('A1:B4', 0, { filterOn: 'Values', values: ['Pilot'] });
      await context.sync();
    });
    await write(false);
    // Row 3 is hidden: the array's rows went to the visible rows 2 and 4, in order.
    expect(fake.values('F', 'B2:B4')).toEqual([['r2'], [null], ['r3']]);
    await write(true);
    expect(fake.values('F', 'B2:B4')).toEqual([['r2'], ['r3'], ['r4']]);
  });

  it('Table.autoFilter reports and clears the table columns\u2019 filters (ExcelApi 1.9)', async () => {
    const fake = new FakeExcel({
      sheets: [
        {
          name: 'T',
          values: [
            ['Stage', 'Role'],
            ['Pilot', null],
            ['Idea', null],
          ],
          tables: [{ name: 'T1', range: 'A1:B3' }],
        },
      ],
    });
    fake.tables('T')[0]!.filters = { 0: ['Pilot'] };
    const criteria = await fake.run(async (context) => {
      const af = context.workbook.worksheets.getItem('T').tables.getItem('T1').autoFilter;
      af.load('criteria');
      await context.sync();
      af.clearCriteria();
      await context.sync();
      return af.criteria;
    });
    expect(criteria).toEqual([{ filterOn: 'Values', values: ['Pilot'] }, {}]);
    expect(fake.tables('T')[0]!.filters).toEqual({});
    expect(fake.hiddenRows('T')).toEqual([]);
  });
});

describe('TableColumnCollection.getItem takes a name or an ID, never a position', () => {
  it.each([
    ['Role', 'Role'],
    [2, 'Role'], // ID 2: the second column of a new table (ASSUMPTION in the fake)
    [1, 'Name'],
  ])('getItem(%p) is the %s column', async (key, name) => {
    const fake = new FakeExcel({
      sheets: [
        {
          name: 'S',
          values: [
            ['Name', 'Role'],
            ['a', 'Driver'],
          ],
          tables: [{ name: 'T', range: 'A1:B2' }],
        },
      ],
    });
    const got = await fake.run(async (context) => {
      const column = context.workbook.worksheets
        .getItem('S')
        .tables.getItem('T')
        .columns.getItem(key);
      column.load('name');
      await context.sync();
      return column.name;
    });
    expect(got).toBe(name);
  });

  it('a number past the last ID is ItemNotFound, not a wrap-around', async () => {
    const fake = new FakeExcel({
      sheets: [{ name: 'S', values: [['Name', 'Role']], tables: [{ name: 'T', range: 'A1:B2' }] }],
    });
    const code = await fake
      .run(async (context) => {
        context.workbook.worksheets
          .getItem('S')
          .tables.getItem('T')
          .columns.getItem(3)
          .load('name');
        await context.sync();
      })
      .catch((e: { code?: string }) => e.code);
    expect(code).toBe('ItemNotFound');
  });
});

/**
 * Sheets, selection, links, lists, rule order, table names and used ranges: each row names the
 * page it follows, or the ASSUMPTION and the self-test check ("sheet-rules", "ranges") that
 * tests it on a real Excel (src/excel/selftest.ts).
 */
describe('sheets, links, lists and ranges', () => {
  type Act = (context: Excel.RequestContext) => void;
  const data = (c: Excel.RequestContext): Excel.Worksheet => c.workbook.worksheets.getItem('Data');
  it.each<[string, Act, string | null]>([
    [
      'a 32-character sheet name (ASSUMPTION, self-test "sheet-rules")',
      (c) => {
        data(c).name = 'N'.repeat(32);
      },
      'InvalidArgument',
    ],
    [
      'a sheet name with a colon (ASSUMPTION, Excel\u2019s own naming message)',
      (c) => {
        c.workbook.worksheets.add('Q1: East');
      },
      'InvalidArgument',
    ],
    ['a 31-character sheet name', (c) => void c.workbook.worksheets.add('N'.repeat(31)), null],
    [
      'activating a hidden sheet (ASSUMPTION, self-test "sheet-rules")',
      (c) => {
        data(c).visibility = 'Hidden';
        data(c).activate();
      },
      'InvalidOperation',
    ],
    [
      'deleting a very hidden sheet (Excel.Worksheet.delete: "will fail with an InvalidOperation exception"; office-js #365)',
      (c) => {
        data(c).visibility = 'VeryHidden';
        data(c).delete();
      },
      'InvalidOperation',
    ],
    [
      'hiding the last visible sheet (ASSUMPTION: Excel keeps one visible sheet)',
      (c) => {
        c.workbook.worksheets.getItem('Locked').visibility = 'Hidden';
        data(c).visibility = 'Hidden';
      },
      'InvalidOperation',
    ],
    [
      'deleting the last visible sheet (ASSUMPTION: no self-test, it would hide the user\u2019s sheets)',
      (c) => {
        c.workbook.worksheets.getItem('Locked').visibility = 'Hidden';
        data(c).delete();
      },
      'InvalidOperation',
    ],
    [
      'selecting on a sheet that is not active (ASSUMPTION; office-js #5118)',
      (c) => c.workbook.worksheets.getItem('Locked').getRange('A1').select(),
      'InvalidSelection',
    ],
    [
      'selecting after activating the sheet',
      (c) => {
        const ws = c.workbook.worksheets.getItem('Locked');
        ws.activate();
        ws.getRange('A1').select();
      },
      null,
    ],
    [
      'a link to a sheet that does not exist (ASSUMPTION, self-test "sheet-rules")',
      (c) => {
        data(c).getRange('C1').hyperlink = { documentReference: "'Gone'!A1", textToDisplay: 'x' };
      },
      'InvalidArgument',
    ],
    [
      'a typed list over 255 characters (ASSUMPTION, self-test "ranges")',
      (c) => {
        data(c).getRange('C2').dataValidation.rule = {
          list: { inCellDropDown: true, source: 'x,'.repeat(128) },
        };
      },
      'InvalidArgument',
    ],
    [
      'a used range that counts formatting (valuesOnly false: not modelled, refused)',
      (c) => void data(c).getUsedRangeOrNullObject(false),
      'InvalidArgument',
    ],
  ])('%s', async (_what, act, want) => {
    const fake = workbook();
    const code = await codeOf(
      fake.run(async (context) => {
        act(context);
        await context.sync();
      }),
    );
    expect(code).toBe(want);
  });

  it('adds a conditional format at the top priority (Excel.ConditionalFormatCollection.add: "at the first/top priority")', async () => {
    const fake = workbook();
    const priorities = await fake.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Data').getRange('A1:A2');
      const first = range.conditionalFormats.add('Custom');
      first.custom.rule.formula = '=A1="x"';
      const second = range.conditionalFormats.add('Custom');
      second.custom.rule.formula = '=A1="y"';
      await context.sync();
      first.load('priority');
      second.load('priority');
      await context.sync();
      return [first.priority, second.priority];
    });
    expect(priorities).toEqual([1, 0]);
  });

  it('names a new table TableN and gives the used range of values only, or a null object (ASSUMPTION for the name, self-test "ranges"; Excel.Worksheet.getUsedRangeOrNullObject)', async () => {
    const fake = new FakeExcel({ sheets: [{ name: 'Empty' }, { name: 'Data', values: [] }] });
    const got = await fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Data');
      const blank = ws.getUsedRangeOrNullObject(true).load('address');
      await context.sync();
      ws.getRange('B2:C3').values = [
        ['Name', 'Lead'],
        ['a', 'b'],
      ];
      ws.getRange('E6').format.fill.color = '#FFFF00';
      const used = ws.getUsedRangeOrNullObject(true).load('address');
      const table = ws.tables.add('B2:C3', true).load('name');
      await context.sync();
      return { blank: blank.isNullObject, used: used.address, table: table.name };
    });
    expect(got).toEqual({ blank: true, used: 'Data!B2:C3', table: 'Table1' });
  });
});

describe('page breaks and footers (ExcelApi 1.9)', () => {
  const print = (fake: FakeExcel): Promise<unknown> =>
    fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('Data');
      ws.horizontalPageBreaks.add('A5');
      ws.horizontalPageBreaks.add('B5:C9');
      ws.horizontalPageBreaks.add('A12');
      ws.pageLayout.headersFooters.state = 'Default';
      ws.pageLayout.headersFooters.defaultForAllPages.rightFooter = 'Page &P of &N';
      await context.sync();
    });

  it('a break stands before the top-left cell of its range, once per row; footers are kept as set', async () => {
    const fake = workbook();
    await print(fake);
    expect(fake.sheet('Data').pageLayout.rowBreaks).toEqual([4, 11]);
    expect(fake.sheet('Data').pageLayout.footer.right).toBe('Page &P of &N');
    await fake.run(async (context) => {
      context.workbook.worksheets.getItem('Data').horizontalPageBreaks.removePageBreaks();
      await context.sync();
    });
    expect(fake.sheet('Data').pageLayout.rowBreaks).toEqual([]);
  });

  it('below ExcelApi 1.9 they are not found and nothing changes', async () => {
    const old = new FakeExcel({
      sheets: [{ name: 'Data', values: [['x']] }],
      supportedSets: { ExcelApi: '1.8' },
    });
    expect(await codeOf(print(old))).toBe('ApiNotFound');
    expect(old.sheet('Data').pageLayout.rowBreaks).toEqual([]);
  });
});

describe('charts as shapes (alt text) and how a chart plots blanks', () => {
  const config = {
    sheets: [
      {
        name: 'S',
        values: [
          ['a', 1],
          ['b', 2],
        ],
      },
    ],
  };
  const addChart = (fake: FakeExcel): Promise<unknown> =>
    fake.run(async (context) => {
      const ws = context.workbook.worksheets.getItem('S');
      ws.charts.add('LineMarkers', ws.getRange('B1:B2'), 'Columns').name = 'Mine';
      await context.sync();
    });

  it('lists each chart as an "Unsupported" shape of its name, whose alt text it keeps', async () => {
    const fake = new FakeExcel(config);
    await addChart(fake);
    const read = await fake.run(async (context) => {
      const shapes = context.workbook.worksheets.getItem('S').shapes.load('items/name,items/type');
      await context.sync();
      shapes.items[0]!.altTextDescription = 'Two points.';
      await context.sync();
      const again = context.workbook.worksheets
        .getItem('S')
        .shapes.load('items/name,items/type,items/altTextDescription');
      await context.sync();
      return again.items.map((s) => [s.name, s.type, s.altTextDescription]);
    });
    expect(read).toEqual([['Mine', 'Unsupported', 'Two points.']]);
    expect(fake.charts('S')[0]!.altTextDescription).toBe('Two points.');
  });

  it('below ExcelApi 1.9 the shapes are not found', async () => {
    const old = new FakeExcel({ ...config, supportedSets: { ExcelApi: '1.8' } });
    await addChart(old);
    const list = old.run(async (context) => {
      context.workbook.worksheets.getItem('S').shapes.load('items/name');
      await context.sync();
    });
    expect(await codeOf(list)).toBe('ApiNotFound');
  });

  it('displayBlanksAs takes the enum’s values from ExcelApi 1.8, and nothing else', async () => {
    const set = (fake: FakeExcel, v: Excel.Chart['displayBlanksAs']): Promise<unknown> =>
      fake.run(async (context) => {
        context.workbook.worksheets
          .getItem('S')
          .charts.getItemOrNullObject('Mine').displayBlanksAs = v;
        await context.sync();
      });
    const fake = new FakeExcel(config);
    await addChart(fake);
    await set(fake, 'Interplotted');
    expect(fake.charts('S')[0]!.displayBlanksAs).toBe('Interplotted');
    // A value from untyped code, as Office.js would receive it.
    const span = JSON.parse('"Span"') as Excel.Chart['displayBlanksAs'];
    await expect(set(fake, span)).rejects.toThrow(/displayBlanksAs/);
    const old = new FakeExcel({ ...config, supportedSets: { ExcelApi: '1.7' } });
    await addChart(old);
    expect(await codeOf(set(old, 'Interplotted'))).toBe('ApiNotFound');
  });
});
