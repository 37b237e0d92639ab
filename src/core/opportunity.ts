/**
 * The opportunity rules (SPEC §3, the article's second goal): where I&O can take more
 * ownership, how urgent that is, and one plain sentence saying what to do.
 */

import type { ClassifyContext } from './classify';
import { NO_SHEET_CONTEXT, fieldsToFill } from './classify';
import { opportunityKey } from './memo-keys';
import type { Initiative, Priority, Role, RoleOrUnclassified, Stage } from './model';
import { ENDPOINTS_THRESHOLD } from './model';

/** Where I&O can take more ownership of one row, and what to do about it. */
export interface Opportunity {
  nextRole: Role | '';
  priority: Priority | '';
  action: string;
}

const EARLY: ReadonlySet<Stage> = new Set<Stage>(['Idea', 'Planned', 'Pilot']);
const LATER: ReadonlySet<Stage> = new Set<Stage>(['Implementation', 'Production']);

/**
 * Whether the initiative needs I&O's support: true when integration or security is yes or
 * there are ≥ 1,000 endpoints; false when something is recorded and none of that holds;
 * null when none of the three is known.
 */
export function supportNeed(init: Initiative): boolean | null {
  if (init.integration === true || init.security === true) return true;
  if (init.endpoints !== null && init.endpoints >= ENDPOINTS_THRESHOLD) return true;
  if (init.integration === null && init.security === null && init.endpoints === null) return null;
  return false;
}

/** "it integrates with enterprise systems and has 5,000 endpoints". */
function needReasons(init: Initiative): string {
  const reasons: string[] = [];
  if (init.integration === true) reasons.push('integrates with enterprise systems');
  if (init.security === true) reasons.push('is security-sensitive');
  if (init.endpoints !== null && init.endpoints >= ENDPOINTS_THRESHOLD) {
    reasons.push(`has ${formatCount(init.endpoints)} endpoints`);
  }
  if (reasons.length === 1) return `it ${reasons[0]!}`;
  return `it ${reasons.slice(0, -1).join(', ')} and ${reasons[reasons.length - 1]!}`;
}

/** 12345 → "12,345" without locale dependence (the core must be deterministic everywhere). */
export function formatCount(n: number): string {
  const [int, frac] = String(Math.round(n * 100) / 100).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

function leadName(init: Initiative): string {
  return init.ledByText ?? 'the lead group';
}

/**
 * Next role, priority and recommended action for a classified row (SPEC §3). Retired and
 * Unclassified rows get no next role and no priority.
 */
export function opportunity(
  init: Initiative,
  role: RoleOrUnclassified,
  ctx: ClassifyContext = NO_SHEET_CONTEXT,
): Opportunity {
  // The Unclassified action names the row's cells; every other action depends only on
  // these facts, so it is built once per combination and shared (see classify.ts).
  if (role === 'Unclassified') return decideOpportunity(init, role, ctx);
  const key = opportunityKey(init, role);
  if (key < 0) return decideOpportunity(init, role, ctx);
  const hit = opportunities.get(key);
  if (hit !== undefined) return hit;
  const o = decideOpportunity(init, role, ctx);
  if (opportunities.size < 50_000) opportunities.set(key, o);
  return o;
}

const opportunities = new Map<number, Opportunity>();

function decideOpportunity(
  init: Initiative,
  role: RoleOrUnclassified,
  ctx: ClassifyContext,
): Opportunity {
  const stage = init.stage;
  const lead = leadName(init);
  if (role === 'Unclassified') {
    return {
      nextRole: '',
      priority: '',
      action: `Fill in ${fieldsToFill(ctx, init.row)} to classify this initiative, then refresh.`,
    };
  }
  if (stage === 'Retired') {
    return {
      nextRole: '',
      priority: '',
      action: 'Retired: no action needed; keep it for the record.',
    };
  }
  const early = stage !== null && EARLY.has(stage);
  switch (role) {
    case 'Bystander': {
      const need = supportNeed(init);
      if (need === true) {
        const why = needReasons(init);
        if (early && stage === 'Pilot') {
          return {
            nextRole: 'Implementer',
            priority: 'High',
            action: `Engage ${lead} during the pilot, before crucial decisions are made: ${why}, so offer to implement it after the pilot (edge, platform, enterprise integration).`,
          };
        }
        if (early) {
          return {
            nextRole: 'Driver',
            priority: 'High',
            action: `Engage ${lead} now, at the ${stage} stage, before crucial decisions are made: ${why}, so offer to lead the platform, integration and security design.`,
          };
        }
        if (stage !== null && LATER.has(stage)) {
          return {
            nextRole: 'Operator',
            priority: 'High',
            action: `Unmanaged IoT touching enterprise systems (${stage}): ${why}, so offer ${lead} to operate it (endpoints, edge, network and platform connection).`,
          };
        }
        return {
          nextRole: 'Operator',
          priority: 'High',
          action: `Confirm the stage with ${lead}: ${why}, so offer to operate it (endpoints, edge, network and platform connection) before it runs unmanaged.`,
        };
      }
      if (need === null) {
        return {
          nextRole: 'Operator',
          priority: 'Medium',
          action: `Assess the support need with ${lead}: record whether it integrates with enterprise systems, whether it is security-sensitive and how many endpoints it has.`,
        };
      }
      return {
        nextRole: 'Operator',
        priority: 'Low',
        action: `Keep it catalogued: no enterprise integration, security need or large device fleet is recorded; revisit if that changes.`,
      };
    }
    case 'Operator':
      return early
        ? {
            nextRole: 'Implementer',
            priority: 'High',
            action: `I&O will operate what others design: ask ${lead} to let I&O implement it (edge, platform, enterprise integration) while it is still at the ${stage} stage.`,
          }
        : {
            nextRole: 'Implementer',
            priority: 'Medium',
            action: `Build on operating it: offer ${lead} to implement the next release or expansion (edge, platform, enterprise integration).`,
          };
    case 'Implementer':
      return early
        ? {
            nextRole: 'Driver',
            priority: 'Medium',
            action: `Propose that I&O co-lead it with ${lead} while it is at the ${stage} stage, and shape the platform for reuse.`,
          }
        : {
            nextRole: 'Driver',
            priority: 'Low',
            action: `Turn what I&O implemented here into a reusable platform, and propose leading the next similar initiative with ${lead}.`,
          };
    case 'Driver':
      return {
        nextRole: 'Driver',
        priority: 'Low',
        action: 'Sustain: reuse the platform and playbook from this initiative for the next ones.',
      };
  }
}
