/**
 * Workbooks holding our conditional formats as an earlier release grouped them (RULE_LAYOUTS),
 * made from today's refresh of the same workbook, with two rules of the user's own beside
 * them; and a sheet's rules read back as lines. For the rule-layout tests on both surfaces.
 */

import { rangeToA1 } from '../../src/core/address';
import { CURRENT_LAYOUT, outputRules } from '../../src/core/output';
import type { RuleLayout } from '../../src/core/output';
import { ruleFormula } from '../../src/core/rules';
import type { CfRule } from '../../src/core/write-plan';
import { listRules } from '../../src/xlsx/cf';
import { readWorkbook } from '../../src/xlsx/index';
import type { FileRefresh } from '../../src/xlsx/index';
import { Package } from '../../src/xlsx/package';
import { children, escapeText, rootElement } from '../../src/xlsx/xml';

/** How the rules of a release sit in the file: one element each, or one per range. */
export type Saved = 'one element per rule' | 'one element per range';

/** The user's rules: a formula over our role column's first cells, and text over our block. */
export function userRules(first: CfRule): string {
  const col = rangeToA1(first.range).replace(/\d.*$/, '');
  const row = first.range.row + 1;
  return (
    `<conditionalFormatting sqref="${col}${row}:${col}${row + 9}"><cfRule type="expression" priority="1"><formula>$${col}${row}="Watch"</formula></cfRule></conditionalFormatting>` +
    `<conditionalFormatting sqref="A${row}:${col}${row + 29}"><cfRule type="containsText" priority="2" operator="containsText" text="Driver"><formula>NOT(ISERROR(SEARCH("Driver",A${row})))</formula></cfRule></conditionalFormatting>`
  );
}

/** The inventory sheet's part and its XML. */
export function inventoryPart(bytes: Uint8Array, sheet: string): { part: string; xml: string } {
  const file = readWorkbook(bytes, 'x.xlsx');
  const part = file.sheets.find((s) => s.name === sheet)!.part;
  return { part, xml: file.pkg.requireText(part) };
}

/**
 * A workbook as a refresh of rule layout `layout` left it, saved as `saved`, with the user's
 * rules before ours: today's refresh, its rules rewritten in that layout (same fills).
 */
export function refreshedBy(today: FileRefresh, layout: RuleLayout, saved: Saved): Uint8Array {
  const inv = today.outcome.plan.inventory;
  const { part, xml } = inventoryPart(today.bytes, inv.sheet);
  // Each formula's fill, as today's refresh registered it.
  const dxf = new Map(
    [...xml.matchAll(/<cfRule type="expression" dxfId="(\d+)"[^>]*><formula>([^<]*)</g)].map(
      (m) => [m[2]!, m[1]!],
    ),
  );
  const rules = outputRules(inv.firstCol, inv.firstRow, inv.values.length, CURRENT_LAYOUT, layout);
  const rule = (r: CfRule, i: number) => {
    const f = escapeText(ruleFormula(r));
    return `<cfRule type="expression" dxfId="${dxf.get(f)!}" priority="${i + 3}"><formula>${f}</formula></cfRule>`;
  };
  const groups = new Map<string, string[]>();
  rules.forEach((r, i) => {
    const key = saved === 'one element per rule' ? `${i}` : rangeToA1(r.range);
    groups.set(key, [...(groups.get(key) ?? []), rule(r, i)]);
  });
  const ours = [...groups].map(([key, xmls]) => {
    const sqref = saved === 'one element per rule' ? rangeToA1(rules[Number(key)]!.range) : key;
    return `<conditionalFormatting sqref="${sqref}">${xmls.join('')}</conditionalFormatting>`;
  });
  const start = xml.indexOf('<conditionalFormatting ');
  const end = xml.lastIndexOf('</conditionalFormatting>') + '</conditionalFormatting>'.length;
  const pkg = new Package(today.bytes);
  pkg.write(part, xml.slice(0, start) + userRules(rules[0]!) + ours.join('') + xml.slice(end));
  return pkg.toBytes();
}

/** The sheet's rules as `sqref formula` lines, element by element. */
export function rulesOf(bytes: Uint8Array, sheet: string): { elements: string[]; rules: string[] } {
  const { xml } = inventoryPart(bytes, sheet);
  const listed = listRules(xml, children(xml, rootElement(xml), ['sheetData']));
  const elements = [...new Set(listed.map((r) => r.element))].map((e) =>
    xml.slice(e.start, e.openEnd),
  );
  return {
    elements,
    rules: listed.map((r) => `${r.reported.ranges.map(rangeToA1).join(' ')} ${r.reported.formula}`),
  };
}
