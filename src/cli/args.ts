/**
 * Command-line parsing for `iot-role-map`: node:util's parseArgs splits the arguments (one
 * table of options per command), and every mistake becomes one catalogue sentence (exit
 * code 2), never the library's own wording.
 */

import { parseArgs as parseNodeArgs } from 'node:util';
import { FIELDS, type Field } from '../core/fields';
import { type SavedMapping } from '../core/input';
import { problem } from '../core/messages';

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'refresh';
      input: string;
      out: string | null;
      inPlace: boolean;
      /** --force: an existing output file (not the input) may be replaced. */
      force: boolean;
      sheet: string | null;
      /** Every --sheet given, in order (two or more: several sheets as one portfolio). */
      sheets: string[];
      mapping: SavedMapping;
      /** `--map Sheet:field=Header`: mappings of one sheet each, by sheet name. */
      sheetMappings: Record<string, SavedMapping>;
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
  iot-role-map refresh <input.xlsx|.xlsm> [--out FILE | --in-place] [--force] [--sheet NAME]
                       [--map [Sheet:]field=Header ...] [--words FILE] [--no-history] [--json]
  iot-role-map consolidate <a.xlsx> <b.xlsx> ... --out Portfolio.xlsx
                       [--map field=Header ...] [--no-history] [--json] [--skip-unreadable]
  iot-role-map sample <out.xlsx> [--rows N] [--seed S]
  iot-role-map --help | --version

refresh   Classifies every initiative of the inventory sheet by the role I&O plays
          (Driver, Implementer, Operator, Bystander), writes the role columns, the
          "IoT Role Summary" sheet and a row of "IoT Role History", and saves the result
          to <input>.roles.xlsx (.roles.xlsm for an .xlsm), or to --out FILE, or into the
          input itself with --in-place. It prints the sheet and columns it used, the sheets
          and columns it left out (with the flag that takes each), and the file it wrote.
  --out FILE          where to write; it ends in the input's kind (.xlsx or .xlsm)
  --in-place          refresh the input file itself (a safe replace: a killed run leaves it whole)
  --force             replace an existing output file (without it an existing file is refused)
  --sheet NAME        the inventory sheet (default: the sheet with the most recognised headers);
                      repeat it to refresh several inventory sheets as one portfolio (each gets
                      its own role columns; the summary adds roles by sheet)
  --map field=Header  use column "Header" for a field, on every sheet refreshed;
  --map Sheet:field=Header
                      the same on one sheet only (e.g. --map West:ledBy="Owning Team");
                      fields: ${wrapped(FIELDS, 22, 92)}
  --words FILE        the workbook's own words for this run: CSV field,value,meaning
                      (e.g. ledBy,Digital Factory,Operations) or the JSON the task pane exports
  --no-history        do not append a row to "IoT Role History"
  --json              print the result as JSON instead of a summary
          Settings the add-in saved in the workbook (inventory sheets, column mappings, the
          workbook's own words) are used too, so the result is the ribbon button's; flags win.

History   "Since the last refresh" compares with the role columns a refresh left in the
          file it reads, and the history sheet grows in that file. So refresh the same file
          each time: either the original with --in-place, or the refreshed copy, whose
          name ends in .roles.xlsx: refreshing X.roles.xlsx writes X.roles.xlsx again (in
          place, not X.roles.roles.xlsx). Refreshing the original X.xlsx again starts from
          it, so it is a first refresh, and an X.roles.xlsx already there is refused unless
          --force replaces it.

consolidate
          Brings several business units' inventories into one portfolio workbook (--out):
          one "Portfolio" sheet with every initiative and its Source file, Source sheet and
          Source row, the role columns, the summary (with roles by source) and the history.
          Each input is read as its add-in settings say (its inventory sheets, each with
          its mapping, and its own words; detection where none were saved) and is never
          changed; two inputs teaching one word different meanings is an input that cannot
          be read. When --out is a portfolio made by consolidate, its history continues
          and the changes since then are reported (rows are matched by source file, sheet
          and ID, or name without an ID); any other existing file is refused. Initiative
          IDs found in more than one source are reported, not merged. An input that cannot
          be read stops everything before anything is written, naming the file; with
          --skip-unreadable it is listed and left out instead. --map applies to every input.

sample    Writes a realistic, messy example inventory (default 40 rows, seed 1).

Exit codes: 0 done (data issues are not failures), 2 usage error, 3 unusable input,
1 anything unexpected.`;

const usage = (detail: string) => problem('usage', { detail });

/** Words joined by ", " in lines of at most `width` characters, each after the first indented. */
function wrapped(words: readonly string[], indent: number, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const [i, word] of words.entries()) {
    const piece = i < words.length - 1 ? `${word},` : word;
    if (line !== '' && indent + line.length + 1 + piece.length > width) {
      lines.push(line);
      line = piece;
    } else line = line === '' ? piece : `${line} ${piece}`;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

function positiveInt(flag: string, v: string | undefined, max: number): number {
  if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) {
    throw usage(`${flag} needs a whole number from 1 to ${max}`);
  }
  return Number(v);
}

/**
 * Adds one `--map field=Header` to `mapping`, or one `--map Sheet:field=Header` to that
 * sheet's entry of `bySheet` (Excel forbids ":" in a sheet name, so the first ":" before "="
 * ends the sheet's name; the header may hold any character).
 */
function addMapping(
  mapping: SavedMapping,
  spec: string,
  bySheet: Record<string, SavedMapping> | null,
): void {
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) {
    throw usage(`--map needs field=Header (for example --map name="Project Title"), not "${spec}"`);
  }
  const target = spec.slice(0, eq);
  const colon = target.indexOf(':');
  const sheet = colon === -1 ? null : target.slice(0, colon).trim();
  const field = target.slice(colon + 1).trim();
  if (sheet !== null && (sheet === '' || bySheet === null)) {
    throw usage(
      bySheet === null
        ? `--map takes field=Header here (each input keeps its own sheets), not "${spec}"`
        : `--map Sheet:field=Header needs the sheet's name before ":", not "${spec}"`,
    );
  }
  if (!(FIELDS as readonly string[]).includes(field)) {
    throw problem('mapping-field-unknown', { field });
  }
  const into = sheet === null ? mapping : (bySheet![sheet] ??= {});
  into[field as Field] = spec.slice(eq + 1).trim();
}

/** The kind of workbook a file name says (.xlsx or .xlsm, lower case), or null. */
function kindOf(path: string): '.xlsx' | '.xlsm' | null {
  const m = /\.(xlsx|xlsm)$/i.exec(path);
  return m ? (`.${m[1]!.toLowerCase()}` as '.xlsx' | '.xlsm') : null;
}

/** How an option takes its value, for node:util's parseArgs. */
type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean };

/** The options of each command (`--flag` and, where it has one, its short form). */
const OPTIONS = {
  refresh: {
    out: { type: 'string', short: 'o' },
    'in-place': { type: 'boolean' },
    force: { type: 'boolean' },
    sheet: { type: 'string', multiple: true },
    map: { type: 'string', multiple: true },
    'no-history': { type: 'boolean' },
    words: { type: 'string' },
    json: { type: 'boolean' },
  },
  consolidate: {
    out: { type: 'string', short: 'o' },
    map: { type: 'string', multiple: true },
    'no-history': { type: 'boolean' },
    json: { type: 'boolean' },
    'skip-unreadable': { type: 'boolean' },
  },
  sample: {
    rows: { type: 'string' },
    seed: { type: 'string' },
  },
} as const satisfies Record<string, Record<string, OptionSpec>>;

type CommandName = keyof typeof OPTIONS;

/** One option as given, checked: its name and its value (null for a switch). */
interface GivenOption {
  name: string;
  /** As written, for messages ("--out", "-o"). */
  flag: string;
  value: string | null;
}

/**
 * Tokenises a command's arguments with node:util's parseArgs (long and short options,
 * `--flag=value`, `--` before file names that look like options) and checks each option
 * against the command's table, in the order given (each handed to `onOption` as it is
 * checked, so its own checks, e.g. --map's field, keep their place); the first mistake is
 * the one reported, in the catalogue's words: an unknown option, a value missing (or another
 * option where the value should be), a value given to a switch.
 */
function tokenise(
  command: CommandName,
  args: readonly string[],
  onOption: (option: GivenOption) => void,
): string[] {
  const table: Record<string, OptionSpec> = OPTIONS[command];
  // Not strict: what parseArgs would reject in its own words is checked below, in ours.
  const { tokens } = parseNodeArgs({
    args: [...args],
    options: table,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const positional: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') {
      positional.push(t.value);
      continue;
    }
    if (t.kind !== 'option') continue;
    const spec = table[t.name];
    if (!spec) throw usage(`Unknown option ${t.rawName} for ${command}`);
    if (spec.type === 'boolean') {
      if (t.value !== undefined) throw usage(`${t.rawName} takes no value`);
      onOption({ name: t.name, flag: t.rawName, value: null });
      continue;
    }
    // "--out --json": the next option is not a value (parseArgs would take it as one).
    const v = t.value;
    if (v === undefined || (!t.inlineValue && v.startsWith('--') && v.length > 2)) {
      throw usage(`${t.rawName} needs a value`);
    }
    onOption({ name: t.name, flag: t.rawName, value: v });
  }
  return positional;
}

/** Parses the arguments after the program name; throws RoleMapError 'usage' (exit 2). */
export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0) throw usage('No command given');
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') return { kind: 'help' };
  if (argv.includes('--version') || argv.includes('-v')) return { kind: 'version' };
  const [command, ...rest] = argv;
  if (command === 'refresh') {
    const cmd: Extract<Command, { kind: 'refresh' }> = {
      kind: 'refresh',
      input: '',
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
    };
    const positional = tokenise('refresh', rest, (o) => {
      if (o.name === 'out') cmd.out = o.value;
      else if (o.name === 'in-place') cmd.inPlace = true;
      else if (o.name === 'force') cmd.force = true;
      else if (o.name === 'sheet') {
        cmd.sheet = o.value;
        cmd.sheets.push(o.value!);
      } else if (o.name === 'map') addMapping(cmd.mapping, o.value!, cmd.sheetMappings);
      else if (o.name === 'no-history') cmd.history = false;
      else if (o.name === 'words') cmd.words = o.value;
      else if (o.name === 'json') cmd.json = true;
    });
    if (positional.length === 0)
      throw usage('refresh needs the workbook to read (an .xlsx or .xlsm file)');
    if (positional.length > 1) throw usage(`refresh takes one workbook, not ${positional.length}`);
    if (cmd.out !== null && cmd.inPlace) throw usage('Use either --out or --in-place, not both');
    cmd.input = positional[0]!;
    // The output is the same kind of workbook as the input: an .xlsx written under an .xlsm or
    // .csv name would not open as what its name says (macros need .xlsm, and the reverse).
    if (cmd.out !== null) {
      const kind = kindOf(cmd.input);
      const outKind = kindOf(cmd.out);
      if (outKind === null || (kind !== null && outKind !== kind)) {
        const want = kind ?? '.xlsx or .xlsm';
        throw usage(
          kind === '.xlsm'
            ? `"${cmd.input}" holds macros, so --out must end in .xlsm, not "${cmd.out}"`
            : `--out must end in ${want}, the kind of workbook "${cmd.input}" is, not "${cmd.out}"`,
        );
      }
    }
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
    // Set inside the callback: a holder, so the checks below see what was given.
    const given: { out: string | null } = { out: null };
    const positional = tokenise('consolidate', rest, (o) => {
      if (o.name === 'out') given.out = o.value;
      else if (o.name === 'map') addMapping(cmd.mapping, o.value!, null);
      else if (o.name === 'no-history') cmd.history = false;
      else if (o.name === 'json') cmd.json = true;
      else if (o.name === 'skip-unreadable') cmd.skipUnreadable = true;
    });
    cmd.inputs = positional;
    const out = given.out;
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
    const positional = tokenise('sample', rest, (o) => {
      if (o.name === 'rows') rows = positiveInt(o.flag, o.value ?? undefined, 100000);
      else if (o.name === 'seed') seed = positiveInt(o.flag, o.value ?? undefined, 2 ** 31 - 1);
    });
    if (positional.length !== 1)
      throw usage('sample needs exactly one output file name (e.g. inventory.xlsx)');
    const out = positional[0]!;
    if (!/\.xlsx$/i.test(out)) throw usage(`The sample file name must end in .xlsx, not "${out}"`);
    return { kind: 'sample', out, rows, seed };
  }
  throw usage(`Unknown command "${command}"`);
}
