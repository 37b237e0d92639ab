/**
 * A realistic, messy IoT initiative inventory, deterministic per seed: the demo's input and
 * the shared fixture of the host, file and browser tests. It mimics what planners really
 * keep: a title row above the header, vocabulary variants ("IT Ops", "PoC", "R", "✓"),
 * numbers written as text ("~500", "5k", "$1.2M"), blank rows, a few bad values, a missing
 * name, and a text that looks like a formula. Demo data, not engine: it lives beside the
 * command line's `sample` command that writes it (the tests and benchmarks borrow it).
 */

import type { CellValue } from '../core/input';
import type { Field } from '../core/fields';
import { FIELD_SPECS, FIELD_TABLE } from '../core/fields';
import { VOCABULARY_LISTS } from '../core/vocab';

export interface SampleOptions {
  /** Initiative rows to generate (default 40). */
  rows?: number;
  /** Seed of the pseudo-random generator (default 1). */
  seed?: number;
}

export interface SampleInventory {
  sheetName: string;
  title: string;
  /** Row 0: title; row 1: blank; row 2: header; rows 3..: initiatives (some blank). */
  values: CellValue[][];
  /** 0-based index of the header row in `values`. */
  headerRow: number;
}

/** Fields in the order a planner keeps them; the field table's other fields follow. */
const SAMPLE_FIRST: readonly Field[] = [
  'id',
  'name',
  'businessUnit',
  'ledBy',
  'stage',
  'ioPilot',
  'ioImplementation',
  'ioOperations',
  'integration',
  'security',
  'endpoints',
  'budget',
  'override',
];

/** The sample's header of a field where it is not the field's first header (a planner's spelling). */
const SAMPLE_HEADER: Partial<Record<Field, string>> = {
  endpoints: '# Devices',
  budget: 'Budget ($)',
};

/**
 * The sample's fields, left to right: every field of the field table (fields.ts), so a new
 * field reaches the sample on its own; the free-text "I&O Involvement" is left out, its three
 * phases having their own columns (as in the template, core/template.ts).
 */
const SAMPLE_FIELDS: readonly Field[] = [
  ...SAMPLE_FIRST,
  ...FIELD_TABLE.filter((f) => !SAMPLE_FIRST.includes(f.key) && f.kind !== 'involvement-text').map(
    (f) => f.key,
  ),
];

/** The sample's header row: a column per field, then the planner's own "Notes". */
export const SAMPLE_HEADERS: readonly string[] = [
  ...SAMPLE_FIELDS.map((f) => SAMPLE_HEADER[f] ?? FIELD_TABLE.find((r) => r.key === f)!.headers[0]),
  'Notes',
];

/**
 * Values of a field the generator below does not draw itself (one added to the field table
 * since), from its kind's vocabulary; free text is left blank. They come from a stream of
 * their own, so the fields drawn below keep their values for every seed. An override is left
 * blank like free text: it is the planner's to set.
 */
function fieldValue(field: Field, random: () => number): CellValue {
  const pick = (items: readonly string[]): string => items[Math.floor(random() * items.length)]!;
  switch (FIELD_SPECS[field].kind) {
    case 'group':
      return pick(VOCABULARY_LISTS.ledBy);
    case 'stage':
      return pick(VOCABULARY_LISTS.stage);
    case 'involvement':
      return pick(VOCABULARY_LISTS.involvement);
    case 'yes-no':
      return pick(VOCABULARY_LISTS.yesNo);
    case 'count':
      return Math.round(10 ** (1 + random() * 3));
    case 'amount':
      return Math.round(20 + random() * 1800) * 1000;
    case 'text':
    case 'involvement-text':
    case 'role':
      return null;
  }
}

interface Theme {
  unit: string;
  /** Relative frequency: most IoT initiatives start outside IT. */
  weight: number;
  leads: readonly string[];
  names: readonly string[];
}

const THEMES: readonly Theme[] = [
  {
    unit: 'Facilities',
    weight: 3,
    leads: ['Facilities', 'Facilities', 'Operations', 'Vendor'],
    names: [
      'Smart HVAC optimisation',
      'Occupancy sensing for hot desks',
      'Leak detection in data halls',
      'Smart lighting retrofit',
      'Elevator predictive maintenance',
      'Energy sub-metering',
      'Air quality monitoring',
      'Access badge analytics',
    ],
  },
  {
    unit: 'Manufacturing',
    weight: 3,
    leads: ['Manufacturing', 'OT', 'Plant', 'Engineering'],
    names: [
      'Predictive maintenance on CNC lines',
      'Vibration monitoring for pumps',
      'Digital twin of bottling line',
      'Machine vision quality inspection',
      'Compressed air leak detection',
      'Worker safety wearables',
      'OEE dashboard from PLC data',
      'Edge analytics for furnace control',
    ],
  },
  {
    unit: 'Logistics',
    weight: 2.5,
    leads: ['Supply Chain', 'Logistics', 'Operations', 'Third Party'],
    names: [
      'Fleet telematics',
      'Cold-chain temperature tracking',
      'Pallet RFID tracking',
      'Yard management sensors',
      'Warehouse robot fleet',
      'Dock door utilisation',
      'Container GPS trackers',
    ],
  },
  {
    unit: 'Retail',
    weight: 2.5,
    leads: ['Retail', 'Marketing', 'LOB', 'Sales'],
    names: [
      'Smart shelves with weight sensors',
      'In-store footfall analytics',
      'Beacon-based promotions',
      'Refrigeration monitoring in stores',
      'Electronic shelf labels',
      'Self-checkout telemetry',
      'Digital signage network',
    ],
  },
  {
    unit: 'HR',
    weight: 1,
    leads: ['HR', 'Facilities', 'Business'],
    names: [
      'Wellbeing wearables pilot',
      'Workplace occupancy for return-to-office',
      'Lone worker safety devices',
      'Meeting room sensors',
    ],
  },
  {
    unit: 'IT',
    weight: 0.6,
    leads: ['I&O', 'Infrastructure & Operations', 'CIO Office', 'IT'],
    names: [
      'Enterprise IoT platform',
      'Edge compute standard',
      'IoT network segmentation',
      'Device identity and certificate service',
      'Data centre environmental monitoring',
    ],
  },
];

/** Involvement spellings planners actually use, by canonical level. */
const LEVEL_SPELLINGS: Record<string, readonly string[]> = {
  None: ['None', 'No', 'N', '-', 'N/A', 'Not involved'],
  Informed: ['Informed', 'I'],
  Consulted: ['Consulted', 'C', 'Advisory'],
  Supporting: ['Supporting', 'Support', 'S'],
  Responsible: ['Responsible', 'R', 'Yes', 'Y', 'x', '✓', 'Runs', 'Operates'],
  Leading: ['Leading', 'Leads', 'A', 'Drives'],
};

const STAGE_SPELLINGS: readonly (readonly [string, readonly string[]])[] = [
  ['Idea', ['Idea', 'Proposed', 'Concept', 'Backlog']],
  ['Planned', ['Planned', 'Planning', 'Approved', 'Design']],
  ['Pilot', ['Pilot', 'PoC', 'Proof of Concept', 'Trial', 'MVP']],
  ['Implementation', ['Implementation', 'Rollout', 'Deployment', 'Scaling']],
  ['Production', ['Production', 'Live', 'In Production', 'BAU', 'Operational']],
  ['Retired', ['Retired', 'Decommissioned', 'Cancelled']],
];

/** Typos and off-vocabulary values that a real inventory contains. */
const BAD_VALUES = {
  stage: ['On hold?', 'TBD', 'Phase 2'],
  level: ['maybe', 'partly', 'ask Tom'],
  yesNo: ['Unsure', 'Depends'],
  devices: ['lots', 'several hundred'],
  lead: ['Tiger team', 'Innovation Lab'],
} as const;

const TOTAL_WEIGHT = THEMES.reduce((sum, t) => sum + t.weight, 0);

function pickTheme(r: number): Theme {
  let x = r * TOTAL_WEIGHT;
  for (const theme of THEMES) {
    x -= theme.weight;
    if (x < 0) return theme;
  }
  return THEMES[THEMES.length - 1]!;
}

/**
 * mulberry32: small, fast, good enough for fixtures, identical on every platform (the sample,
 * the benchmarks and the mutation tests draw from it).
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Generates a realistic, messy inventory; the same options always give the same values. */
export function generateSampleInventory(options: SampleOptions = {}): SampleInventory {
  const count = Math.max(0, Math.floor(options.rows ?? 40));
  const random = rng(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number): boolean => random() < p;
  const otherRandom = rng((options.seed ?? 1) ^ 0x5eed);

  const width = SAMPLE_HEADERS.length;
  const title = 'IoT Initiative Inventory (FY2027 planning)';
  const values: CellValue[][] = [
    [title, ...Array<CellValue>(width - 1).fill(null)],
    Array<CellValue>(width).fill(null),
    [...SAMPLE_HEADERS],
  ];
  const used = new Map<string, number>();

  for (let i = 0; i < count; i++) {
    // Every so often a planner leaves an empty line between blocks.
    if (i > 0 && chance(0.03)) values.push(Array<CellValue>(width).fill(null));

    const theme = pickTheme(random());
    const base = pick(theme.names);
    const seen = (used.get(base) ?? 0) + 1;
    used.set(base, seen);
    let name: string | null = seen === 1 ? base : `${base} (site ${seen})`;

    const stageIndex = Math.min(5, Math.floor(random() * 5.3));
    const [stageName, stageSpellings] = STAGE_SPELLINGS[stageIndex]!;
    let lead = pick(theme.leads);

    // Scenario: what I&O really does in this initiative, drawn with realistic weights.
    const scenario = random();
    let pilot: string | null;
    let impl: string | null;
    let ops: string | null;
    const afterPilot = stageIndex >= 3;
    if (scenario < 0.12) {
      lead = pick(['I&O', 'IT', 'Infrastructure & Operations', 'CIO Office', 'IT Ops']);
      pilot = pick(LEVEL_SPELLINGS.Leading!);
      impl = afterPilot ? pick(LEVEL_SPELLINGS.Responsible!) : null;
      ops = stageIndex >= 4 ? pick(LEVEL_SPELLINGS.Responsible!) : null;
    } else if (scenario < 0.32) {
      pilot = pick(LEVEL_SPELLINGS.Consulted!);
      impl = pick(LEVEL_SPELLINGS.Responsible!);
      ops = chance(0.6) ? pick(LEVEL_SPELLINGS.Responsible!) : null;
    } else if (scenario < 0.52) {
      pilot = pick([...LEVEL_SPELLINGS.None!, ...LEVEL_SPELLINGS.Informed!]);
      impl = pick([...LEVEL_SPELLINGS.Supporting!, ...LEVEL_SPELLINGS.Consulted!]);
      ops = pick(LEVEL_SPELLINGS.Responsible!);
    } else if (scenario < 0.9) {
      pilot = pick([...LEVEL_SPELLINGS.None!, ...LEVEL_SPELLINGS.Informed!]);
      impl = afterPilot ? pick([...LEVEL_SPELLINGS.None!, ...LEVEL_SPELLINGS.Consulted!]) : null;
      ops =
        stageIndex >= 4 ? pick([...LEVEL_SPELLINGS.None!, ...LEVEL_SPELLINGS.Supporting!]) : null;
    } else {
      // Nobody asked I&O: the involvement columns are blank.
      pilot = null;
      impl = null;
      ops = null;
    }

    let stage: CellValue = pick(stageSpellings);
    let integration: CellValue = pick(chance(0.55) ? ['Yes', 'Y', 'x', 'TRUE'] : ['No', 'N', '-']);
    let security: CellValue = pick(['High', 'Medium', 'Low', 'Yes', 'No']);
    const deviceCount = Math.round(10 ** (1 + random() * 3.6));
    let devices: CellValue = chance(0.5)
      ? deviceCount
      : pick([
          deviceCount.toLocaleString('en-US'),
          `~${deviceCount}`,
          deviceCount >= 1000 ? `${Math.round(deviceCount / 1000)}k` : String(deviceCount),
        ]);
    const budgetK = Math.round(20 + random() * 1800);
    let budget: CellValue = chance(0.5)
      ? budgetK * 1000
      : pick([
          `$${budgetK >= 1000 ? (budgetK / 1000).toFixed(1) + 'M' : budgetK + 'k'}`,
          (budgetK * 1000).toLocaleString('en-US'),
          `€${budgetK}k`,
        ]);
    let override: CellValue = null;
    let notes: CellValue = chance(0.2)
      ? pick([
          'Vendor-managed SIMs',
          'Needs OT network segmentation review',
          'Budget pending Q3 approval',
          'Data goes to vendor cloud',
          'Security exception raised',
        ])
      : null;

    // Mess: what real inventories contain.
    if (chance(0.05)) stage = pick(BAD_VALUES.stage);
    if (chance(0.04) && impl !== null) impl = pick(BAD_VALUES.level);
    if (chance(0.03)) integration = pick(BAD_VALUES.yesNo);
    if (chance(0.03)) devices = pick(BAD_VALUES.devices);
    if (chance(0.02)) lead = pick(BAD_VALUES.lead);
    if (chance(0.04)) integration = null;
    if (chance(0.04)) security = null;
    if (chance(0.04)) budget = null;
    if (chance(0.03)) override = pick(['Operator', 'Implementer', 'Driver']);
    if (chance(0.01)) override = 'Owner';
    if (chance(0.015)) name = null;
    if (chance(0.01)) notes = '=Ask vendor for SLA';
    if (stageName === 'Retired' && chance(0.5)) notes = 'Replaced by enterprise platform';
    if (i === 3) name = `+${base} phase 2`; // text that looks like a formula must stay text

    const drawn: Partial<Record<Field, CellValue>> = {
      id: `IOT-${String(i + 1).padStart(4, '0')}`,
      name,
      businessUnit: theme.unit,
      ledBy: lead,
      stage,
      ioPilot: pilot,
      ioImplementation: impl,
      ioOperations: ops,
      integration,
      security,
      endpoints: devices,
      budget,
      override,
    };
    values.push([
      ...SAMPLE_FIELDS.map((f) => (f in drawn ? (drawn[f] ?? null) : fieldValue(f, otherRandom))),
      notes,
    ]);
  }
  return { sheetName: 'IoT Inventory', title, values, headerRow: 2 };
}

/** Three business units of the sample, each keeping its own inventory (demo of consolidate). */
const SAMPLE_BUSINESS_UNITS: Readonly<Record<string, readonly string[]>> = {
  Operations: ['Manufacturing', 'Logistics'],
  'Facilities and HR': ['Facilities', 'HR'],
  'Retail and IT': ['Retail', 'IT'],
};

/**
 * The sample split into business units' own inventories: each keeps the title and the header
 * and gets the initiatives of its units (a unit spelt differently or left blank goes to the
 * first), so every initiative is in exactly one of them.
 */
export function splitSample(
  sample: SampleInventory,
  units: Readonly<Record<string, readonly string[]>> = SAMPLE_BUSINESS_UNITS,
): { unit: string; values: CellValue[][] }[] {
  const col = SAMPLE_HEADERS.indexOf('Business Unit');
  const names = Object.keys(units);
  const head = sample.values.slice(0, sample.headerRow + 1);
  const parts = names.map((unit) => ({ unit, values: [...head] }));
  for (const row of sample.values.slice(sample.headerRow + 1)) {
    if (row.every((v) => v === null || v === '')) continue;
    const cell = row[col];
    const text = typeof cell === 'string' ? cell.trim().toLowerCase() : '';
    const at = names.findIndex((n) => units[n]!.some((u) => u.toLowerCase() === text));
    parts[Math.max(0, at)]!.values.push(row);
  }
  return parts;
}
