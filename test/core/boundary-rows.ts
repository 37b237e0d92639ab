/**
 * Boundary initiatives: rows written by hand, each with the role the article's definitions
 * imply (Gartner, "4 New Roles That I&O Plays in IoT") and the sentence of the article or of
 * SPEC §3 that decides it as the test name. Each row goes through the whole core (a sheet row
 * → normalise → classify → opportunity), so the free text, the RACI forms and the numbers
 * are read as a user's workbook would have them.
 *
 * Rows where the article does not settle the role (the role chosen is the SPEC's) are marked
 * `unsettled` with the reason; the list is printed in the issue's closing note.
 */

import type { Priority, Role, RoleOrUnclassified } from '../../src/core/domain';
import type { CellValue, SheetSnapshot } from '../../src/core/input';
import { sheetOf } from './helpers';

/** The boundary sheet's columns: A name … L override (row 2 holds the initiative). */
export const COLUMNS = {
  name: 'Initiative',
  lead: 'Led By',
  stage: 'Stage',
  pilot: 'I&O Pilot',
  impl: 'I&O Implementation',
  ops: 'I&O Operations',
  text: 'I&O Involvement',
  integ: 'Enterprise Integration',
  sec: 'Security Sensitive',
  devices: '# Devices',
  unit: 'Business Unit',
  override: 'Role Override',
} as const;
export type Column = keyof typeof COLUMNS;
export const KEYS = Object.keys(COLUMNS) as Column[];

export type Cells = Partial<Record<Column, CellValue>>;

export interface Expected {
  role: RoleOrUnclassified;
  /** Addresses of every issue the row must carry (default: none at all). */
  issues?: readonly string[];
  /** Cells the row's conflict messages must name. */
  names?: readonly string[];
  next?: Role | '';
  priority?: Priority | '';
  action?: RegExp;
  notAction?: RegExp;
  rationale?: RegExp;
  endpoints?: number | null;
  /** Why the article does not settle this row (the SPEC decides it). */
  unsettled?: string;
}

const BYSTANDER =
  'Bystander: I&O is not involved at any stage (the LOB or operations team runs it)';
const OPERATOR =
  'Operator: I&O does not drive it and did not implement it, but is called in to operate it';
const IMPLEMENTER =
  'Implementer: the initiative comes from the LOB or operations, but I&O is responsible for implementing it';
const DRIVER =
  'Driver: I&O is the main initiator and leads the initiative, working with the business';
const FREE = 'SPEC §3: in free text only what the text says I&O does counts';
const OTHERS = "SPEC §3: another group's actions never credit I&O";
const NEGATED = 'SPEC §3: a negated clause never credits I&O';
const BELOW = 'SPEC §3: informed, consulted and advisory are below Responsible';
const UNCLEAR = 'SPEC §3: mixed or unclear text gets a data issue on that cell, not a role';
const RACI = 'SPEC §3: common RACI forms and yes/no words are vocabulary';
const COUNT = 'SPEC §3: a count with a thousands separator is read as the number or flagged';
const CONFLICT = 'SPEC §3: conflicts are classified by the rules and reported on their cells';
const ADVICE = 'SPEC §3: actions address the business owner in idiomatic English';

/** Production, no support need: the usual background of a role row. */
const quiet = { stage: 'Production', integ: 'No', sec: 'No', devices: 200 } as const;

export const BOUNDARY: readonly [string, Cells, Expected][] = [
  // --- the four roles from the phase columns -------------------------------------------
  [
    `${BYSTANDER}: none in every phase`,
    { lead: 'Marketing', ...quiet, pilot: 'None', impl: 'None', ops: 'None' },
    { role: 'Bystander', next: '', priority: 'Low', action: /catalogued/ },
  ],
  [
    `${OPERATOR}: supporting the implementation, responsible for operations`,
    { lead: 'Plant', ...quiet, pilot: 'None', impl: 'Supporting', ops: 'Responsible' },
    { role: 'Operator', next: 'Implementer', priority: 'Medium' },
  ],
  [
    `${IMPLEMENTER}: responsible for implementation`,
    { lead: 'Manufacturing', ...quiet, stage: 'Implementation', impl: 'Responsible' },
    { role: 'Implementer', next: 'Driver', priority: 'Low' },
  ],
  [
    'Implementer: I&O often operates it as well (an inherited role)',
    { lead: 'Marketing', ...quiet, pilot: 'Informed', impl: 'R', ops: 'R' },
    { role: 'Implementer', rationale: /also operates/ },
  ],
  [
    `${DRIVER}: led by IT`,
    { lead: 'IT', ...quiet, pilot: 'Leading', impl: 'Responsible', ops: 'Responsible' },
    { role: 'Driver', next: 'Driver', priority: 'Low', action: /reuse the platform/ },
  ],
  [
    `${DRIVER}: I&O leads the pilot of a jointly led initiative`,
    { lead: 'Joint', stage: 'Pilot', pilot: 'Leading', integ: 'Yes', sec: 'No', devices: 100 },
    { role: 'Driver', notAction: /\bJoint\b/ },
  ],
  [
    'SPEC §3 rule 6: nothing about I&O is known → Unclassified, the issue says which fields to fill',
    { lead: 'Sales', ...quiet },
    { role: 'Unclassified', issues: ['D2'], next: '', priority: '' },
  ],
  [
    'SPEC §3 rule 1: a valid override sets the role and says what the rules would have said',
    { lead: 'Marketing', ...quiet, pilot: 'None', impl: 'None', ops: 'None', override: 'Operator' },
    { role: 'Operator', rationale: /Set by hand to Operator; the rules would say Bystander/ },
  ],
  [
    'SPEC §3 rule 1: an invalid override is a data issue and is ignored',
    { lead: 'Marketing', ...quiet, impl: 'R', override: 'Champion' },
    { role: 'Implementer', issues: ['L2'] },
  ],
  [
    'SPEC §3 rule 5: phases later than the current stage may be blank (not planned yet)',
    { lead: 'Retail', stage: 'Planned', pilot: 'Consulted', integ: 'No', sec: 'No', devices: 10 },
    { role: 'Bystander', rationale: /not planned yet/ },
  ],
  // --- pilot Responsible --------------------------------------------------------------------
  [
    'SPEC §3 rule 4: I&O Responsible in the pilot makes an Implementer (it builds what another group initiated)',
    { lead: 'Retail', stage: 'Pilot', pilot: 'Responsible', integ: 'No', sec: 'No', devices: 50 },
    {
      role: 'Implementer',
      unsettled:
        "the article's Implementer implements, usually after the pilot; building the pilot itself is not described, and SPEC rule 4 makes it an Implementer",
      rationale: /pilot/,
      next: 'Driver',
      priority: 'Medium',
    },
  ],
  [
    'SPEC §3 rule 4: pilot "R" (RACI) is Responsible in the pilot → Implementer',
    { lead: 'Facilities', stage: 'Pilot', pilot: 'R', integ: 'Yes', sec: 'No', devices: 50 },
    { role: 'Implementer', notAction: /after the pilot/ },
  ],
  [
    `${BYSTANDER}: supporting the pilot does not reach Responsible`,
    { lead: 'Retail', stage: 'Pilot', pilot: 'Supporting', integ: 'No', sec: 'No', devices: 50 },
    { role: 'Bystander' },
  ],
  // --- RACI forms and yes/no words --------------------------------------------------------
  [
    `${RACI}: "R/A" in implementation is responsible and accountable → Implementer`,
    { lead: 'Plant', ...quiet, stage: 'Implementation', pilot: 'I', impl: 'R/A' },
    { role: 'Implementer', next: 'Driver' },
  ],
  [
    `${RACI}: "A/R" in implementation → Implementer`,
    { lead: 'Plant', ...quiet, stage: 'Implementation', impl: 'A/R' },
    { role: 'Implementer' },
  ],
  [
    `${RACI}: "R" in operations → Operator`,
    { lead: 'Logistics', ...quiet, pilot: 'C', impl: 'C', ops: 'R' },
    { role: 'Operator' },
  ],
  [
    `${RACI}: "C" in every phase is consulted → Bystander`,
    { lead: 'Logistics', ...quiet, pilot: 'C', impl: 'C', ops: 'C' },
    { role: 'Bystander' },
  ],
  [
    `${RACI}: "I" in every phase is informed → Bystander`,
    { lead: 'Logistics', ...quiet, pilot: 'I', impl: 'I', ops: 'I' },
    { role: 'Bystander' },
  ],
  [
    `${RACI}: "S" in every phase is supporting → Bystander`,
    { lead: 'Logistics', ...quiet, pilot: 'S', impl: 'S', ops: 'S' },
    { role: 'Bystander' },
  ],
  [
    `${RACI}: "R/A" in operations, "S" in implementation → Operator`,
    { lead: 'Logistics', ...quiet, impl: 'S', ops: 'R/A' },
    { role: 'Operator' },
  ],
  [
    `${RACI}: "Yes" in implementation, "No" in the pilot → Implementer`,
    { lead: 'Finance', ...quiet, pilot: 'No', impl: 'Yes', ops: 'No' },
    { role: 'Implementer' },
  ],
  [
    `${RACI}: a tick "✓" in operations → Operator`,
    { lead: 'Finance', ...quiet, pilot: '-', impl: '-', ops: '✓' },
    { role: 'Operator' },
  ],
  [
    `${RACI}: "A" in the pilot of a Retail-led initiative is accountable → Driver, with the conflict on both cells`,
    { lead: 'Retail', stage: 'Pilot', pilot: 'A', integ: 'No', sec: 'No', devices: 10 },
    {
      role: 'Driver',
      issues: ['B2'],
      names: ['B2', 'D2'],
      action: /^Resolve first/,
      notAction: /Sustain/,
      unsettled:
        "I&O accountable for the pilot of a Retail-led initiative: the article has no role for leading another group's pilot; SPEC rule 2 makes it Driver and the conflict is reported",
    },
  ],
  // --- free text: what I&O does -----------------------------------------------------------
  [
    `${FREE}: "Implements and operates" → Implementer (also operates)`,
    { lead: 'Marketing', ...quiet, text: 'Implements and operates' },
    { role: 'Implementer', rationale: /also operates/ },
  ],
  [
    `${FREE}: "Build and run" → Implementer`,
    { lead: 'Marketing', ...quiet, text: 'Build and run' },
    { role: 'Implementer' },
  ],
  [
    `${FREE}: "Runs it" (I&O the implicit subject) → Operator`,
    { lead: 'Plant', ...quiet, text: 'Runs it' },
    { role: 'Operator' },
  ],
  [
    `${FREE}: "IT operates the network after go-live" → Operator`,
    { lead: 'Plant', ...quiet, text: 'IT operates the network after go-live' },
    { role: 'Operator' },
  ],
  [
    `${FREE}: "Provides support after go-live" is operating it → Operator`,
    { lead: 'Plant', ...quiet, text: 'Provides support after go-live' },
    {
      role: 'Operator',
      unsettled:
        'the article lists what an Operator runs, not support; the SPEC maps support after go-live to operations Responsible',
    },
  ],
  [
    `${FREE}: "Deploys the gateways" → Implementer`,
    { lead: 'Plant', ...quiet, stage: 'Implementation', text: 'Deploys the gateways' },
    { role: 'Implementer' },
  ],
  [
    `${FREE}: "Responsible for implementation and operations" → Implementer (also operates)`,
    { lead: 'Plant', ...quiet, text: 'Responsible for implementation and operations' },
    { role: 'Implementer', rationale: /also operates/ },
  ],
  [
    `${FREE}: "We run it" (we = I&O, whose sheet it is) → Operator`,
    { lead: 'Retail', ...quiet, text: 'We run it' },
    { role: 'Operator' },
  ],
  [
    `${FREE}: "Leads it with the business" (no lead group written) → Driver`,
    { ...quiet, text: 'Leads it with the business' },
    { role: 'Driver' },
  ],
  [
    `${FREE}: "Will operate it after go-live" at the pilot → Operator (a planned phase)`,
    {
      lead: 'Retail',
      stage: 'Pilot',
      text: 'Will operate it after go-live',
      integ: 'No',
      sec: 'No',
      devices: 10,
    },
    {
      role: 'Operator',
      unsettled:
        "the article's Operator is called in to operate it; a planned operation is not yet the role, and the SPEC reads phases as plans (later phases may be filled ahead)",
      next: 'Implementer',
      priority: 'High',
    },
  ],
  [
    `${FREE}: "Operator" → Operator`,
    { lead: 'Retail', ...quiet, text: 'Operator' },
    { role: 'Operator' },
  ],
  [
    `${FREE}: "Implementer" → Implementer`,
    { lead: 'Retail', ...quiet, text: 'Implementer' },
    { role: 'Implementer' },
  ],
  [
    `${FREE}: "R" alone is Responsible in every phase → Implementer (also operates)`,
    { lead: 'Retail', ...quiet, text: 'R' },
    { role: 'Implementer' },
  ],
  // --- free text: negation ----------------------------------------------------------------
  [
    `${NEGATED}: "Operates it, but never implemented it" → Operator`,
    { lead: 'Plant', ...quiet, text: 'Operates it, but never implemented it' },
    { role: 'Operator', rationale: /not involved in implementation, responsible for operations/ },
  ],
  [
    `${NEGATED}: "Does not operate it" → Bystander`,
    { lead: 'Plant', ...quiet, text: 'Does not operate it' },
    { role: 'Bystander' },
  ],
  [
    `${NEGATED}: "Not involved" → Bystander`,
    { lead: 'Plant', ...quiet, text: 'Not involved' },
    { role: 'Bystander', next: '', priority: 'Low' },
  ],
  [
    `${NEGATED}: "I&O does not implement it; the vendor does" → Bystander`,
    {
      lead: 'Plant',
      ...quiet,
      stage: 'Implementation',
      text: 'I&O does not implement it; the vendor does',
    },
    { role: 'Bystander' },
  ],
  [
    `${NEGATED}: "Never involved" → Bystander`,
    { lead: 'Plant', ...quiet, text: 'Never involved' },
    { role: 'Bystander' },
  ],
  [
    `${NEGATED}: "Not involved in the pilot; implements it" → Implementer`,
    { lead: 'Plant', ...quiet, text: 'Not involved in the pilot; implements it' },
    { role: 'Implementer' },
  ],
  // --- free text: another group's actions -------------------------------------------------
  [
    `${OTHERS}: "Informed only; Retail leads and runs it" → Bystander`,
    { lead: 'Retail', ...quiet, text: 'Informed only; Retail leads and runs it' },
    { role: 'Bystander' },
  ],
  [
    `${OTHERS}: "Operations team leads; I&O consulted" → Bystander`,
    { ...quiet, text: 'Operations team leads; I&O consulted' },
    { role: 'Bystander' },
  ],
  [
    `${OTHERS}: "Not involved; vendor runs it end to end" → Bystander, advice to the business owner`,
    {
      lead: 'Vendor',
      stage: 'Production',
      unit: 'Facilities',
      text: 'Not involved; vendor runs it end to end',
      integ: 'Yes',
      sec: 'No',
      devices: 300,
    },
    {
      role: 'Bystander',
      next: 'Operator',
      priority: 'High',
      action: /Facilities/,
      notAction: /vendor/i,
    },
  ],
  [
    `${OTHERS}: "Advisory only; the plant implements and runs it" → Bystander`,
    { lead: 'Plant', ...quiet, text: 'Advisory only; the plant implements and runs it' },
    { role: 'Bystander' },
  ],
  [
    `${OTHERS}: "The vendor implements and I&O operates" → Operator`,
    { lead: 'Facilities', ...quiet, text: 'The vendor implements and I&O operates' },
    { role: 'Operator' },
  ],
  [
    `${OTHERS}: "Plant implements; IT runs it" → Operator`,
    { lead: 'Plant', ...quiet, text: 'Plant implements; IT runs it' },
    { role: 'Operator' },
  ],
  [
    `${OTHERS}: "Retail leads, I&O implements" → Implementer`,
    { lead: 'Retail', ...quiet, text: 'Retail leads, I&O implements' },
    { role: 'Implementer' },
  ],
  [
    `${OTHERS}: "Implemented by the vendor, operated by IT" → Operator`,
    { lead: 'Facilities', ...quiet, text: 'Implemented by the vendor, operated by IT' },
    { role: 'Operator' },
  ],
  [
    `${OTHERS}: "Retail runs it; I&O not involved" → Bystander`,
    { lead: 'Retail', ...quiet, text: 'Retail runs it; I&O not involved' },
    { role: 'Bystander' },
  ],
  [
    `${OTHERS}: "Builds the platform; Retail runs it day to day" → Implementer`,
    { lead: 'Retail', ...quiet, text: 'Builds the platform; Retail runs it day to day' },
    { role: 'Implementer', notAction: /also operates/ },
  ],
  // --- free text: below Responsible ---------------------------------------------------------
  [
    `${BELOW}: "Consulted on implementation" → Bystander`,
    { lead: 'Plant', ...quiet, stage: 'Implementation', text: 'Consulted on implementation' },
    { role: 'Bystander' },
  ],
  [
    `${BELOW}: "Kept informed" → Bystander`,
    { lead: 'Plant', ...quiet, text: 'Kept informed' },
    { role: 'Bystander' },
  ],
  [
    `${BELOW}: "Advisory role on the network design" → Bystander`,
    { lead: 'Plant', ...quiet, text: 'Advisory role on the network design' },
    { role: 'Bystander' },
  ],
  [
    `${BELOW}: "Helped with the pilot" is supporting → Bystander`,
    { lead: 'Plant', ...quiet, stage: 'Pilot', text: 'Helped with the pilot' },
    { role: 'Bystander' },
  ],
  // --- free text: mixed or unclear ---------------------------------------------------------
  [
    `${UNCLEAR}: "Possibly implements it" → no role, issue on the text`,
    { lead: 'Plant', ...quiet, text: 'Possibly implements it' },
    { role: 'Unclassified', issues: ['G2', 'D2'] },
  ],
  [
    `${UNCLEAR}: "Operates it; does not operate it" contradicts itself → no role, issue on the text`,
    { lead: 'Plant', ...quiet, text: 'Operates it; does not operate it' },
    { role: 'Unclassified', issues: ['G2', 'D2'] },
  ],
  [
    `${UNCLEAR}: "IT or Retail will run it" → no role, issue on the text`,
    { lead: 'Retail', ...quiet, text: 'IT or Retail will run it' },
    { role: 'Unclassified', issues: ['G2', 'D2'] },
  ],
  [
    `${UNCLEAR}: "TBD" → no role, issue on the text`,
    { lead: 'Retail', ...quiet, text: 'TBD' },
    { role: 'Unclassified', issues: ['G2', 'D2'] },
  ],
  [
    `${UNCLEAR}: "Implements it; maybe also runs it" keeps the clear clause, flags the unclear one`,
    {
      lead: 'Retail',
      ...quiet,
      stage: 'Implementation',
      text: 'Implements it; maybe also runs it',
    },
    { role: 'Implementer', issues: ['G2'] },
  ],
  // --- conflicts ---------------------------------------------------------------------------
  [
    `${CONFLICT}: Marketing leads but I&O leads the pilot → Driver, both cells named`,
    { lead: 'Marketing', stage: 'Pilot', pilot: 'Leading', integ: 'No', sec: 'No', devices: 10 },
    {
      role: 'Driver',
      issues: ['B2'],
      names: ['B2', 'D2'],
      action: /^Resolve first.*B2.*D2/,
      unsettled:
        "I&O leading the pilot of another group's initiative: the article's Driver is the main initiator; SPEC rule 2 makes it Driver and reports the conflict",
    },
  ],
  [
    `${CONFLICT}: Retail leads but the text says I&O leads the pilot → the conflict names the text cell`,
    {
      lead: 'Retail',
      stage: 'Pilot',
      text: 'Leads the pilot',
      integ: 'No',
      sec: 'No',
      devices: 10,
    },
    {
      role: 'Driver',
      issues: ['B2'],
      names: ['B2', 'G2'],
      unsettled:
        "I&O leading the pilot of another group's initiative (from the text): as above, SPEC rule 2 decides",
    },
  ],
  [
    `${CONFLICT}: led by I&O but no phase at Responsible or above (consulted everywhere)`,
    { lead: 'IT', ...quiet, pilot: 'Consulted', impl: 'Consulted', ops: 'Consulted' },
    {
      role: 'Driver',
      unsettled:
        "the article's Driver leads; a lead that is only consulted in every phase contradicts it, and the SPEC classifies by rule 2 (Driver) and reports the conflict",
      issues: ['B2'],
      names: ['B2', 'D2'],
      action: /^Resolve first/,
      notAction: /Sustain/,
    },
  ],
  [
    `${CONFLICT}: led by I&O but not involved in any recorded phase`,
    { lead: 'IT', ...quiet, pilot: 'None', impl: 'None', ops: 'None' },
    { role: 'Driver', issues: ['B2'], action: /^Resolve first/ },
  ],
  [
    `${CONFLICT}: led by I&O, the text says consulted only → the conflict names the text cell`,
    { lead: 'IT', ...quiet, text: 'Consulted only' },
    { role: 'Driver', issues: ['B2'], names: ['B2', 'G2'] },
  ],
  [
    `${DRIVER}: led by IT at the Idea stage with no phase recorded is no conflict`,
    { lead: 'IT', stage: 'Idea', integ: 'Yes', sec: 'No', devices: 10 },
    { role: 'Driver', notAction: /reuse the platform/ },
  ],
  [
    `${DRIVER}: led by IT, responsible for the pilot in production is no conflict`,
    { lead: 'IT', ...quiet, pilot: 'R' },
    { role: 'Driver' },
  ],
  [
    `${CONFLICT}: operations left blank in Production → Bystander with an issue on that cell`,
    { lead: 'Retail', ...quiet, pilot: 'None', impl: 'None' },
    {
      role: 'Bystander',
      unsettled:
        "the article's Bystander is not involved at any stage; operations is unknown, so the article cannot tell, and SPEC rule 5 says Bystander with the gap reported",
      issues: ['F2'],
      action: /^Resolve first.*F2/,
    },
  ],
  [
    `${CONFLICT}: implementation left blank at Implementation → Bystander with an issue on that cell`,
    { lead: 'Retail', ...quiet, stage: 'Rollout', pilot: 'Consulted' },
    {
      role: 'Bystander',
      unsettled:
        'as above: implementation is unknown at the Implementation stage; SPEC rule 5 says Bystander with the gap reported',
      issues: ['E2'],
    },
  ],
  [
    `${CONFLICT}: the implementation column says None, the text says I&O implements → the column wins, both cells named`,
    { lead: 'Retail', ...quiet, stage: 'Implementation', impl: 'None', text: 'Implements it' },
    { role: 'Bystander', issues: ['E2'], names: ['E2', 'G2'], action: /^Resolve first/ },
  ],
  [
    `${FREE}: the phase column and the text agree → Operator, no issue`,
    { lead: 'Plant', ...quiet, ops: 'R', text: 'Operates it' },
    { role: 'Operator' },
  ],
  // --- counts -------------------------------------------------------------------------------
  [
    `${COUNT}: "12.000" devices is twelve thousand → a support need`,
    {
      lead: 'Retail',
      stage: 'Production',
      pilot: 'None',
      impl: 'None',
      ops: 'None',
      integ: 'No',
      sec: 'No',
      devices: '12.000',
    },
    {
      role: 'Bystander',
      endpoints: 12000,
      next: 'Operator',
      priority: 'High',
      action: /12,000 endpoints/,
    },
  ],
  [
    `${COUNT}: "1.200" devices is twelve hundred`,
    {
      lead: 'Retail',
      stage: 'Production',
      pilot: 'None',
      impl: 'None',
      ops: 'None',
      integ: 'No',
      sec: 'No',
      devices: '1.200',
    },
    { role: 'Bystander', endpoints: 1200, priority: 'High' },
  ],
  [
    `${COUNT}: "1,200" devices is twelve hundred`,
    {
      lead: 'Retail',
      stage: 'Production',
      pilot: 'None',
      impl: 'None',
      ops: 'None',
      integ: 'No',
      sec: 'No',
      devices: '1,200',
    },
    { role: 'Bystander', endpoints: 1200, priority: 'High' },
  ],
  [
    `${COUNT}: "12 000" devices is twelve thousand`,
    {
      lead: 'Retail',
      stage: 'Production',
      pilot: 'None',
      impl: 'None',
      ops: 'None',
      integ: 'No',
      sec: 'No',
      devices: '12 000',
    },
    { role: 'Bystander', endpoints: 12000 },
  ],
  [
    `${COUNT}: "1.200.000" devices is 1.2 million`,
    {
      lead: 'Retail',
      stage: 'Production',
      pilot: 'None',
      impl: 'None',
      ops: 'None',
      integ: 'No',
      sec: 'No',
      devices: '1.200.000',
    },
    { role: 'Bystander', endpoints: 1_200_000 },
  ],
  [
    `${COUNT}: "12,00" devices cannot be told apart → flagged, the need unknown`,
    {
      lead: 'Retail',
      stage: 'Production',
      pilot: 'None',
      impl: 'None',
      ops: 'None',
      integ: 'No',
      sec: 'No',
      devices: '12,00',
    },
    {
      role: 'Bystander',
      endpoints: null,
      issues: ['J2'],
      next: 'Operator',
      priority: 'Medium',
      action: /^Assess/,
    },
  ],
  // --- support facts and advice -------------------------------------------------------------
  [
    'SPEC §3: an unreadable integration value ("Ja") makes the support need unknown (Medium, assess)',
    {
      lead: 'Retail',
      stage: 'Production',
      pilot: 'None',
      impl: 'None',
      ops: 'None',
      integ: 'Ja',
      sec: 'No',
      devices: 50,
    },
    { role: 'Bystander', issues: ['H2'], next: 'Operator', priority: 'Medium', action: /^Assess/ },
  ],
  [
    'SPEC §3: no support need → no next role, Low, keep it catalogued',
    {
      lead: 'Retail',
      stage: 'Production',
      pilot: 'None',
      impl: 'None',
      ops: 'None',
      integ: 'No',
      sec: 'No',
      devices: 50,
    },
    { role: 'Bystander', next: '', priority: 'Low', action: /^Keep it catalogued/ },
  ],
  [
    'SPEC §3: a security-sensitive Bystander in production → Operator, High, no claim of enterprise integration',
    {
      lead: 'Retail',
      stage: 'Production',
      pilot: 'None',
      impl: 'None',
      ops: 'None',
      integ: 'No',
      sec: 'Yes',
      devices: 50,
    },
    {
      role: 'Bystander',
      next: 'Operator',
      priority: 'High',
      action: /propose to Retail that I&O operates it/i,
      notAction: /touching enterprise systems|integrat/i,
    },
  ],
  [
    'SPEC §3: a Bystander at Idea with enterprise integration → Driver, High, before crucial decisions are made',
    { lead: 'Retail', stage: 'Idea', pilot: 'None', integ: 'Yes', sec: 'No', devices: 50 },
    { role: 'Bystander', next: 'Driver', priority: 'High', action: /Retail/ },
  ],
  [
    'SPEC §3: a Bystander in a pilot with 5k devices → Implementer, High',
    { lead: 'Retail', stage: 'Pilot', pilot: 'Consulted', integ: 'No', sec: 'No', devices: '5k' },
    { role: 'Bystander', next: 'Implementer', priority: 'High', action: /5,000 endpoints/ },
  ],
  [
    `${ADVICE}: an Operator is advised to propose implementing to the business owner`,
    { lead: 'Plant Ops', ...quiet, impl: 'C', ops: 'R' },
    {
      role: 'Operator',
      issues: ['B2'],
      action: /propose that I&O implements/i,
      notAction: /offer .* to (operate|implement)|the lead group/,
    },
  ],
  [
    `${ADVICE}: an Implementer at the pilot is advised to propose to Retail that I&O leads it`,
    { lead: 'Retail', stage: 'Pilot', impl: 'R', integ: 'No', sec: 'No', devices: 10 },
    {
      role: 'Implementer',
      next: 'Driver',
      priority: 'Medium',
      action: /propose to Retail that I&O leads it from the Pilot stage on/i,
    },
  ],
  [
    `${ADVICE}: no placeholder when the lead group is blank`,
    {
      stage: 'Production',
      pilot: 'None',
      impl: 'None',
      ops: 'None',
      integ: 'Yes',
      sec: 'No',
      devices: 50,
    },
    { role: 'Bystander', notAction: /the lead group/ },
  ],
  [
    'SPEC §3: Retired → no next role, no priority',
    {
      lead: 'Retail',
      stage: 'Retired',
      pilot: 'None',
      impl: 'None',
      ops: 'None',
      integ: 'No',
      sec: 'No',
      devices: 10,
    },
    { role: 'Bystander', next: '', priority: '' },
  ],
];

/** A row's cells in the sheet's column order (its name in column A). */
export function rowValues(cells: Cells, name = 'Boundary initiative'): CellValue[] {
  return KEYS.map((k) => (k === 'name' ? name : (cells[k] ?? null)));
}

/** Every boundary initiative on one sheet (row 2 onwards), for checks over all of them. */
export const BOUNDARY_ROWS: SheetSnapshot = sheetOf('Boundary', [
  KEYS.map((k) => COLUMNS[k]),
  ...BOUNDARY.map(([, cells], i) => rowValues(cells, `Boundary ${i + 1}`)),
]);
