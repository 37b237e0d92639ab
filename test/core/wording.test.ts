/**
 * The wording rules of SPEC §3, checked mechanically over every sentence the classifier writes
 * (rationale, Recommended Action, data issues) for the demo inventory, a 1,000-row sample and
 * the boundary initiatives: no placeholder, no group code or field key, actions within the
 * word limit, and grammar patterns a machine can check.
 */

import { generateSampleInventory } from '../../src/cli/sample';
import { ACTION_WORD_LIMIT, wordCount } from '../../src/core/opportunity';
import type { RowResult } from '../../src/core/results';
import { planRefresh } from '../../src/core/refresh';
import { BOUNDARY_ROWS } from './boundary-rows';
import { NOW, sheetOf } from './helpers';

function rowsOf(sheet: ReturnType<typeof sheetOf>): RowResult[] {
  return planRefresh({ sheets: [sheet], options: { history: false }, now: NOW, historyRowCount: 0 })
    .rows;
}

const demo = generateSampleInventory();
const large = generateSampleInventory({ rows: 1000, seed: 7 });

const SOURCES: [string, RowResult[]][] = [
  ['the demo inventory', rowsOf(sheetOf('Inventory', demo.values))],
  ['a 1,000-row sample', rowsOf(sheetOf('Inventory', large.values))],
  ['the boundary initiatives', rowsOf(BOUNDARY_ROWS)],
];

/** Patterns no generated sentence may contain, each with the rule it breaks. */
const FORBIDDEN: [RegExp, string][] = [
  [/the lead group|undefined|\bnull\b|NaN|\[object/, 'a placeholder'],
  [/\b(?:to|with|from|by) (?:Joint|External|Shared|Co-led)\b/, 'a group code used as a name'],
  [/\b(?:ledBy|ioPilot|ioImplementation|ioOperations|ioInvolvement|businessUnit)\b/, 'a field key'],
  [
    /\boffer \S+(?: \S+)? to (?:operate|implement|lead)\b/,
    '"offer X to operate": X would do the work',
  ],
  [/ {2}|\s[,.;:]|[,;:](?=[^\s\d])|,,|\.\.|;;/, 'spacing or punctuation'],
  [/\b(\w+) \1\b/i, 'a doubled word'],
  [/\ba [aeiou]\w/i, '"a" before a vowel'],
  [/\(\s*\)/, 'empty brackets'],
  [/\bSustain\b.*\bResolve\b|\bResolve\b.*\bSustain\b/, 'sustain beside resolve'],
];

/** Every sentence of a row, named by its column. */
function sentences(r: RowResult): [string, string][] {
  return [
    ['rationale', r.rationale],
    ['action', r.action],
    ...r.issues.map((i): [string, string] => ['issue', i.message]),
  ];
}

describe.each(SOURCES)('every sentence written for %s', (_source, rows) => {
  it('has rows to check', () => {
    expect(rows.length).toBeGreaterThan(0);
  });

  it('contains no placeholder, code word or mechanical grammar slip', () => {
    const slips: string[] = [];
    for (const r of rows) {
      for (const [column, text] of sentences(r)) {
        // A cell's value quoted in an issue is the user's own text, not our wording.
        const ours = text.replace(/"[^"]*"/g, '"…"');
        for (const [pattern, rule] of FORBIDDEN) {
          if (pattern.test(ours)) slips.push(`row ${r.row + 1} ${column} (${rule}): ${text}`);
        }
        if (!/^[A-Z"]/.test(text)) slips.push(`row ${r.row + 1} ${column} (capital): ${text}`);
      }
    }
    expect(slips).toEqual([]);
  });

  it(`keeps every Recommended Action within ${ACTION_WORD_LIMIT} words, ending with a full stop`, () => {
    const long = rows
      .filter((r) => wordCount(r.action) > ACTION_WORD_LIMIT || !r.action.endsWith('.'))
      .map((r) => `row ${r.row + 1} (${wordCount(r.action)} words): ${r.action}`);
    expect(long).toEqual([]);
  });

  it('gives every rationale its role, and every conflict row "resolve first" advice', () => {
    for (const r of rows) {
      expect(r.rationale).toMatch(
        /→ (?:Driver|Implementer|Operator|Bystander|Unclassified)|^Set by hand/,
      );
      const conflict = r.issues.some((i) => i.code === 'conflict');
      if (conflict && r.initiative.stage !== 'Retired' && r.role !== 'Unclassified') {
        expect(r.action).toMatch(/^Resolve first: /);
      }
    }
  });

  it('states only reasons present on the row', () => {
    for (const r of rows) {
      const i = r.initiative;
      // The reasons an action gives ("given its …", "touching enterprise systems") hold.
      const given = /given its ([^.]*)/.exec(r.action)?.[1] ?? '';
      if (/touching enterprise systems/.test(r.action) || /enterprise integration/.test(given)) {
        expect(i.integration).toBe(true);
      }
      if (/security sensitivity/.test(given)) expect(i.security).toBe(true);
      const count = /([\d,]+) endpoints/.exec(given)?.[1];
      if (count !== undefined) expect(i.endpoints).toBe(Number(count.replace(/,/g, '')));
      if (r.role === 'Driver' && (i.stage === 'Idea' || i.stage === 'Planned')) {
        expect(r.action).not.toMatch(/reuse the platform/);
      }
    }
  });
});
