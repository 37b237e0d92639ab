// `npm run bench`: runs each benchmark of the project in its own process (so peak memory is
// honest per benchmark) and prints their JSON lines. `npm run bench -- core xlsx` runs a subset;
// flags (`npm run bench -- xlsx --1m`) are passed on to each benchmark.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const all = ['core', 'xlsx', 'host', 'pane'];
const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const wanted = names.length > 0 ? names : all;
let failed = false;
for (const name of wanted) {
  const file = join(root, 'bench', `${name}.ts`);
  if (!existsSync(file)) {
    console.error(`bench: no benchmark named "${name}" (bench/${name}.ts).`);
    failed = true;
    continue;
  }
  console.error(`bench: ${name}`);
  const run = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [file, ...flags], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim() },
  });
  if (run.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
