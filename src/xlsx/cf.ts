/**
 * Conditional formats of a worksheet part, as the file reports them to the core and as the
 * refresh rewrites them. The core decides which rules are ours (src/core/rules.ts); this
 * module only lists every `cfRule` in document order (that order is the handle the core
 * returns) and removes or adds rules. A `conditionalFormatting` element holds the rules of one
 * range (ECMA-376 Part 1, 18.3.1.18), and Excel saves rules with the same ranges in one
 * element, so rules are removed one by one and an element is dropped only when none of its
 * rules is left; the rules added are written the same way, one element per range, in the
 * plan's order. The core lays our rules out so that no two ranges overlap unless they are
 * equal (core/output.ts, RULE_LAYOUTS): readers that keep one element per cell (Gnumeric)
 * then keep every rule.
 */

import { parseRangeA1, rangeToA1 } from '../core/address';
import type { RangeRef } from '../core/input';
import type { CfRule } from '../core/write-plan';
import type { ReportedRule } from '../core/rules';
import { ruleFormula } from '../core/rules';
import { WORKSHEET_ORDER } from './sheetxml';
import type { StyleBook } from './styles';
import {
  children,
  decodeEntities,
  escapeText,
  getAttr,
  insertionPoint,
  parseAttrs,
  type Edit,
  type ElementRange,
} from './xml';

interface ListedRule {
  element: ElementRange;
  rule: ElementRange;
  reported: ReportedRule;
}

function parseSqref(sqref: string): RangeRef[] | null {
  const out: RangeRef[] = [];
  for (const r of sqref.split(/\s+/).filter(Boolean)) {
    try {
      out.push(parseRangeA1(r));
    } catch {
      return null;
    }
  }
  return out.length === 0 ? null : out;
}

/** Every cfRule of the sheet, in document order, with what the core needs to judge it. */
export function listRules(xml: string, kids: readonly ElementRange[]): ListedRule[] {
  const out: ListedRule[] = [];
  for (const element of kids) {
    if (element.local !== 'conditionalFormatting') continue;
    const ranges = parseSqref(getAttr(xml.slice(element.start, element.openEnd), 'sqref') ?? '');
    for (const rule of children(xml, element)) {
      if (rule.local !== 'cfRule') continue;
      const a = parseAttrs(xml.slice(rule.start, rule.openEnd));
      const formulas = children(xml, rule).filter((c) => c.local === 'formula');
      const formula =
        formulas.length === 1
          ? decodeEntities(xml.slice(formulas[0]!.openEnd, formulas[0]!.closeStart))
          : '';
      const type = a.get('type');
      const kind: ReportedRule['kind'] =
        ranges === null || formulas.length !== 1
          ? 'other'
          : type === 'expression'
            ? 'expression'
            : type === 'cellIs' && a.get('operator') === 'equal'
              ? 'cellEquals'
              : 'other';
      out.push({ element, rule, reported: { kind, ranges: ranges ?? [], formula } });
    }
  }
  return out;
}

/** The rules of a sheet as the core sees them. */
export function reportedRules(xml: string, kids: readonly ElementRange[]): ReportedRule[] {
  return listRules(xml, kids).map((r) => r.reported);
}

/** Edits that remove the rules at `remove` (indexes into listRules) and add `add`. */
export function conditionalFormatEdits(
  xml: string,
  kids: ElementRange[],
  root: ElementRange,
  p: string,
  add: readonly CfRule[],
  remove: readonly number[],
  styles: StyleBook,
): Edit[] {
  const edits: Edit[] = [];
  const listed = listRules(xml, kids);
  const gone = new Set(remove);
  const byElement = new Map<ElementRange, { total: number; removed: ElementRange[] }>();
  listed.forEach((r, i) => {
    let e = byElement.get(r.element);
    if (!e) {
      e = { total: 0, removed: [] };
      byElement.set(r.element, e);
    }
    e.total++;
    if (gone.has(i)) e.removed.push(r.rule);
  });
  let maxPriority = 0;
  for (const [element, e] of byElement) {
    if (e.removed.length === 0) {
      // Kept: its priorities stay below ours.
    } else if (e.removed.length === e.total) {
      edits.push({ start: element.start, end: element.end, text: '' });
      continue;
    } else {
      for (const rule of e.removed) edits.push({ start: rule.start, end: rule.end, text: '' });
    }
  }
  listed.forEach((r, i) => {
    if (gone.has(i)) return;
    const pr = Number(getAttr(xml.slice(r.rule.start, r.rule.openEnd), 'priority') ?? 0);
    if (pr > maxPriority) maxPriority = pr;
  });
  if (add.length === 0) return edits;
  // Priorities follow the plan's order (highest first); elements go left to right, top down.
  const bySqref = new Map<string, { range: RangeRef; rules: string[] }>();
  add.forEach((rule, i) => {
    const sqref = rangeToA1(rule.range);
    const dxf = styles.dxf(rule.fill, rule.fontColor);
    const xml = `<${p}cfRule type="expression" dxfId="${dxf}" priority="${maxPriority + i + 1}"><${p}formula>${escapeText(ruleFormula(rule))}</${p}formula></${p}cfRule>`;
    const group = bySqref.get(sqref) ?? { range: rule.range, rules: [] };
    group.rules.push(xml);
    bySqref.set(sqref, group);
  });
  const blocks = [...bySqref]
    .sort(([, a], [, b]) => a.range.col - b.range.col || a.range.row - b.range.row)
    .map(
      ([sqref, g]) =>
        `<${p}conditionalFormatting sqref="${sqref}">${g.rules.join('')}</${p}conditionalFormatting>`,
    );
  const at = insertionPoint(kids, root, WORKSHEET_ORDER, 'conditionalFormatting');
  edits.push({ start: at, end: at, text: blocks.join('') });
  return edits;
}
