/**
 * The field table's rows (SPEC §2): one per inventory field, in the engine's order. What each
 * column means, and everything derived from it, is in fields.ts, which checks the rows when it
 * loads (`checkFieldTable`).
 *
 * Adding an input field "Region" grouped in the summary is one row here:
 * `{ key: 'region', label: 'Region', kind: 'text', use: 'reference', headers: ['Region'],
 *    grouping: { title: 'Roles by region', header: 'Region', always: false } }`.
 */

import type { FieldSpec } from './field-spec';

/** The inventory fields (SPEC §2), in the engine's order. */
export const FIELD_TABLE = [
  {
    key: 'name',
    label: 'Initiative name',
    kind: 'text',
    use: 'identity',
    headers: [
      'Initiative',
      'Initiative Name',
      'Project',
      'Project Name',
      'Use Case',
      'Use Case Name',
      'Name',
      'Title',
      'IoT Initiative',
    ],
  },
  {
    key: 'id',
    label: 'ID',
    kind: 'text',
    use: 'reference',
    headers: ['ID', 'Initiative ID', 'Project ID', 'Ref', 'Reference', 'Key'],
  },
  {
    key: 'ledBy',
    label: 'Led by',
    kind: 'group',
    use: 'decision',
    headers: [
      'Led By',
      'Lead',
      'Lead Group',
      'Leading Group',
      'Owner Group',
      'Owning Group',
      'Driven By',
      'Initiated By',
      'Sponsor Group',
      'Lead Team',
    ],
    grouping: { title: 'Roles by lead group', header: 'Lead group', always: true },
  },
  {
    key: 'businessUnit',
    label: 'Business unit',
    kind: 'text',
    use: 'reference',
    headers: ['Business Unit', 'BU', 'Department', 'Division', 'Business Area'],
    grouping: { title: 'Roles by business unit', header: 'Business unit', always: false },
  },
  {
    key: 'stage',
    label: 'Stage',
    kind: 'stage',
    use: 'decision',
    headers: ['Stage', 'Phase', 'Status', 'Lifecycle Stage', 'Lifecycle', 'Current Stage'],
    grouping: { title: 'Roles by stage', header: 'Stage', always: true },
  },
  {
    key: 'ioPilot',
    label: 'I&O in pilot',
    kind: 'involvement',
    use: 'decision',
    headers: ['I&O Pilot', 'I&O in Pilot', 'I&O Pilot Role', 'IT Pilot', 'I&O Pilot Involvement'],
  },
  {
    key: 'ioImplementation',
    label: 'I&O in implementation',
    kind: 'involvement',
    use: 'decision',
    headers: [
      'I&O Implementation',
      'I&O in Implementation',
      'I&O Implementation Role',
      'I&O Rollout',
      'IT Implementation',
      'I&O Implementation Involvement',
    ],
  },
  {
    key: 'ioOperations',
    label: 'I&O in operations',
    kind: 'involvement',
    use: 'decision',
    headers: [
      'I&O Operations',
      'I&O in Operations',
      'I&O Operations Role',
      'I&O Run',
      'IT Operations Role',
      'I&O Operations Involvement',
    ],
  },
  {
    key: 'ioInvolvement',
    label: 'I&O involvement (one column)',
    kind: 'involvement-text',
    use: 'decision',
    headers: ['I&O Involvement', 'IT Involvement', 'I&O Role in Initiative'],
  },
  {
    key: 'integration',
    label: 'Enterprise integration',
    kind: 'yes-no',
    use: 'opportunity',
    headers: [
      'Enterprise Integration',
      'Integrates With Enterprise Systems',
      'ERP Integration',
      'Integration',
      'Enterprise Systems',
    ],
  },
  {
    key: 'security',
    label: 'Security sensitive',
    kind: 'yes-no',
    use: 'opportunity',
    headers: ['Security Sensitive', 'Security Review', 'Sensitive Data', 'Security'],
    expected: 'yes/no or High/Medium/Low',
  },
  {
    key: 'endpoints',
    label: 'Endpoints / devices',
    kind: 'count',
    use: 'opportunity',
    headers: [
      'Endpoints',
      'Devices',
      'Device Count',
      'Number of Devices',
      '# Devices',
      'No of Devices',
      'Endpoint Count',
    ],
    expected: 'a number of endpoints (e.g. 1200, "1,200", "~500", "5k")',
  },
  {
    key: 'budget',
    label: 'Budget',
    kind: 'amount',
    use: 'reference',
    headers: ['Budget', 'Cost', 'Investment', 'Annual Budget', 'Total Budget'],
  },
  {
    key: 'override',
    label: 'Role override',
    kind: 'role',
    use: 'override',
    headers: ['Role Override', 'Manual Role', 'I&O Role Override'],
  },
] as const satisfies readonly FieldSpec[];
