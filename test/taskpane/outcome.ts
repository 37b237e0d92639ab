/**
 * A small, fixed refresh outcome for the component tests: three classified rows and one
 * with a data issue, with the summary counted from those rows (not typed in), so the pane's
 * numbers can be checked against the rows they come from.
 */

import { ROLES } from '../../src/core/model';
import type {
  DataIssue,
  HeaderDetection,
  Initiative,
  RefreshOutcome,
  Role,
  RoleOrUnclassified,
  RowResult,
  Summary,
  WritePlan,
} from '../../src/core/model';

function initiative(row: number, name: string | null): Initiative {
  return {
    row,
    id: null,
    name,
    ledBy: null,
    ledByText: null,
    businessUnit: null,
    stage: null,
    ioPilot: null,
    ioImplementation: null,
    ioOperations: null,
    integration: null,
    security: null,
    endpoints: null,
    budget: null,
    override: null,
  };
}

/** One row result; `partial` fills in the interesting parts. */
export function rowResult(
  row: number,
  name: string | null,
  role: RoleOrUnclassified,
  partial: Partial<RowResult> = {},
): RowResult {
  return {
    row,
    initiative: initiative(row, name),
    role,
    ruleRole: role,
    rationale: `${role} by the rules`,
    nextRole: '',
    priority: '',
    action: '',
    issues: [],
    ...partial,
  };
}

/** A data issue on one cell. */
export function issue(row: number, col: number, address: string, message: string): DataIssue {
  return { code: 'unknown-value', row, col, address, field: 'stage', value: 'Soon', message };
}

function zeroCounts(): Record<RoleOrUnclassified, number> {
  return { Bystander: 0, Operator: 0, Implementer: 0, Driver: 0, Unclassified: 0 };
}

/** The outcome of a refresh that produced `rows` on the detected sheet. */
export function outcomeOf(detection: HeaderDetection, rows: RowResult[]): RefreshOutcome {
  const counts = zeroCounts();
  for (const r of rows) counts[r.role] += 1;
  const classified = ROLES.reduce((n, r) => n + counts[r], 0);
  const shares = Object.fromEntries(
    ROLES.map((r) => [r, classified === 0 ? 0 : counts[r] / classified]),
  ) as Record<Role, number>;
  const active = counts.Operator + counts.Implementer + counts.Driver;
  const rank = { High: 0, Medium: 1, Low: 2 } as const;
  const summary: Summary = {
    sheet: detection.sheet,
    total: rows.length,
    classified,
    needsReview: rows.filter((r) => r.issues.length > 0 || r.role === 'Unclassified').length,
    counts,
    shares,
    activeShare: classified === 0 ? null : active / classified,
    budget: null,
    byGroup: { labels: [], counts: [] },
    byStage: { labels: [], counts: [] },
    topOpportunities: rows
      .filter((r) => r.nextRole !== '' && r.priority !== '')
      .sort((a, b) =>
        a.priority === '' || b.priority === '' ? 0 : rank[a.priority] - rank[b.priority],
      ),
    review: rows.filter((r) => r.issues.length > 0 || r.role === 'Unclassified'),
  };
  const firstCol = 20;
  const plan: WritePlan = {
    inventory: {
      sheet: detection.sheet,
      headerRow: detection.headerRow,
      firstCol,
      headers: [
        'I&O Role',
        'Role Rationale',
        'Next Role',
        'Priority',
        'Recommended Action',
        'Data Issues',
      ],
      firstRow: detection.headerRow + 1,
      values: [],
      table: null,
      conditionalFormats: [],
      freezeHeaderRow: null,
      autoFilter: null,
    },
    summary: { name: 'IoT Role Summary', columnWidths: [], cells: [], dataBars: [], chart: null },
    history: null,
  };
  return { detection, rows, summary, plan };
}
