/** Money that adds up (core/money.ts): currencies kept, totals per currency, issues naming both. */

import type { RowResult } from '../../src/core/results';
import {
  addCurrencyIssues,
  currencyNumberFormat,
  currencyOfCell,
  currencyOfHeader,
  formatTotals,
  mainCurrency,
  moneyTotals,
} from '../../src/core/money';
import { planRefresh } from '../../src/core/refresh';
import { input, inventory, initiative } from './helpers';

describe('currency of a budget', () => {
  it.each<[string, string | null]>([
    ['€690k', 'EUR'],
    ['$1.7M', 'USD'],
    ['£40,000', 'GBP'],
    ['40 chf', 'CHF'],
    ['USD 1,200', 'USD'],
    ['1.2M', null],
    ['250000', null],
  ])('cell %j', (text, currency) => {
    expect(currencyOfCell(text)).toBe(currency);
  });

  it.each<[string, string | null]>([
    ['Budget ($)', 'USD'],
    ['Cost (EUR)', 'EUR'],
    ['Budget €', 'EUR'],
    ['Total Budget', null],
    ['Est cost', null],
  ])('header %j', (header, currency) => {
    expect(currencyOfHeader(header)).toBe(currency);
  });
});

function budgeted(row: number, budget: number | null, budgetCurrency: string | null): RowResult {
  return {
    row,
    initiative: initiative({ row, budget, budgetCurrency }),
    role: 'Operator',
    ruleRole: 'Operator',
    rationale: '',
    nextRole: '',
    priority: '',
    action: '',
    issues: [],
  };
}

describe('totals', () => {
  it('one currency: one total formatted in it', () => {
    const rows = [budgeted(1, 1_000_000, 'USD'), budgeted(2, 700_000, 'USD')];
    expect(formatTotals(moneyTotals(rows, mainCurrency(rows)))).toBe('$1.7M');
  });

  it('several: a total per currency, never one sum; plain numbers count in the main one', () => {
    const rows = [
      budgeted(1, 1_000_000, 'USD'),
      budgeted(2, 700_000, 'USD'),
      budgeted(3, 690_000, 'EUR'),
      budgeted(4, 300_000, null),
    ];
    const main = mainCurrency(rows);
    expect(main).toBe('USD');
    expect(moneyTotals(rows, main)).toEqual([
      { currency: 'USD', amount: 2_000_000, rows: 3 },
      { currency: 'EUR', amount: 690_000, rows: 1 },
    ]);
    expect(formatTotals(moneyTotals(rows, main))).toBe('$2M and €690K');
  });

  it('a data issue on each row in another currency, naming both and the cell', () => {
    const rows = [
      budgeted(1, 1_000_000, 'USD'),
      budgeted(2, 5, 'USD'),
      budgeted(3, 690_000, 'EUR'),
    ];
    addCurrencyIssues(rows, () => 10);
    expect(rows.map((r) => r.issues.map((i) => i.message))).toEqual([
      [],
      [],
      [
        'The budget in K4 is in EUR, not in USD like most of the portfolio, so it is totalled on its own; write it in USD if it should count with the others.',
      ],
    ]);
  });

  it.each<[string | null, string]>([
    ['USD', '[>=1000000]"$"#,##0.0,,"M";[>=1000]"$"#,##0,"K";"$"#,##0'],
    ['EUR', '[>=1000000]"€"#,##0.0,,"M";[>=1000]"€"#,##0,"K";"€"#,##0'],
    ['CHF', '[>=1000000]#,##0.0,,"M CHF";[>=1000]#,##0,"K CHF";#,##0 "CHF"'],
    [null, '[>=1000000]#,##0.0,,"M";[>=1000]#,##0,"K";#,##0'],
  ])('number format for %s', (currency, format) => {
    expect(currencyNumberFormat(currency)).toBe(format);
  });

  it('through a refresh: the column header names the currency of plain numbers', () => {
    const sheet = inventory([
      ['1', 'A', 'IT', 'Pilot', 'L', 'L', 'L', 'Yes', 'No', 10, 100_000],
      ['2', 'B', 'IT', 'Pilot', 'L', 'L', 'L', 'Yes', 'No', 10, '€50k'],
    ]);
    const { summary, rows } = planRefresh(input([sheet]));
    expect(summary.money?.main).toBe('USD');
    expect(rows[1]!.issues.map((i) => i.code)).toContain('other-currency');
    expect(rows[1]!.issues.find((i) => i.code === 'other-currency')?.address).toBe('K3');
  });
});
