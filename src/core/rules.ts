/**
 * Our conditional-format rules: how the core writes them, and the one predicate that
 * recognises them again in whatever form a host reports them back (SPEC §4: a re-run replaces
 * only its own rules, never duplicates them, whichever surface wrote them).
 *
 * Both adapters write every rule as an expression ("Custom" in Office.js, `type="expression"`
 * in the file) whose formula is relative to the top-left cell of the rule's range, as Excel
 * itself stores and reports them. Rules are recognised by meaning, not by text: each A1
 * reference of a formula is rewritten relative to the reporting range's top-left cell (an
 * R1C1 form), so a rule Excel split into fragments when rows were inserted or copied (each
 * fragment with formulas relative to its own top-left cell) still reads the same. Earlier
 * forms are recognised too: the file adapter's `cellIs equal "Driver"` rules (reported by
 * Office.js as type CellValue) and its `LEN($T4)>0` issue tint.
 */

import { columnIndex, columnLetter } from './address';
import type { RangeRef } from './input';
import type { CfRule } from './write-plan';
import { TINT_FORMS, tintFormula } from './output';

/** The formula a rule is written with, relative to its range's top-left cell, without "=". */
export function ruleFormula(rule: CfRule): string {
  const row = rule.range.row + 1;
  if (rule.kind === 'textEquals') {
    return `$${columnLetter(rule.range.col)}${row}="${rule.text.replace(/"/g, '""')}"`;
  }
  return tintFormula('lenTrim', `$${columnLetter(rule.testCol)}${row}`);
}

/** A conditional format as a host reports it (Office.js or the file), converted by the adapter. */
export interface ReportedRule {
  /** Normalised kind: Custom/expression, CellValue EqualTo/cellIs equal, or anything else. */
  kind: 'expression' | 'cellEquals' | 'other';
  /** The ranges it applies to; formulas are relative to the first range's top-left cell. */
  ranges: RangeRef[];
  /** The formula as reported (with or without a leading "="); for cellEquals, the compared value. */
  formula: string;
}

const A1_REF = /(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(])/g;

/**
 * A formula rewritten with every A1 reference relative to `origin` (R1C1 style), upper-cased,
 * without spaces outside strings and without a leading "=": two formulas that mean the same
 * rule at different places read the same.
 */
export function canonicalFormula(formula: string, origin: { row: number; col: number }): string {
  const body = formula.trim().replace(/^=/, '');
  // Split on string literals so text inside quotes is left exactly as it is.
  return body
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return part
        .toUpperCase()
        .replace(/\s+/g, '')
        .replace(A1_REF, (_m, colAbs: string, col: string, rowAbs: string, row: string) => {
          const c = columnIndex(col);
          const r = Number(row) - 1;
          const cPart = colAbs ? `C${c + 1}` : `C[${c - origin.col}]`;
          const rPart = rowAbs ? `R${r + 1}` : `R[${r - origin.row}]`;
          return rPart + cPart;
        });
    })
    .join('');
}

/** Where our output block is, and the rules this refresh writes over it. */
export interface OwnBlock {
  firstCol: number;
  colCount: number;
  rules: readonly CfRule[];
  /** Texts our earlier cellIs rules compared with, per output column (absolute). */
  legacyTexts: ReadonlyMap<number, ReadonlySet<string>>;
}

/**
 * True when a reported rule is one of ours: every range inside the output block, and its
 * formula means one of the rules we write (or wrote in an earlier form) at that place. A
 * user's rule of exactly our meaning over our columns is the one case that cannot be told
 * apart, and replacing it changes nothing the user sees.
 */
export function isOwnRule(rule: ReportedRule, block: OwnBlock): boolean {
  const first = rule.ranges[0];
  if (first === undefined) return false;
  const last = block.firstCol + block.colCount;
  if (!rule.ranges.every((r) => r.col >= block.firstCol && r.col + r.colCount <= last)) {
    return false;
  }
  if (rule.kind === 'cellEquals') {
    const text = /^"((?:[^"]|"")*)"$/.exec(rule.formula.trim().replace(/^=/, ''));
    if (text === null) return false;
    const value = text[1]!.replace(/""/g, '"');
    return rule.ranges.every(
      (r) => r.colCount === 1 && (block.legacyTexts.get(r.col)?.has(value) ?? false),
    );
  }
  if (rule.kind !== 'expression') return false;
  const meaning = canonicalFormula(rule.formula, first);
  return ownMeanings(block).has(meaning);
}

/** The canonical formulas of the rules we write, and of the forms earlier versions wrote. */
function ownMeanings(block: OwnBlock): Set<string> {
  const out = new Set<string>();
  for (const rule of block.rules) {
    out.add(canonicalFormula(ruleFormula(rule), rule.range));
    if (rule.kind === 'notBlank') {
      // Every form of the issue tint a released layout wrote (OUTPUT_LAYOUTS).
      const ref = `$${columnLetter(rule.testCol)}${rule.range.row + 1}`;
      for (const form of TINT_FORMS) out.add(canonicalFormula(tintFormula(form, ref), rule.range));
    }
  }
  return out;
}
