import type { CfRule } from '../../src/core/write-plan';
import type { ReportedRule } from '../../src/core/rules';
import { fillTexts, OUTPUT_WIDTH, outputRules } from '../../src/core/output';
import { canonicalFormula, isOwnRule, ruleFormula } from '../../src/core/rules';
import { columnLetter, rangeToA1 as rangeA1 } from '../../src/core/address';
import type { OutputKey } from '../../src/core/output';
import { outputIndex } from './helpers';

// Block from O (col 14), data rows 2..61 (0-based 1..60); the letters of its columns follow
// OUTPUT_COLUMNS: R the role column (O today), P the priority, I the issues, Z the last.
const FIRST_COL = 14;
const letterOf = (key: OutputKey, first = FIRST_COL) => columnLetter(first + outputIndex(key));
const R = letterOf('role');
const P = letterOf('priority');
const I = letterOf('issues');
const Z = columnLetter(FIRST_COL + OUTPUT_WIDTH - 1);
const rules = outputRules(FIRST_COL, 1, 60);
const block = {
  firstCol: FIRST_COL,
  colCount: OUTPUT_WIDTH,
  rules,
  legacyTexts: fillTexts(FIRST_COL),
};
const ref = (a1: string) => {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(a1)!;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return {
    row: Number(m[2]) - 1,
    col: col(m[1]!),
    rowCount: Number(m[4]) - Number(m[2]) + 1,
    colCount: col(m[3]!) - col(m[1]!) + 1,
  };
};
const rule = (kind: ReportedRule['kind'], ranges: string[], formula: string): ReportedRule => ({
  kind,
  ranges: ranges.map(ref),
  formula,
});

describe('the formulas we write', () => {
  it('are relative to the top-left cell of the rule and quote the text', () => {
    const text: CfRule = {
      id: 'x',
      kind: 'textEquals',
      range: { row: 3, col: 14, rowCount: 10, colCount: 1 },
      text: 'Say "hi"',
      fill: '#000000',
      fontColor: '#FFFFFF',
    };
    expect(ruleFormula(text)).toBe('$O4="Say ""hi"""');
    const tint: CfRule = {
      id: 'y',
      kind: 'notBlank',
      range: { row: 3, col: 14, rowCount: 10, colCount: OUTPUT_WIDTH },
      testCol: 19,
      fill: '#000000',
      fontColor: null,
    };
    expect(ruleFormula(tint)).toBe('LEN(TRIM($T4))>0');
  });

  it('one rule per role and priority fill, and the issue tint over each group of columns', () => {
    expect(
      rules.map((r) => (r.kind === 'textEquals' ? r.text : `tint ${rangeA1(r.range)}`)),
    ).toEqual([
      'Bystander',
      'Operator',
      'Implementer',
      'Driver',
      'High',
      'Medium',
      `tint ${R}2:${R}61`,
      `tint ${letterOf('rationale')}2:${letterOf('nextRole')}61`,
      `tint ${P}2:${P}61`,
      `tint ${letterOf('action')}2:${Z}61`,
    ]);
  });
});

describe('canonical formulas (R1C1 relative to the rule)', () => {
  it.each([
    ['$O2="Driver"', 'O2', 'R[0]C15="Driver"'],
    ['=$O52="Driver"', 'O52', 'R[0]C15="Driver"'],
    ['= len( trim( $T9 ) ) > 0', 'O9', 'LEN(TRIM(R[0]C20))>0'],
    ['$O2="a b"', 'O2', 'R[0]C15="a b"'],
    ['O$2="x"', 'P3', 'R2C[-1]="x"'],
  ])('%s at %s', (formula, at, want) => {
    const r = ref(`${at}:${at}`);
    expect(canonicalFormula(formula, r)).toBe(want);
  });
});

describe('which reported rules are ours (one predicate for every surface)', () => {
  it.each<[string, ReportedRule, boolean]>([
    ['our role rule as written', rule('expression', [`${R}2:${R}61`], `=$${R}2="Driver"`), true],
    [
      'our rule as the file reports it (no =)',
      rule('expression', [`${R}2:${R}61`], `$${R}2="Driver"`),
      true,
    ],
    [
      'a fragment Excel split off',
      rule('expression', [`${R}40:${R}61`], `=$${R}40="Driver"`),
      true,
    ],
    [
      'a fragment after copied rows',
      rule('expression', [`${R}70:${R}75`], `=$${R}70="High"`),
      false,
    ],
    [
      'our priority rule on the priority column',
      rule('expression', [`${P}2:${P}61`], `=$${P}2="High"`),
      true,
    ],
    [
      'the issue tint over the whole block (rule layout 1)',
      rule('expression', [`O2:${Z}61`], `=LEN(TRIM($${I}2))>0`),
      true,
    ],
    [
      'the issue tint over the role column (rule layout 2)',
      rule('expression', [`${R}2:${R}61`], `=LEN(TRIM($${I}2))>0`),
      true,
    ],
    [
      'the issue tint over the columns after the priority (rule layout 2)',
      rule('expression', [`${letterOf('action')}2:${Z}61`], `LEN(TRIM($${I}2))>0`),
      true,
    ],
    [
      'a tint testing another column: not ours',
      rule('expression', [`${R}2:${R}61`], `=LEN(TRIM($${R}2))>0`),
      false,
    ],
    ['the earlier file tint LEN($T2)>0', rule('expression', [`O2:${Z}61`], `LEN($${I}2)>0`), true],
    [
      'an earlier cellIs rule (Office.js: CellValue)',
      rule('cellEquals', [`${R}2:${R}61`], '"Driver"'),
      true,
    ],
    ['cellIs "High" on the priority column', rule('cellEquals', [`${P}2:${P}61`], '="High"'), true],
    [
      'cellIs "High" on the role column: not ours',
      rule('cellEquals', [`${R}2:${R}61`], '"High"'),
      false,
    ],
    [
      'a user rule over our columns',
      rule('expression', [`${R}2:${R}61`], `=$${R}2="Watch"`),
      false,
    ],
    [
      'a user rule reaching outside the block',
      rule('expression', [`N2:${R}61`], `=$${R}2="Driver"`),
      false,
    ],
    ['a user data bar', rule('other', [`${R}2:${R}61`], ''), false],
    [
      'a rule over several ranges, one outside',
      rule('expression', [`${R}2:${R}9`, 'A1:A3'], `=$${R}2="Driver"`),
      false,
    ],
    ['no range (several areas in Office.js)', rule('other', [], ''), false],
  ])('%s', (_name, reported, ours) => {
    expect(isOwnRule(reported, block)).toBe(ours);
  });

  it('still ours after the block moved right with an inserted column', () => {
    const moved = {
      ...block,
      firstCol: 15,
      rules: outputRules(15, 1, 60),
      legacyTexts: fillTexts(15),
    };
    const [r, i, z] = [
      letterOf('role', 15),
      letterOf('issues', 15),
      columnLetter(15 + OUTPUT_WIDTH - 1),
    ];
    expect(isOwnRule(rule('expression', [`${r}2:${r}61`], `=$${r}2="Driver"`), moved)).toBe(true);
    expect(isOwnRule(rule('expression', [`P2:${z}61`], `=LEN(TRIM($${i}2))>0`), moved)).toBe(true);
  });
});
