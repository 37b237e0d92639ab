/**
 * Command-line parsing for `iot-role-map`: a small hand-written parser so every mistake
 * becomes one catalogue sentence (exit code 2), never a library's own wording.
 */

import { FIELDS, type Field, type SavedMapping } from '../core/model';
import { problem } from '../core/messages';

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'refresh';
      input: string;
      out: string | null;
      inPlace: boolean;
      sheet: string | null;
      /** Every --sheet given, in order (two or more: several sheets as one portfolio). */
      sheets: string[];
      mapping: SavedMapping;
      history: boolean;
      /** --words FILE: words added for this run. */
      words: string | null;
      json: boolean;
    }
  | {
      kind: 'consolidate';
      inputs: string[];
      out: string;
      mapping: SavedMapping;
      history: boolean;
      json: boolean;
      skipUnreadable: boolean;
    }
  | { kind: 'sample'; out: string; rows: number; seed: number };

export const USAGE = `Usage:
  iot-role-map refresh <input.xlsx|.xlsm> [--out FILE | --in-place] [--sheet NAME]
                       [--map field=Header ...] [--words FILE] [--no-history] [--json]
  iot-role-map consolidate <a.xlsx> <b.xlsx> ... --out Portfolio.xlsx
                       [--map field=Header ...] [--no-history] [--json] [--skip-unreadable]
  iot-role-map sample <out.xlsx> [--rows N] [--seed S]
  iot-role-map --help | --version

refresh   Classifies every initiative of the inventory sheet by the role I&O plays
          (Driver, Implementer, Operator, Bystander), writes the role columns, the
          "IoT Role Summary" sheet and a row of "IoT Role History", and saves the result
          to <input>.roles.xlsx (or --out FILE, or the input itself with --in-place).
  --sheet NAME        the inventory sheet (default: the sheet with the most recognised headers);
                      repeat it to refresh several inventory sheets as one portfolio (each
                      gets its own role columns; the summary adds roles by sheet)
  --map field=Header  use column "Header" for a field; fields: ${FIELDS.join(', ')}
  --words FILE        the workbook's own words for this run: CSV field,value,meaning
                      (e.g. ledBy,Digital Factory,Operations) or the JSON the task pane exports
  --no-history        do not append a row to "IoT Role History"
  --json              print the result as JSON instead of a summary
          Settings the add-in saved in the workbook (inventory sheet, column mapping, the
          workbook's own words) are used too, so the result is the ribbon button's; flags win.

consolidate
          Brings several business units' inventories into one portfolio workbook (--out):
          one "Portfolio" sheet with every initiative and its Source file, Source sheet and
          Source row, the role columns, the summary (with roles by source) and the history.
          Each input is read with its own detection and is never changed. When --out is a
          portfolio made by consolidate, its history continues and the changes since then
          are reported (rows are matched by source file, sheet and ID, or name without an
          ID); any other existing file is refused. Initiative IDs found in more than one
          source are reported, not merged. An input that cannot be read stops everything
          before anything is written, naming the file; with --skip-unreadable it is listed
          and left out instead. --map applies to every input.

sample    Writes a realistic, messy example inventory (default 40 rows, seed 1).

Exit codes: 0 done (data issues are not failures), 2 usage error, 3 unusable input,
1 anything unexpected.`;

const usage = (detail: string) => problem('usage', { detail });

function positiveInt(flag: string, v: string | undefined, max: number): number {
  if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) {
    throw usage(`${flag} needs a whole number from 1 to ${max}`);
  }
  return Number(v);
}

/** Adds one `--map field=Header` to a mapping. */
function addMapping(mapping: SavedMapping, spec: string): void {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) {
    throw usage(`--map needs field=Header (for example --map name="Project Title"), not "${spec}"`);
  }
  const field = spec.slice(0, eq).trim();
  if (!(FIELDS as readonly string[]).includes(field)) {
    throw problem('mapping-field-unknown', { field });
  }
  mapping[field as Field] = spec.slice(eq + 1).trim();
}

/** Parses the arguments after the program name; throws RoleMapError 'usage' (exit 2). */
export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0) throw usage('No command given');
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') return { kind: 'help' };
  if (argv.includes('--version') || argv.includes('-v')) return { kind: 'version' };
  const [command, ...rest] = argv;
  // Split "--flag=value" into two tokens (but keep "--map field=Header" as written).
  const tokens: string[] = [];
  for (const t of rest) {
    const m = /^(--[a-z-]+)=(.*)$/.exec(t);
    if (m) tokens.push(m[1]!, m[2]!);
    else tokens.push(t);
  }
  const positional: string[] = [];
  const value = (i: number, flag: string): string => {
    const v = tokens[i + 1];
    if (v === undefined || (v.startsWith('--') && v.length > 2))
      throw usage(`${flag} needs a value`);
    return v;
  };
  if (command === 'refresh') {
    const cmd: Extract<Command, { kind: 'refresh' }> = {
      kind: 'refresh',
      input: '',
      out: null,
      inPlace: false,
      sheet: null,
      sheets: [],
      mapping: {},
      history: true,
      words: null,
      json: false,
    };
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      switch (t) {
        case '--out':
        case '-o':
          cmd.out = value(i++, t);
          break;
        case '--in-place':
          cmd.inPlace = true;
          break;
        case '--sheet':
          cmd.sheet = value(i++, t);
          cmd.sheets.push(cmd.sheet);
          break;
        case '--map':
          addMapping(cmd.mapping, value(i++, t));
          break;
        case '--no-history':
          cmd.history = false;
          break;
        case '--words':
          cmd.words = value(i++, t);
          break;
        case '--json':
          cmd.json = true;
          break;
        default:
          if (t.startsWith('-') && t.length > 1) throw usage(`Unknown option ${t} for refresh`);
          positional.push(t);
      }
    }
    if (positional.length === 0)
      throw usage('refresh needs the workbook to read (an .xlsx or .xlsm file)');
    if (positional.length > 1) throw usage(`refresh takes one workbook, not ${positional.length}`);
    if (cmd.out !== null && cmd.inPlace) throw usage('Use either --out or --in-place, not both');
    cmd.input = positional[0]!;
    return cmd;
  }
  if (command === 'consolidate') {
    const cmd: Extract<Command, { kind: 'consolidate' }> = {
      kind: 'consolidate',
      inputs: [],
      out: '',
      mapping: {},
      history: true,
      json: false,
      skipUnreadable: false,
    };
    let out: string | null = null;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      switch (t) {
        case '--out':
        case '-o':
          out = value(i++, t);
          break;
        case '--map':
          addMapping(cmd.mapping, value(i++, t));
          break;
        case '--no-history':
          cmd.history = false;
          break;
        case '--json':
          cmd.json = true;
          break;
        case '--skip-unreadable':
          cmd.skipUnreadable = true;
          break;
        default:
          if (t.startsWith('-') && t.length > 1) throw usage(`Unknown option ${t} for consolidate`);
          cmd.inputs.push(t);
      }
    }
    if (cmd.inputs.length === 0)
      throw usage('consolidate needs the workbooks to bring together (.xlsx or .xlsm files)');
    if (out === null) throw usage('consolidate needs --out FILE, the portfolio workbook to write');
    if (!/\.xlsx$/i.test(out))
      throw usage(`The portfolio file name must end in .xlsx, not "${out}"`);
    cmd.out = out;
    return cmd;
  }
  if (command === 'sample') {
    let rows = 40;
    let seed = 1;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t === '--rows') rows = positiveInt(t, value(i++, t), 100000);
      else if (t === '--seed') seed = positiveInt(t, value(i++, t), 2 ** 31 - 1);
      else if (t.startsWith('-') && t.length > 1) throw usage(`Unknown option ${t} for sample`);
      else positional.push(t);
    }
    if (positional.length !== 1)
      throw usage('sample needs exactly one output file name (e.g. inventory.xlsx)');
    const out = positional[0]!;
    if (!/\.xlsx$/i.test(out)) throw usage(`The sample file name must end in .xlsx, not "${out}"`);
    return { kind: 'sample', out, rows, seed };
  }
  throw usage(`Unknown command "${command}"`);
}
