import type { CfRule } from '../../src/core/model';
import type { ReportedRule } from '../../src/core/rules';
import { fillTexts, outputRules } from '../../src/core/output';
import { canonicalFormula, isOwnRule, ruleFormula } from '../../src/core/rules';

// Block at O (col 14) .. T (col 19), data rows 2..61 (0-based 1..60).
const FIRST_COL = 14;
const rules = outputRules(FIRST_COL, 1, 60);
const block = { firstCol: FIRST_COL, colCount: 6, rules, legacyTexts: fillTexts(FIRST_COL) };
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
      range: { row: 3, col: 14, rowCount: 10, colCount: 6 },
      testCol: 19,
      fill: '#000000',
      fontColor: null,
    };
    expect(ruleFormula(tint)).toBe('LEN(TRIM($T4))>0');
  });

  it('one rule per role and priority fill, and one issue tint over the block', () => {
    expect(rules.map((r) => (r.kind === 'textEquals' ? r.text : 'tint'))).toEqual([
      'Bystander',
      'Operator',
      'Implementer',
      'Driver',
      'High',
      'Medium',
      'tint',
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
    ['our role rule as written', rule('expression', ['O2:O61'], '=$O2="Driver"'), true],
    [
      'our rule as the file reports it (no =)',
      rule('expression', ['O2:O61'], '$O2="Driver"'),
      true,
    ],
    ['a fragment Excel split off', rule('expression', ['O40:O61'], '=$O40="Driver"'), true],
    ['a fragment after copied rows', rule('expression', ['O70:O75'], '=$O70="High"'), false],
    [
      'our priority rule on the priority column',
      rule('expression', ['R2:R61'], '=$R2="High"'),
      true,
    ],
    ['the issue tint', rule('expression', ['O2:T61'], '=LEN(TRIM($T2))>0'), true],
    ['the earlier file tint LEN($T2)>0', rule('expression', ['O2:T61'], 'LEN($T2)>0'), true],
    [
      'an earlier cellIs rule (Office.js: CellValue)',
      rule('cellEquals', ['O2:O61'], '"Driver"'),
      true,
    ],
    ['cellIs "High" on the priority column', rule('cellEquals', ['R2:R61'], '="High"'), true],
    ['cellIs "High" on the role column: not ours', rule('cellEquals', ['O2:O61'], '"High"'), false],
    ['a user rule over our columns', rule('expression', ['O2:O61'], '=$O2="Watch"'), false],
    [
      'a user rule reaching outside the block',
      rule('expression', ['N2:O61'], '=$O2="Driver"'),
      false,
    ],
    ['a user data bar', rule('other', ['O2:O61'], ''), false],
    [
      'a rule over several ranges, one outside',
      rule('expression', ['O2:O9', 'A1:A3'], '=$O2="Driver"'),
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
    expect(isOwnRule(rule('expression', ['P2:P61'], '=$P2="Driver"'), moved)).toBe(true);
    expect(isOwnRule(rule('expression', ['P2:U61'], '=LEN(TRIM($U2))>0'), moved)).toBe(true);
  });
});
