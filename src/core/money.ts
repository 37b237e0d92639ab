/**
 * Money that adds up (SPEC §4): a budget keeps its currency (a symbol or an ISO 4217 code in
 * the cell, else one in the column's header such as "Budget ($)"), totals are made per
 * currency and never summed across currencies, and a row budgeted in another currency than
 * the portfolio's main one is a data issue naming both.
 *
 * Currency codes and their formatting come from the platform's Intl (ECMA-402: the ISO 4217
 * list of `Intl.supportedValuesOf('currency')` and `Intl.NumberFormat`'s currency style), the
 * same in Node and in the browsers Office runs the pane in: no currency table of our own.
 */

import { toA1 } from './address';
import type { CellValue } from './input';
import type { DataIssue, MoneyTotal, RowResult } from './results';
import { BRIEF_TEXT } from './messages';

/** Symbols people type before an amount, and the currency each stands for. */
const SYMBOLS: Readonly<Record<string, string>> = {
  $: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
};

/** ISO 4217 codes the platform knows, upper case. */
const ISO_CODES: ReadonlySet<string> = new Set(
  Intl.supportedValuesOf('currency').map((c) => c.toUpperCase()),
);

/** SYMBOLS by UTF-16 code unit (each symbol is one), so a cell is scanned without a string per character. */
const SYMBOL_UNITS: ReadonlyMap<number, string> = new Map(
  Object.entries(SYMBOLS).map(([symbol, code]) => {
    if (symbol.length !== 1)
      throw new Error(`money.ts: currency symbol "${symbol}" must be one UTF-16 unit.`);
    return [symbol.charCodeAt(0), code];
  }),
);

/** The first currency symbol in `text`, or null. */
function symbolIn(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const code = SYMBOL_UNITS.get(text.charCodeAt(i));
    if (code !== undefined) return code;
  }
  return null;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * The currency a budget cell is written in ("€690k" → EUR, "40 chf" → CHF, "$1.2M" → USD), or
 * null for a plain number. Only called on a cell already read as an amount, so a three-letter
 * word in it can only be its currency code. Runs on every budget written as text, so its
 * words (runs of A-Z, a-z) are found by scanning, not by splitting the text.
 */
export function currencyOfCell(text: string): string | null {
  const symbol = symbolIn(text);
  if (symbol !== null) return symbol;
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && isAsciiLetter(text.charCodeAt(i))) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && i - start === 3) {
      const word = text.slice(start, i).toUpperCase();
      if (ISO_CODES.has(word)) return word;
    }
    start = -1;
  }
  return null;
}

/**
 * The currency a budget column's header names ("Budget ($)", "Cost (EUR)", "Budget €"), or
 * null. In a header only a symbol or a code in capitals counts: "Est" or "Tot" are words.
 */
export function currencyOfHeader(header: string | null): string | null {
  if (header === null) return null;
  const symbol = symbolIn(header);
  if (symbol !== null) return symbol;
  for (const word of header.split(/[^A-Za-z]+/)) {
    if (/^[A-Z]{3}$/.test(word) && ISO_CODES.has(word)) return word;
  }
  return null;
}

const HEADER_CURRENCY = new Map<string, string | null>();

/** The currency of a budget cell as read: its own symbol or code, else its column header's. */
export function budgetCurrency(raw: CellValue, header: string): string | null {
  if (typeof raw === 'string') {
    const own = currencyOfCell(raw);
    if (own !== null) return own;
  }
  let fromHeader = HEADER_CURRENCY.get(header);
  if (fromHeader === undefined) {
    fromHeader = currencyOfHeader(header);
    HEADER_CURRENCY.set(header, fromHeader);
  }
  return fromHeader;
}

/**
 * The portfolio's main currency: the one most rows are budgeted in (ties: the larger total,
 * then the code), or null when no budget names a currency.
 */
export function mainCurrency(rows: readonly RowResult[]): string | null {
  const totals = moneyTotals(rows).filter((t) => t.currency !== null);
  totals.sort(
    (a, b) => b.rows - a.rows || b.amount - a.amount || a.currency!.localeCompare(b.currency!),
  );
  return totals[0]?.currency ?? null;
}

/** The currency a row's budget is counted in: its own, else the portfolio's main one. */
export function rowCurrency(r: RowResult, main: string | null): string | null {
  return r.initiative.budgetCurrency ?? main;
}

/**
 * Budget totals per currency over `rows`, largest first. An amount written without a currency
 * counts in the main currency (the column's header or most rows name it); with no currency
 * anywhere there is one total without a currency.
 */
export function moneyTotals(rows: readonly RowResult[], main?: string | null): MoneyTotal[] {
  const by = new Map<string | null, MoneyTotal>();
  for (const r of rows) {
    const amount = r.initiative.budget;
    if (amount === null) continue;
    const currency =
      main === undefined ? (r.initiative.budgetCurrency ?? null) : rowCurrency(r, main);
    const t = by.get(currency) ?? { currency, amount: 0, rows: 0 };
    t.amount += amount;
    t.rows++;
    by.set(currency, t);
  }
  return [...by.values()].sort((a, b) => b.amount - a.amount);
}

/**
 * Adds a data issue to each row budgeted in another currency than the portfolio's main one
 * (its amount is left out of the main currency's totals and counted in its own). Returns the
 * main currency.
 */
export function addCurrencyIssues(
  rows: RowResult[],
  budgetCol: (r: RowResult) => number | null,
): string | null {
  const main = mainCurrency(rows);
  if (main === null) return null;
  for (const r of rows) {
    const own = r.initiative.budgetCurrency ?? null;
    if (own === null || own === main || r.initiative.budget === null) continue;
    const col = budgetCol(r);
    const address = col === null ? null : toA1(r.row, col);
    const issue: DataIssue = {
      code: 'other-currency',
      row: r.row,
      col,
      address,
      field: 'budget',
      value: formatMoney(r.initiative.budget, own),
      message: BRIEF_TEXT.otherCurrency(address, own, main),
    };
    r.issues = [...r.issues, issue];
  }
  return main;
}

const COMPACT = new Map<string, Intl.NumberFormat>();

/** An amount as people say it in a brief: "$1.7M", "€690K", "2.5M" without a currency. */
export function formatMoney(amount: number, currency: string | null): string {
  const key = currency ?? '';
  let f = COMPACT.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat('en-US', {
      ...(currency === null ? {} : { style: 'currency', currency }),
      notation: 'compact',
      maximumSignificantDigits: 3,
    });
    COMPACT.set(key, f);
  }
  return f.format(amount);
}

/** Totals as one phrase: "$4.2M" or "$4.2M and €690K" (never one sum across currencies). */
export function formatTotals(totals: readonly MoneyTotal[]): string {
  const parts = totals.map((t) => formatMoney(t.amount, t.currency));
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`;
}

/**
 * The Excel number format for amounts in `currency`, compact as the brief writes them
 * ("$8.8M", "$690K", "40 CHF"): conditional sections (ECMA-376 Part 1, 18.8.31 numFmt: up to
 * two conditions), with the symbol where the currency has a common one, else its ISO code.
 */
export function currencyNumberFormat(currency: string | null): string {
  const symbol =
    currency === null ? '' : Object.entries(SYMBOLS).find(([, code]) => code === currency)?.[0];
  const pre = symbol === undefined || symbol === '' ? '' : `"${symbol}"`;
  const post = symbol === undefined ? ` "${currency!}"` : '';
  return `[>=1000000]${pre}#,##0.0,,"M${post === '' ? '' : post.replace(/"/g, '')}";[>=1000]${pre}#,##0,"K${post === '' ? '' : post.replace(/"/g, '')}";${pre}#,##0${post}`;
}
