// `npm start` / `npm stop`: sideloads the add-in into desktop Excel (office-addin-debugging
// starts the dev server and registers manifest.xml) or removes it. Desktop Excel exists on
// Windows and macOS only; elsewhere this says so in one sentence, names the route that works
// (the dev server and Excel on the web) and exits non-zero, instead of office-addin-debugging's
// "Platform not supported" with exit code 0.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SIDELOAD_PLATFORMS = ['win32', 'darwin'];

const [action = 'start', ...rest] = process.argv.slice(2);
if (!SIDELOAD_PLATFORMS.includes(process.platform)) {
  console.error(
    `npm ${action}: there is no desktop Excel on ${process.platform} to sideload into, so nothing ` +
      'was started; run "npm run dev-server" and upload manifest.xml in Excel on the web ' +
      '(Home > Add-ins > More Add-ins > Upload My Add-in), as the README\'s "Troubleshooting" says.',
  );
  process.exit(2);
}
const bin = join(
  ROOT,
  'node_modules',
  '.bin',
  process.platform === 'win32' ? 'office-addin-debugging.cmd' : 'office-addin-debugging',
);
const run = spawnSync(bin, [action, join(ROOT, 'manifest.xml'), ...rest], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.exit(run.status ?? 1);
