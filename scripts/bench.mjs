// `npm run bench`: runs each benchmark of the project in its own process (so peak memory is
// honest per benchmark) and prints their JSON lines, each benchmark's goal first.
// `npm run bench -- core xlsx` runs a subset; flags (`npm run bench -- xlsx --1m`) are passed
// on to each benchmark. node:util's parseArgs reads them, so a flag's value may follow it
// (`--rows 1000`) or be joined to it (`--rows=1000`); the benchmarks receive the joined form.
// `--list` prints what would run, as JSON, and runs nothing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const all = ['core', 'xlsx', 'host', 'pane'];

/** What each benchmark is held to (from its file's header; issues 11 and 27 set them). */
const GOALS = {
  core: 'rows per second of the engine on 100,000 rows: the classify step ≥ 1,000,000 rows/s (issue 27)',
  xlsx: "10,000, 100,000 and 1,048,576 rows, two passes each, beside the I/O floor: at 100,000 rows ≤ 2.0× the floor's wall, main-thread CPU ≤ 1.6× the floor's, ≤ 350 MiB; at 1,048,576 rows ≤ 2.5× the floor and ≤ 1.5 GiB (issue 27); output ≤ 1.5× the input's size",
  host: 'syncs ≤ syncBound (3 + ⌈requests / 4.5 MB⌉ + ⌈responses / 4.5 MB⌉); every request and response under 5,000,000 bytes',
  pane: 'the JavaScript taskpane.html loads ≤ 170 KB gzipped; first interactive render reported',
};

const OPTIONS = {
  rows: { type: 'string' },
  runs: { type: 'string' },
  'excel-api': { type: 'string' },
  '1m': { type: 'boolean' },
  exceljs: { type: 'boolean' },
  accented: { type: 'boolean' },
  consolidate: { type: 'boolean' },
  list: { type: 'boolean' },
};

let parsed;
try {
  parsed = parseArgs({
    args: process.argv.slice(2),
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
} catch (err) {
  // node's sentence up to its first full stop ("Unknown option '--bogus'"), then ours.
  const what = String(err.message).split(/\.(?:\s|$)/)[0];
  const known = Object.keys(OPTIONS).map((o) => `--${o}`);
  console.error(`bench: ${what}; the flags are ${known.join(', ')}.`);
  process.exit(2);
}
const { values, positionals } = parsed;
const flags = Object.entries(values)
  .filter(([name]) => name !== 'list')
  .map(([name, value]) => (value === true ? `--${name}` : `--${name}=${value}`));
const wanted = positionals.length > 0 ? positionals : all;
if (values.list) {
  console.log(JSON.stringify({ benchmarks: wanted, flags }));
  process.exit(0);
}
let failed = false;
for (const name of wanted) {
  const file = join(root, 'bench', `${name}.ts`);
  if (!existsSync(file)) {
    console.error(
      `bench: no benchmark named "${name}" (bench/${name}.ts); they are ${all.join(', ')}.`,
    );
    failed = true;
    continue;
  }
  console.error(`bench: ${name} — goal: ${GOALS[name] ?? 'see bench/' + name + '.ts'}`);
  const run = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [file, ...flags], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim() },
  });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
