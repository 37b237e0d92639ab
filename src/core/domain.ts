/**
 * The domain's words (SPEC §1): the roles I&O plays, priorities, lead groups, lifecycle
 * stages and involvement levels, each a closed list with its type, and the names of the
 * sheets the add-in owns (SPEC §4). A leaf module (it imports nothing), so the field table
 * and the engine's types can both build on it without a circle.
 */

export const ROLES = ['Bystander', 'Operator', 'Implementer', 'Driver'] as const;
/** I&O's role in an initiative, from least to most ownership. */
export type Role = (typeof ROLES)[number];
export type RoleOrUnclassified = Role | 'Unclassified';
export const ROLES_AND_UNCLASSIFIED: readonly RoleOrUnclassified[] = [...ROLES, 'Unclassified'];
/** Roles in which I&O holds responsibility (the "active-role share" numerator). */
export const ACTIVE_ROLES: readonly Role[] = ['Operator', 'Implementer', 'Driver'];

/** Endpoints from which an initiative needs I&O's support (SPEC §3: endpoints ≥ 1,000). */
export const ENDPOINTS_THRESHOLD = 1000;

export const PRIORITIES = ['High', 'Medium', 'Low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const GROUPS = ['I&O', 'LOB', 'Operations', 'External', 'Joint'] as const;
export type Group = (typeof GROUPS)[number];

export const STAGES = [
  'Idea',
  'Planned',
  'Pilot',
  'Implementation',
  'Production',
  'Retired',
] as const;
export type Stage = (typeof STAGES)[number];

/** Ordered from least to most involvement. */
export const INVOLVEMENT_LEVELS = [
  'None',
  'Informed',
  'Consulted',
  'Supporting',
  'Responsible',
  'Leading',
] as const;
export type Involvement = (typeof INVOLVEMENT_LEVELS)[number];

export const SUMMARY_SHEET = 'IoT Role Summary';
export const HISTORY_SHEET = 'IoT Role History';
/** Every change each refresh found, one row per change (core/change-log.ts). */
export const CHANGES_SHEET = 'IoT Role Changes';
/** Each initiative as the last refresh left it: what the next refresh compares with. */
export const SNAPSHOT_SHEET = 'IoT Role Snapshot';
/** Sheets the add-in owns, in the order it adds them; never candidates for the inventory. */
export const OUTPUT_SHEETS: readonly string[] = [
  SUMMARY_SHEET,
  HISTORY_SHEET,
  CHANGES_SHEET,
  SNAPSHOT_SHEET,
];
