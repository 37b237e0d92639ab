#!/usr/bin/env node
// `npm run demo`: builds the command line when needed, writes the sample inventory to a
// fresh folder, refreshes it and prints the summary and the output path (README main job);
// then splits the same sample into three business units' workbooks and consolidates them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'lib', 'cli', 'main.js');
const bin = join(root, 'bin', 'iot-role-map.js');

/** Newest modification time of the TypeScript sources the CLI is built from. */
function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    newest = Math.max(newest, s.isDirectory() ? newestSource(p) : s.mtimeMs);
  }
  return newest;
}

const sources = ['core', 'xlsx', 'cli'].map((d) => join(root, 'src', d));
const stale =
  !existsSync(entry) || Math.max(...sources.map(newestSource)) > statSync(entry).mtimeMs;
if (stale) {
  console.log('Building the command line (npm run build:cli)…');
  const build = spawnSync('npm', ['run', '--silent', 'build:cli'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const dir = mkdtempSync(join(tmpdir(), 'iot-role-map-demo-'));
const input = join(dir, 'iot-inventory.xlsx');
const run = (args) => {
  const r = spawnSync(process.execPath, [bin, ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(['sample', input, '--rows', '60', '--seed', '7']);
run(['refresh', input]);
console.log(
  `\nOpen ${join(dir, 'iot-inventory.roles.xlsx')} in Excel or LibreOffice to see the role`,
);
console.log('columns, the "IoT Role Summary" sheet with its chart, and "IoT Role History".');

// The same sample kept by three business units, each in its own workbook, consolidated.
const require = createRequire(import.meta.url);
const { generateSampleInventory, splitSample } = require(join(root, 'lib', 'cli', 'sample.js'));
const { createWorkbook } = require(join(root, 'lib', 'xlsx', 'create.js'));
const sample = generateSampleInventory({ rows: 60, seed: 7 });
const units = splitSample(sample).map(({ unit, values }) => {
  const path = join(dir, `${unit.toLowerCase().replace(/[^a-z]+/g, '-')}.xlsx`);
  writeFileSync(
    path,
    createWorkbook([{ name: sample.sheetName, values, titleRow: 0, headerRow: sample.headerRow }]),
  );
  return path;
});
const portfolio = join(dir, 'Portfolio.xlsx');
console.log(`\nThe same initiatives kept by three business units, consolidated:`);
run(['consolidate', ...units, '--out', portfolio]);
console.log(`\nOpen ${portfolio} to see every initiative with its source and the roles by source.`);
