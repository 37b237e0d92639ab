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
