/** Runs the boundary initiatives (boundary-rows.ts) through the whole core and compares. */

import type { RowResult } from '../../src/core/results';
import { detectHeaders } from '../../src/core/headers';
import { makeRowReader, normaliseRow } from '../../src/core/normalise';
import { evaluateRow } from '../../src/core/refresh';
import type { Cells, Expected } from './boundary-rows';
import { BOUNDARY, COLUMNS, KEYS, rowValues } from './boundary-rows';
import { sheetOf } from './helpers';

const SHEET = sheetOf('Boundary', [KEYS.map((k) => COLUMNS[k])]);
const DETECTION = detectHeaders(SHEET)!;
const READER = makeRowReader(SHEET, DETECTION);

function evaluate(cells: Cells): RowResult {
  return evaluateRow(normaliseRow(READER, rowValues(cells), 1)!, READER);
}

/** Every way the row departs from what is expected (empty when it agrees). */
function departures(cells: Cells, e: Expected): string[] {
  const r = evaluate(cells);
  const out: string[] = [];
  if (r.role !== e.role) out.push(`role ${r.role}, expected ${e.role} (${r.rationale})`);
  const at = r.issues.map((i) => i.address ?? '-').sort();
  const want = [...(e.issues ?? [])].sort();
  if (JSON.stringify(at) !== JSON.stringify(want)) {
    out.push(
      `issues at [${at.join(', ')}], expected [${want.join(', ')}]: ${r.issues.map((i) => i.message).join(' | ')}`,
    );
  }
  const messages = r.issues.map((i) => i.message).join(' ');
  for (const cell of e.names ?? []) {
    if (!new RegExp(`\\b${cell}\\b`).test(messages)) out.push(`no message names ${cell}`);
  }
  if (e.next !== undefined && r.nextRole !== e.next)
    out.push(`next ${r.nextRole}, expected ${e.next}`);
  if (e.priority !== undefined && r.priority !== e.priority) {
    out.push(`priority ${r.priority}, expected ${e.priority}`);
  }
  if (e.action !== undefined && !e.action.test(r.action)) out.push(`action "${r.action}"`);
  if (e.notAction !== undefined && e.notAction.test(r.action)) {
    out.push(`action says ${String(e.notAction)}: "${r.action}"`);
  }
  if (e.rationale !== undefined && !e.rationale.test(r.rationale)) {
    out.push(`rationale "${r.rationale}"`);
  }
  if (e.endpoints !== undefined && r.initiative.endpoints !== e.endpoints) {
    out.push(`endpoints ${String(r.initiative.endpoints)}, expected ${String(e.endpoints)}`);
  }
  return out;
}

describe('boundary initiatives: the article decides the role, the SPEC the advice', () => {
  it.each(BOUNDARY)('%s', (_name, cells, expected) => {
    expect(departures(cells, expected)).toEqual([]);
  });

  it('names, for every row the article does not settle, the SPEC rule that decides it', () => {
    const unsettled = BOUNDARY.filter(([, , e]) => e.unsettled !== undefined);
    expect(unsettled.length).toBeGreaterThan(0);
    for (const [name, , e] of unsettled)
      expect([name, e.unsettled]).toEqual([name, expect.stringMatching(/SPEC/)]);
  });

  it('has at least 50 rows, each a distinct initiative', () => {
    expect(BOUNDARY.length).toBeGreaterThanOrEqual(50);
    expect(new Set(BOUNDARY.map(([name]) => name)).size).toBe(BOUNDARY.length);
  });
});
