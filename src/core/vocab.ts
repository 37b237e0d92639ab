/**
 * Value vocabularies and header synonyms as data (SPEC §2, STYLE habit 4). Adding a synonym
 * is one line in a table below; the tables are checked when this module loads, so a
 * synonym that maps to two different values fails fast with a clear message.
 */

import type { FieldKind, Field } from './fields';
import { FIELD_HEADERS, byField, normaliseHeader, FIELDS } from './fields';
import type { Group, Involvement, Role, Stage } from './domain';
import type { CellValue } from './input';
import { GROUPS, INVOLVEMENT_LEVELS, ROLES, STAGES } from './domain';
import { OUTPUT_HEADERS } from './output';

// ---------------------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------------------

/** Recognised header texts per field (from the field table); matched after `normaliseHeader`. */
export const HEADER_SYNONYMS: Readonly<Record<Field, readonly string[]>> = byField(
  (f) => f.headers,
);

/** Lead groups: canonical value → synonyms (SPEC §2). */
export const GROUP_SYNONYMS: Record<Group, readonly string[]> = {
  'I&O': [
    'I&O',
    'I and O',
    'IT',
    'IT/I&O',
    'Infrastructure',
    'Infrastructure & Operations',
    'IT Ops',
    'IT Operations',
    'CIO',
    'CIO Office',
    'Information Technology',
    'IT Infrastructure',
  ],
  LOB: [
    'LOB',
    'Line of Business',
    'Business',
    'Marketing',
    'Sales',
    'Finance',
    'HR',
    'Customer Service',
    'Retail',
  ],
  Operations: [
    'Operations',
    'Ops',
    'Operations Team',
    'OT',
    'Plant',
    'Manufacturing',
    'Facilities',
    'Engineering',
    'Product',
    'Supply Chain',
    'Logistics',
    'Field Service',
  ],
  External: ['External', 'Vendor', 'Partner', 'Third Party', 'Supplier', 'Contractor'],
  Joint: ['Joint', 'Shared', 'Co-led'],
};

/** Lifecycle stages, in order (SPEC §2). */
export const STAGE_SYNONYMS: Record<Stage, readonly string[]> = {
  Idea: ['Idea', 'Proposed', 'Concept', 'Backlog', 'Ideation'],
  Planned: ['Planned', 'Planning', 'Approved', 'Design'],
  Pilot: ['Pilot', 'PoC', 'Proof of Concept', 'Trial', 'Prototype', 'MVP', 'Piloting', 'In Pilot'],
  Implementation: [
    'Implementation',
    'Rollout',
    'Roll-out',
    'Deployment',
    'Build',
    'Scaling',
    'Implementing',
  ],
  Production: [
    'Production',
    'Live',
    'In Production',
    'Operational',
    'Run',
    'BAU',
    'In Service',
    'Deployed',
  ],
  Retired: ['Retired', 'Decommissioned', 'Cancelled', 'Canceled', 'Closed', 'Sunset'],
};

/** Involvement levels, ordered from least to most (SPEC §2). Blank = unknown. */
export const INVOLVEMENT_SYNONYMS: Record<Involvement, readonly string[]> = {
  None: ['None', 'No', 'N', '-', 'N/A', '0', 'FALSE', 'Not Involved', '✗', 'Not Applicable'],
  Informed: ['Informed', 'I', 'Aware'],
  Consulted: ['Consulted', 'C', 'Advisory', 'Advises'],
  Supporting: ['Supporting', 'Support', 'S', 'Assists', 'Supports'],
  Responsible: [
    'Responsible',
    'R',
    'Yes',
    'Y',
    'x',
    '✓',
    'TRUE',
    '1',
    'Owns',
    'Runs',
    'Operates',
    'Implements',
    '✔',
  ],
  // RACI's "A" is accountable: combined with R ("R/A", "A/R") it is still accountable.
  Leading: ['Leading', 'Leads', 'Lead', 'A', 'Accountable', 'Drives', 'R/A', 'A/R', 'R+A'],
};

/** Yes/no answers (integration, security). */
export const YES_NO_SYNONYMS: Record<'yes' | 'no', readonly string[]> = {
  yes: ['Yes', 'Y', 'x', '✓', '✔', 'TRUE', '1', 'High', 'Medium', 'Required', 'Critical'],
  no: ['No', 'N', '-', '✗', 'FALSE', '0', 'Low', 'None', 'N/A', 'Not Required', 'Not Applicable'],
};

/** Roles accepted in the override column. */
export const ROLE_SYNONYMS: Record<Role, readonly string[]> = {
  Bystander: ['Bystander'],
  Operator: ['Operator'],
  Implementer: ['Implementer'],
  Driver: ['Driver'],
};

/** The phases a free-text clause can be about. */
export type TextPhase = 'pilot' | 'implementation' | 'operations';

/** What a verb of the free-text column says: a level ("involved" says none) and its phases. */
export interface TextVerb {
  level: Involvement | 'involved';
  /** The phases the verb is about when the clause names none ("all" for a bare level). */
  phases: readonly TextPhase[] | 'all';
}

const LEAD: TextVerb = { level: 'Leading', phases: ['pilot'] };
const BUILD: TextVerb = { level: 'Responsible', phases: ['implementation'] };
const RUN: TextVerb = { level: 'Responsible', phases: ['operations'] };
const level = (l: Involvement | 'involved'): TextVerb => ({ level: l, phases: 'all' });

/**
 * The words of the free-text "I&O Involvement" column (SPEC §2, §3), read clause by clause in
 * normalise.ts: a clause credits I&O only when its subject is I&O (written, or implied by the
 * column) and it is not negated or hedged. Adding a word is one line here.
 */
export const INVOLVEMENT_TEXT_WORDS = {
  /** Words that say what the subject does, and the phases they are about by default. */
  verbs: {
    ...Object.fromEntries(
      [
        'lead',
        'leads',
        'leading',
        'led',
        'drive',
        'drives',
        'driving',
        'drove',
        'driven',
        'driver',
        'initiates',
        'initiated',
        'initiator',
        'spearheads',
      ].map((w) => [w, LEAD]),
    ),
    ...Object.fromEntries(
      [
        'implement',
        'implements',
        'implemented',
        'implementing',
        'implementer',
        'deploy',
        'deploys',
        'deployed',
        'deploying',
        'build',
        'builds',
        'built',
        'building',
        'integrate',
        'integrates',
        'integrated',
        'integrating',
        'install',
        'installs',
        'installed',
        'installing',
        'delivers',
        'delivered',
      ].map((w) => [w, BUILD]),
    ),
    ...Object.fromEntries(
      [
        'operate',
        'operates',
        'operated',
        'operating',
        'operator',
        'run',
        'runs',
        'running',
        'ran',
        'maintain',
        'maintains',
        'maintained',
        'maintaining',
        'host',
        'hosts',
        'hosted',
        'hosting',
        'manage',
        'manages',
        'managed',
        'managing',
        'monitor',
        'monitors',
        'monitored',
        'monitoring',
      ].map((w) => [w, RUN]),
    ),
    responsible: level('Responsible'),
    owns: level('Responsible'),
    accountable: level('Leading'),
    ...Object.fromEntries(
      [
        'consult',
        'consults',
        'consulted',
        'consulting',
        'advisory',
        'advise',
        'advises',
        'advised',
        'advising',
        'advisor',
        'adviser',
        'reviews',
        'reviewed',
      ].map((w) => [w, level('Consulted')]),
    ),
    ...Object.fromEntries(
      ['informed', 'aware', 'notified', 'updated', 'cc'].map((w) => [w, level('Informed')]),
    ),
    ...Object.fromEntries(
      [
        'support',
        'supports',
        'supported',
        'supporting',
        'assist',
        'assists',
        'assisted',
        'assisting',
        'help',
        'helps',
        'helped',
        'helping',
      ].map((w) => [w, level('Supporting')]),
    ),
    involved: level('involved'),
    involvement: level('involved'),
    role: level('involved'),
    uninvolved: level('None'),
    none: level('None'),
  } as Readonly<Record<string, TextVerb>>,
  /** Nouns naming a phase: a clause that names phases is about those phases only. */
  phases: {
    pilot: 'pilot',
    pilots: 'pilot',
    poc: 'pilot',
    prototype: 'pilot',
    trial: 'pilot',
    mvp: 'pilot',
    implementation: 'implementation',
    rollout: 'implementation',
    'roll-out': 'implementation',
    deployment: 'implementation',
    build: 'implementation',
    integration: 'implementation',
    operations: 'operations',
    operation: 'operations',
    production: 'operations',
    'go-live': 'operations',
    'day-to-day': 'operations',
    bau: 'operations',
  } as Readonly<Record<string, TextPhase>>,
  /** "support after go-live": supporting what runs is operating it (SPEC §2). */
  operatingSupport: ['go-live', 'golive', 'production', 'operations'] as readonly string[],
  /** Words that negate the clause's verb. */
  negations: [
    'not',
    'never',
    'no',
    "don't",
    "doesn't",
    "didn't",
    "isn't",
    "wasn't",
    "won't",
    "aren't",
    'cannot',
    "can't",
    'nor',
    'neither',
    'without',
    'dont',
    'doesnt',
    'didnt',
    'isnt',
  ] as readonly string[],
  /** Words that make a clause uncertain: it is reported, never counted. */
  hedges: [
    'maybe',
    'possibly',
    'perhaps',
    'might',
    'may',
    'probably',
    'likely',
    'unclear',
    'unknown',
    'undecided',
    'tbd',
    'tbc',
    'tba',
    'unsure',
    'or',
    'either',
    'hopefully',
    'potentially',
  ] as readonly string[],
  /** Words naming I&O as a clause's subject or agent. */
  io: [
    'i&o',
    'it',
    'we',
    'us',
    'our',
    'ours',
    'infrastructure',
    'infra',
    'cio',
  ] as readonly string[],
  /** Words of a subject that name nobody (articles, auxiliaries, adverbs, light verbs). */
  filler: [
    'the',
    'a',
    'an',
    'also',
    'only',
    'just',
    'will',
    'would',
    'shall',
    'should',
    'can',
    'could',
    'does',
    'do',
    'did',
    'is',
    'are',
    'was',
    'were',
    'be',
    'been',
    'being',
    'has',
    'have',
    'had',
    'to',
    'then',
    'now',
    'currently',
    'still',
    'fully',
    'jointly',
    'later',
    'already',
    'team',
    'teams',
    'department',
    'dept',
    'group',
    'function',
    'side',
    'staff',
    'both',
    'all',
    'provides',
    'provide',
    'providing',
    'offers',
    'plays',
    'play',
    'acts',
    'as',
    'kept',
    'keeps',
    'stays',
    'remains',
    'gets',
    'got',
    'its',
    'own',
    'sole',
    'main',
    'primary',
    'in',
    'for',
    'on',
    'of',
    'with',
    'from',
    'yet',
    'longer',
    'any',
    'at',
    'stage',
    'phase',
    'and',
    'that',
    'this',
    'since',
    'by',
    'after',
    'before',
    'during',
    'post',
    'via',
    'over',
    'per',
    'about',
    'across',
    'within',
    'partly',
    'partially',
    'wholly',
    'entirely',
    'mostly',
  ] as readonly string[],
  /** Phrases rewritten before reading, so a name that contains "and" or "ops" stays whole. */
  phrases: [
    ['infrastructure and operations', 'i&o'],
    ['infrastructure & operations', 'i&o'],
    ['i & o', 'i&o'],
    ['i and o', 'i&o'],
    ['it operations', 'i&o'],
    ['it ops', 'i&o'],
    ['i&o operations', 'i&o'],
    ['i&o ops', 'i&o'],
    ['it team', 'i&o'],
    ['roll out', 'rollout'],
    ['rolls out', 'deploys'],
    ['rolled out', 'deployed'],
    ['sets up', 'installs'],
    ['set up', 'install'],
    ['go live', 'go-live'],
    ['day to day', 'day-to-day'],
    ['end to end', ''],
    ['end-to-end', ''],
    ['in the loop', 'informed'],
    ['proof of concept', 'poc'],
    ['no longer', 'not'],
    ['to be decided', 'tbd'],
    ['to be confirmed', 'tbc'],
    ['not yet', 'not'],
  ] as readonly (readonly [string, string])[],
} as const;

// ---------------------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------------------

/** Header key (case, spaces, punctuation, "&"/"and" and a trailing unit ignored): fields.ts. */
export { normaliseHeader } from './fields';

/** Value key for exact lookups: trimmed, lower case, inner whitespace collapsed. */
export function normaliseValue(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** Looser value key: only letters and digits, "&" read as "and" ("I & O" = "I and O" = "i&o"). */
export function looseValue(text: string): string {
  return text
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

// ---------------------------------------------------------------------------------------
// Lookup tables, built and checked once
// ---------------------------------------------------------------------------------------

/** A vocabulary compiled into exact and loose lookup maps, with a memo of raw strings. */
export class Vocabulary<T extends string> {
  readonly name: string;
  readonly values: readonly T[];
  private readonly exact = new Map<string, T>();
  private readonly loose = new Map<string, T>();
  private readonly memo = new Map<string, T | null>();

  constructor(name: string, table: Readonly<Record<T, readonly string[]>>, order: readonly T[]) {
    this.name = name;
    this.values = order;
    for (const value of order) {
      // The canonical value itself always counts (drop-downs offer exactly these values).
      for (const synonym of [value, ...table[value]]) {
        addUnique(this.exact, normaliseValue(synonym), value, name, synonym);
        const key = looseValue(synonym);
        // Symbols such as "-" and "✓" have no loose form; the exact map covers them.
        if (key !== '') addUnique(this.loose, key, value, name, synonym);
      }
    }
  }

  /** The canonical value for a text, or null when it is not in the vocabulary. */
  lookup(text: string): T | null {
    const hit = this.memo.get(text);
    if (hit !== undefined) return hit;
    const found = this.exact.get(normaliseValue(text)) ?? this.loose.get(looseValue(text)) ?? null;
    // Inventories repeat a handful of values; the cap only guards against free-text columns.
    if (this.memo.size < 50_000) this.memo.set(text, found);
    return found;
  }
}

function addUnique<T>(map: Map<string, T>, key: string, value: T, table: string, synonym: string) {
  const existing = map.get(key);
  if (existing !== undefined && existing !== value) {
    throw new Error(
      `Vocabulary "${table}": synonym "${synonym}" maps to both "${String(existing)}" and "${String(value)}"; remove one of them.`,
    );
  }
  map.set(key, value);
}

/** The compiled vocabularies, checked when this module loads. */
export const GROUP_VOCAB = new Vocabulary<Group>('group', GROUP_SYNONYMS, GROUPS);
export const STAGE_VOCAB = new Vocabulary<Stage>('stage', STAGE_SYNONYMS, STAGES);
export const INVOLVEMENT_VOCAB = new Vocabulary<Involvement>(
  'involvement',
  INVOLVEMENT_SYNONYMS,
  INVOLVEMENT_LEVELS,
);
export const YES_NO_VOCAB = new Vocabulary<'yes' | 'no'>('yes/no', YES_NO_SYNONYMS, ['yes', 'no']);
export const ROLE_VOCAB = new Vocabulary<Role>('role', ROLE_SYNONYMS, ROLES);

/**
 * The vocabulary each kind of field takes its values from (the free-text involvement column's
 * taught words are levels); kinds absent here (text, numbers) have none.
 */
export const KIND_VOCABULARIES = {
  group: GROUP_VOCAB,
  stage: STAGE_VOCAB,
  involvement: INVOLVEMENT_VOCAB,
  'involvement-text': INVOLVEMENT_VOCAB,
  'yes-no': YES_NO_VOCAB,
  role: ROLE_VOCAB,
} as const satisfies Partial<Record<FieldKind, Vocabulary<string>>>;
export type VocabularyKind = keyof typeof KIND_VOCABULARIES;

/** True for a kind whose values come from a vocabulary. */
export function hasVocabulary(kind: FieldKind): kind is VocabularyKind {
  return Object.prototype.hasOwnProperty.call(KIND_VOCABULARIES, kind);
}

/** Normalised header → field, checked for collisions; our own output headers never match. */
export function buildHeaderIndex(table: Readonly<Record<Field, readonly string[]>>) {
  const index = new Map<string, Field>();
  const own = new Set(OUTPUT_HEADERS.map(normaliseHeader));
  for (const field of FIELDS) {
    for (const synonym of table[field]) {
      const key = normaliseHeader(synonym);
      if (key === '') throw new Error(`Header synonym "${synonym}" for ${field} is empty.`);
      if (own.has(key)) {
        throw new Error(`Header synonym "${synonym}" for ${field} collides with an output header.`);
      }
      addUnique(index, key, field, 'headers', synonym);
    }
  }
  return { index, own };
}

const HEADER_INDEX = buildHeaderIndex(HEADER_SYNONYMS);

/** The field a header text stands for, or null (our own output headers are never fields). */
export function matchHeader(text: string): Field | null {
  const key = normaliseHeader(text);
  if (key === '' || HEADER_INDEX.own.has(key)) return null;
  return HEADER_INDEX.index.get(key) ?? null;
}

/** True when the text is exactly (trimmed) one of our output headers. */
export function isOutputHeader(text: string): boolean {
  return (OUTPUT_HEADERS as readonly string[]).includes(text.trim());
}

/** Display header for each field (its first recognised header), used in messages and templates. */
export const FIELD_LABELS: Readonly<Record<Field, string>> = FIELD_HEADERS;

/** Canonical display values for data-validation drop-downs in a template. */
export const VOCABULARY_LISTS: {
  ledBy: string[];
  stage: string[];
  involvement: string[];
  yesNo: string[];
  role: string[];
} = {
  ledBy: [...GROUPS],
  stage: [...STAGES],
  involvement: [...INVOLVEMENT_LEVELS],
  yesNo: ['Yes', 'No'],
  role: [...ROLES],
};

// ---------------------------------------------------------------------------------------
// Numbers written as text
// ---------------------------------------------------------------------------------------

const MULTIPLIERS: Record<string, number> = {
  '': 1,
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
};

const CURRENCY_CODES = new Set([
  'usd',
  'eur',
  'gbp',
  'chf',
  'jpy',
  'inr',
  'cad',
  'aud',
  'sek',
  'nok',
]);

const AMOUNT_RE =
  /^(?:([a-z]{3})\s*)?[$€£¥₹]?\s*(\d{1,3}(?:[,\s]\d{3})+|\d+)?(?:[.,](\d+))?\s*([a-z]*)\.?(?:\s+([a-z]{3}))?$/;

/** Texts that say "not known" on purpose; a number field reads them as blank, not as an error. */
export const NUMBER_PLACEHOLDERS: ReadonlySet<string> = new Set([
  '-',
  '--',
  'n/a',
  'na',
  'tbd',
  'tbc',
  '?',
  'unknown',
]);

/**
 * Parses a number written the way people write amounts: "$1.2M", "250,000", "€40k",
 * "USD 3.5 million", "1 200". Returns null when the text is not such a number.
 */
export function parseAmount(value: CellValue): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  return scanNumber(value, true) ?? memoised(amountMemo, value, parseAmountText);
}

const amountMemo = new Map<string, number | null>();
const countMemo = new Map<string, number | null>();

/** Inventories repeat the same texts; parse each once (capped so free text cannot grow it). */
function memoised(
  memo: Map<string, number | null>,
  text: string,
  parse: (t: string) => number | null,
): number | null {
  const hit = memo.get(text);
  if (hit !== undefined) return hit;
  const n = parse(text);
  if (memo.size < 50_000) memo.set(text, n);
  return n;
}

/** "12.000", "1.200.000": digits grouped by dots (no multiplier after them). */
const DOTTED = /^(\D*?)(\d{1,3}(?:\.\d{3})+)(?![\d.,])(\s*)([a-z]*)/;
/** "12'000" (Swiss), grouped by apostrophes. */
const APOSTROPHES = /(\d)['’](?=\d{3}(?!\d))/g;

/** The text with dot or apostrophe thousands separators removed, so "12.000" reads 12000. */
function ungroup(text: string): string {
  const plain = text.replace(APOSTROPHES, '$1');
  const m = DOTTED.exec(plain);
  if (m === null) return plain;
  const unit = m[4]!;
  // "1.250M" is a decimal before a multiplier, not a grouped number.
  if (unit !== '' && MULTIPLIERS[unit] !== undefined) return plain;
  return m[1]! + m[2]!.replace(/\./g, '') + plain.slice(m[1]!.length + m[2]!.length);
}

function parseAmountText(value: string): number | null {
  const text = ungroup(
    value
      .trim()
      .toLowerCase()
      .replace(/^(?:~|≈|approx\.?|about|ca\.?|c\.)\s*/, ''),
  );
  if (text === '') return null;
  const m = AMOUNT_RE.exec(text);
  if (!m) return null;
  const [, prefix, intPart, fracPart, unit = '', suffix] = m;
  if (intPart === undefined && fracPart === undefined) return null;
  if (prefix !== undefined && !CURRENCY_CODES.has(prefix)) return null;
  if (suffix !== undefined && !CURRENCY_CODES.has(suffix)) return null;
  // "40 EUR": a bare currency code where the multiplier would be.
  const mult = CURRENCY_CODES.has(unit) && suffix === undefined ? 1 : MULTIPLIERS[unit];
  if (mult === undefined) return null;
  const whole = intPart === undefined ? 0 : Number(intPart.replace(/[,\s]/g, ''));
  const frac = fracPart === undefined ? 0 : Number(`0.${fracPart}`);
  return Math.round((whole + frac) * mult * 100) / 100;
}

/**
 * Parses a count: 1200, "1,200", "~500", "5k", "500+", ">1000". Returns null when the text
 * is not a count.
 */
export function parseCount(value: CellValue): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  const n = scanNumber(value, false);
  return n === undefined ? memoised(countMemo, value, parseCountText) : Math.round(n);
}

const SCAN_MULTIPLIER: Record<number, number> = {
  0x6b: 1e3, // k
  0x4b: 1e3, // K
  0x6d: 1e6, // m
  0x4d: 1e6, // M
};

/**
 * Fast path for the common spellings ("1200", "1,200", "~500", "5k", "$1.2M") without regex
 * or allocation: inventories hold many distinct amounts, so memoising them does not pay.
 * Returns undefined when the text needs the full parser (which also rejects bad text).
 */
function scanNumber(text: string, currency: boolean): number | undefined {
  const n = text.length;
  let i = 0;
  while (i < n && text.charCodeAt(i) === 0x20) i++;
  let c = text.charCodeAt(i);
  if (c === 0x7e /* ~ */) {
    i++;
    while (i < n && text.charCodeAt(i) === 0x20) i++;
    c = text.charCodeAt(i);
  }
  if (currency && (c === 0x24 /* $ */ || c === 0x20ac /* € */ || c === 0xa3) /* £ */) {
    i++;
    c = text.charCodeAt(i);
  }
  let whole = 0;
  let digits = 0;
  let group = -1; // digits since the last comma, or -1 before any comma
  for (; i < n; i++) {
    c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      whole = whole * 10 + (c - 0x30);
      digits++;
      if (group >= 0) group++;
    } else if (c === 0x2c /* , */ && digits > 0 && (group === -1 || group === 3)) {
      group = 0;
    } else break;
  }
  if (digits === 0 || digits > 15 || (group !== -1 && group !== 3)) return undefined;
  let value = whole;
  if (i < n && text.charCodeAt(i) === 0x2e /* . */) {
    i++;
    let scale = 0.1;
    const start = i;
    for (; i < n; i++) {
      c = text.charCodeAt(i);
      if (c < 0x30 || c > 0x39) break;
      value += (c - 0x30) * scale;
      scale /= 10;
    }
    if (i === start) return undefined;
    // "12.000" is twelve thousand, written with a dot as thousands separator: the full
    // parser reads it (a decimal with three places and no multiplier is never a count of 12).
    if (
      i - start === 3 &&
      group === -1 &&
      (i === n || SCAN_MULTIPLIER[text.charCodeAt(i)] === undefined)
    ) {
      return undefined;
    }
  }
  let mult = 1;
  if (i < n) {
    const m = SCAN_MULTIPLIER[text.charCodeAt(i)];
    if (m === undefined) return undefined;
    mult = m;
    i++;
  }
  while (i < n && text.charCodeAt(i) === 0x20) i++;
  if (i !== n) return undefined;
  return Math.round(value * mult * 100) / 100;
}

function parseCountText(value: string): number | null {
  const text = value
    .trim()
    .replace(/^(?:>=?|≥|~|≈|approx\.?|about|over|ca\.?)\s*/i, '')
    .replace(/\s*\+$/, '');
  if (/[$€£¥₹]/.test(text)) return null;
  // "12,00" or "1,5" without a multiplier: a decimal comma or a mistyped separator cannot be
  // told apart, so the count is flagged rather than read as 12 or 1.
  if (/^\d+,(?:\d{1,2}|\d{4,})$/.test(text)) return null;
  const n = parseAmount(text);
  return n === null ? null : Math.round(n);
}
