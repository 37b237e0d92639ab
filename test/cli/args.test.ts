/**
 * The command line's parser: every accepted form and every mistake, table-driven. The expected
 * commands and sentences are the ones the hand-written parser gave before node:util's
 * parseArgs replaced its loops, so the change is provably the same for a user (exit code 2 and
 * one catalogue sentence for each mistake, flags in the order given).
 */

import { parseArgs, type Command } from '../../src/cli/args';
import { RoleMapError } from '../../src/core/messages';

const ACCEPTED: [string[], Command][] = [
  [
    ['refresh', 'a.xlsx'],
    {
      kind: 'refresh',
      input: 'a.xlsx',
      out: null,
      inPlace: false,
      force: false,
      sheet: null,
      sheets: [],
      mapping: {},
      sheetMappings: {},
      history: true,
      words: null,
      json: false,
    },
  ],
  [
    ['refresh', 'a.xlsx', '--out', 'b.xlsx', '--json', '--no-history'],
    {
      kind: 'refresh',
      input: 'a.xlsx',
      out: 'b.xlsx',
      inPlace: false,
      force: false,
      sheet: null,
      sheets: [],
      mapping: {},
      sheetMappings: {},
      history: false,
      words: null,
      json: true,
    },
  ],
  [
    ['refresh', 'a.xlsx', '-o', 'b.xlsx'],
    {
      kind: 'refresh',
      input: 'a.xlsx',
      out: 'b.xlsx',
      inPlace: false,
      force: false,
      sheet: null,
      sheets: [],
      mapping: {},
      sheetMappings: {},
      history: true,
      words: null,
      json: false,
    },
  ],
  [
    ['refresh', 'a.xlsx', '--out=b.xlsx'],
    {
      kind: 'refresh',
      input: 'a.xlsx',
      out: 'b.xlsx',
      inPlace: false,
      force: false,
      sheet: null,
      sheets: [],
      mapping: {},
      sheetMappings: {},
      history: true,
      words: null,
      json: false,
    },
  ],
  [
    [
      'refresh',
      'a.xlsx',
      '--in-place',
      '--sheet',
      'East',
      '--sheet=West',
      '--map',
      'name=Project Title',
      '--map=ledBy=Lead',
    ],
    {
      kind: 'refresh',
      input: 'a.xlsx',
      out: null,
      inPlace: true,
      force: false,
      sheet: 'West',
      sheets: ['East', 'West'],
      mapping: { name: 'Project Title', ledBy: 'Lead' },
      sheetMappings: {},
      history: true,
      words: null,
      json: false,
    },
  ],
  [
    ['refresh', 'a.xlsx', '--words', 'w.csv'],
    {
      kind: 'refresh',
      input: 'a.xlsx',
      out: null,
      inPlace: false,
      force: false,
      sheet: null,
      sheets: [],
      mapping: {},
      sheetMappings: {},
      history: true,
      words: 'w.csv',
      json: false,
    },
  ],
  [
    ['refresh', '-'],
    {
      kind: 'refresh',
      input: '-',
      out: null,
      inPlace: false,
      force: false,
      sheet: null,
      sheets: [],
      mapping: {},
      sheetMappings: {},
      history: true,
      words: null,
      json: false,
    },
  ],
  [
    ['consolidate', 'a.xlsx', 'b.xlsx', '--out', 'P.xlsx'],
    {
      kind: 'consolidate',
      inputs: ['a.xlsx', 'b.xlsx'],
      out: 'P.xlsx',
      mapping: {},
      history: true,
      json: false,
      skipUnreadable: false,
    },
  ],
  [
    [
      'consolidate',
      'a.xlsx',
      'b.xlsx',
      '-o',
      'P.xlsx',
      '--map',
      'name=Project',
      '--json',
      '--no-history',
      '--skip-unreadable',
    ],
    {
      kind: 'consolidate',
      inputs: ['a.xlsx', 'b.xlsx'],
      out: 'P.xlsx',
      mapping: { name: 'Project' },
      history: false,
      json: true,
      skipUnreadable: true,
    },
  ],
  [['sample', 'x.xlsx'], { kind: 'sample', out: 'x.xlsx', rows: 40, seed: 1 }],
  [
    ['sample', 'x.xlsx', '--rows', '25', '--seed', '9'],
    { kind: 'sample', out: 'x.xlsx', rows: 25, seed: 9 },
  ],
  [['--help'], { kind: 'help' }],
  [['refresh', 'a.xlsx', '-h'], { kind: 'help' }],
  [['help'], { kind: 'help' }],
  [['--version'], { kind: 'version' }],
  [['refresh', 'a.xlsx', '-v'], { kind: 'version' }],
  [
    [
      'refresh',
      'a.xlsm',
      '--force',
      '--out=b.XLSM',
      '--sheet',
      'East',
      '--sheet',
      'West',
      '--map',
      'West:ledBy=Owning Team',
      '--map=East:stage=Phase: now',
      '--map',
      'name=Title',
    ],
    {
      kind: 'refresh',
      input: 'a.xlsm',
      out: 'b.XLSM',
      inPlace: false,
      force: true,
      sheet: 'West',
      sheets: ['East', 'West'],
      mapping: { name: 'Title' },
      sheetMappings: { West: { ledBy: 'Owning Team' }, East: { stage: 'Phase: now' } },
      history: true,
      words: null,
      json: false,
    },
  ],
  [['sample', 'x.xlsx', '--rows', '1000'], { kind: 'sample', out: 'x.xlsx', rows: 1000, seed: 1 }],
  [
    ['sample', 'x.xlsx', '--rows=1000', '--seed=7'],
    { kind: 'sample', out: 'x.xlsx', rows: 1000, seed: 7 },
  ],
];

const REFUSED: [string[], string, string][] = [
  [
    ['refresh', 'a.xlsx', '--out', 'Report.csv'],
    'usage',
    '--out must end in .xlsx, the kind of workbook "a.xlsx" is, not "Report.csv"; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['refresh', 'a.xlsx', '--out', 'b.xlsm'],
    'usage',
    '--out must end in .xlsx, the kind of workbook "a.xlsx" is, not "b.xlsm"; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['refresh', 'a.xlsm', '--out', 'b.xlsx'],
    'usage',
    '"a.xlsm" holds macros, so --out must end in .xlsm, not "b.xlsx"; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['refresh', 'a.xlsx', '--map', ':ledBy=Team'],
    'usage',
    '--map Sheet:field=Header needs the sheet\'s name before ":", not ":ledBy=Team"; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['refresh', 'a.xlsx', '--map', 'West:colour=Team'],
    'mapping-field-unknown',
    '"colour" is not a field IoT Role Map knows; use one of name, id, ledBy, businessUnit, stage, ioPilot, ioImplementation, ioOperations, ioInvolvement, integration, security, endpoints, budget, override.',
  ],
  [
    ['consolidate', 'a.xlsx', '--out', 'P.xlsx', '--map', 'West:ledBy=Team'],
    'usage',
    '--map takes field=Header here (each input keeps its own sheets), not "West:ledBy=Team"; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['refresh', 'a.xlsx', '--out'],
    'usage',
    '--out needs a value; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['refresh', 'a.xlsx', '--out', '--json'],
    'usage',
    '--out needs a value; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['refresh', 'a.xlsx', '--sheet'],
    'usage',
    '--sheet needs a value; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['refresh', 'a.xlsx', '--map', 'name'],
    'usage',
    '--map needs field=Header (for example --map name="Project Title"), not "name"; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['refresh', 'a.xlsx', '--map', 'colour=Stage'],
    'mapping-field-unknown',
    '"colour" is not a field IoT Role Map knows; use one of name, id, ledBy, businessUnit, stage, ioPilot, ioImplementation, ioOperations, ioInvolvement, integration, security, endpoints, budget, override.',
  ],
  [
    ['refresh', 'a.xlsx', '--map', '=x'],
    'usage',
    '--map needs field=Header (for example --map name="Project Title"), not "=x"; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['refresh', 'a.xlsx', '--frobnicate'],
    'usage',
    'Unknown option --frobnicate for refresh; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['refresh', 'a.xlsx', '-z'],
    'usage',
    'Unknown option -z for refresh; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['refresh'],
    'usage',
    'refresh needs the workbook to read (an .xlsx or .xlsm file); run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['refresh', 'a.xlsx', 'b.xlsx'],
    'usage',
    'refresh takes one workbook, not 2; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['refresh', 'a.xlsx', '--out', 'b.xlsx', '--in-place'],
    'usage',
    'Use either --out or --in-place, not both; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['refresh', 'a.xlsx', '--bogus', '--map', 'colour=x'],
    'usage',
    'Unknown option --bogus for refresh; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['refresh', 'a.xlsx', '--map', 'colour=x', '--bogus'],
    'mapping-field-unknown',
    '"colour" is not a field IoT Role Map knows; use one of name, id, ledBy, businessUnit, stage, ioPilot, ioImplementation, ioOperations, ioInvolvement, integration, security, endpoints, budget, override.',
  ],
  [
    ['consolidate', 'a.xlsx', '--out', 'P.csv'],
    'usage',
    'The portfolio file name must end in .xlsx, not "P.csv"; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['consolidate', 'a.xlsx'],
    'usage',
    'consolidate needs --out FILE, the portfolio workbook to write; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['consolidate', '--out', 'P.xlsx'],
    'usage',
    'consolidate needs the workbooks to bring together (.xlsx or .xlsm files); run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['consolidate', 'a.xlsx', '--out', 'P.xlsx', '--sheet', 'X'],
    'usage',
    'Unknown option --sheet for consolidate; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['consolidate', 'a.xlsx', '--out'],
    'usage',
    '--out needs a value; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['sample', 'x.xlsx', '--rows', '0'],
    'usage',
    '--rows needs a whole number from 1 to 100000; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['sample', 'x.xlsx', '--rows', 'abc'],
    'usage',
    '--rows needs a whole number from 1 to 100000; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['sample', 'x.xlsx', '--rows'],
    'usage',
    '--rows needs a value; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['sample', 'x.xlsx', '--seed', '2147483648'],
    'usage',
    '--seed needs a whole number from 1 to 2147483647; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['sample'],
    'usage',
    'sample needs exactly one output file name (e.g. inventory.xlsx); run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['sample', 'x.csv'],
    'usage',
    'The sample file name must end in .xlsx, not "x.csv"; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['sample', 'x.xlsx', '--json'],
    'usage',
    'Unknown option --json for sample; run "iot-role-map --help" to see the commands and options.',
  ],
  [
    ['launch'],
    'usage',
    'Unknown command "launch"; run "iot-role-map --help" to see the commands and options.',
  ],
  [[], 'usage', 'No command given; run "iot-role-map --help" to see the commands and options.'],
];

describe('iot-role-map arguments', () => {
  it.each(ACCEPTED)('%j is accepted', (argv, command) => {
    expect(parseArgs(argv)).toEqual(command);
  });

  it.each(REFUSED)('%j is refused (%s)', (argv, code, message) => {
    let thrown: unknown = null;
    try {
      parseArgs(argv);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(RoleMapError);
    expect(thrown).toMatchObject({ code, message });
  });

  it.each([
    [['refresh', 'a.xlsx', '--json=yes'], '--json takes no value'],
    [['refresh', 'a.xlsx', '--in-place=1'], '--in-place takes no value'],
  ])('%j: a switch given a value is refused', (argv, detail) => {
    expect(() => parseArgs(argv)).toThrow(detail);
  });

  it('takes a file named like an option after --', () => {
    expect(parseArgs(['refresh', '--', '--odd.xlsx'])).toMatchObject({ input: '--odd.xlsx' });
  });
});
