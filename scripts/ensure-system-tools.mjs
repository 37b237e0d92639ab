// Run first by `npm test` and by .ci/run: makes sure the system tools the tests use are there,
// so a fresh Debian machine with only Node 20 passes the README's test command.
//   - chromium               the browser tests (Debian's; no browser is ever downloaded)
//   - libreoffice-calc-nogui "LibreOffice opens what we write" tests (soffice)
//   - python3-lxml           ../shared/ooxml/validate_xlsx.py and test/xlsx/check_packages.py
//   - poppler-utils          pdftotext -bbox: the printed summary's page count and text size
//                            (and pdftoppm for scripts/readme-inventory.mjs)
//   - fonts-crosextra-carlito Carlito, Calibri's metrics: LibreOffice paginates the summary as
//                            Excel does with its default font (the print test measures it)
//   - gnumeric               ssconvert: "Gnumeric opens what we write" (optional: where it
//                            cannot be installed, that test skips with a message)
// As root with apt-get, the missing ones are installed; otherwise the script stops at once
// with the exact line to run. (xmllint for the manifest check is handled by
// scripts/validate-manifest.mjs, not here.) Set IOT_SKIP_SYSTEM_TOOLS=1 to skip the check on
// a machine where those tests are not wanted; they then skip or fail on their own.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const TOOLS = [
  {
    pkg: 'chromium',
    what: 'Chromium, for the browser tests',
    present: () => existsSync('/usr/bin/chromium'),
  },
  {
    pkg: 'libreoffice-calc-nogui',
    what: 'LibreOffice Calc (soffice), to prove LibreOffice opens what we write',
    present: () => spawnSync('sh', ['-c', 'command -v soffice'], { stdio: 'ignore' }).status === 0,
  },
  {
    pkg: 'python3-lxml',
    what: "Python's lxml, for the Office Open XML schema and well-formedness checks",
    present: () =>
      existsSync('/usr/bin/python3') &&
      spawnSync('/usr/bin/python3', ['-c', 'import lxml'], { stdio: 'ignore' }).status === 0,
  },
  {
    pkg: 'poppler-utils',
    what: "pdftotext, to measure the printed summary's pages and text size",
    present: () =>
      spawnSync('sh', ['-c', 'command -v pdftotext'], { stdio: 'ignore' }).status === 0,
  },
  {
    pkg: 'fonts-crosextra-carlito',
    what: "Carlito (Calibri's metrics), so the printed summary is measured as Excel prints it",
    present: () =>
      spawnSync('sh', ['-c', 'fc-list :family=Carlito | grep -q .'], { stdio: 'ignore' }).status ===
      0,
  },
  {
    pkg: 'gnumeric',
    what: "Gnumeric's ssconvert, to prove Gnumeric opens what we write",
    optional: true,
    present: () =>
      spawnSync('sh', ['-c', 'command -v ssconvert'], { stdio: 'ignore' }).status === 0,
  },
];

if (process.env.IOT_SKIP_SYSTEM_TOOLS === '1') process.exit(0);

const missing = TOOLS.filter((t) => !t.present() && !t.optional);
const optional = TOOLS.filter((t) => !t.present() && t.optional);
const isRootUser = typeof process.getuid === 'function' && process.getuid() === 0;
const aptThere = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
// Optional tools: installed where apt-get can, else their tests skip with a message.
if (optional.length > 0 && isRootUser && aptThere) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const names = optional.map((t) => t.pkg);
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const r = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], {
    stdio: 'inherit',
    env,
  });
  if (r.status !== 0) {
    console.error(
      `ensure-system-tools: could not install ${names.join(', ')}; the tests that need them skip.`,
    );
  }
} else if (optional.length > 0) {
  console.error(
    `ensure-system-tools: ${optional.map((t) => t.pkg).join(', ')} missing (optional; the tests that need them skip).`,
  );
}
if (missing.length === 0) process.exit(0);

const pkgs = missing.map((t) => t.pkg);
const line = `apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;

if (!isRoot || !hasApt) {
  console.error(
    `The tests need system tools that are missing:\n${missing
      .map((t) => `  - ${t.pkg}: ${t.what}`)
      .join(
        '\n',
      )}\nInstall them with:\n  sudo apt-get update && sudo ${line}\nthen run the tests again.`,
  );
  process.exit(1);
}

console.error(`ensure-system-tools: installing ${pkgs.join(', ')} (apt-get, as root)`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [
  ['update', '-qq'],
  ['install', '-y', '-qq', '--no-install-recommends', ...pkgs],
]) {
  const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.error(
      `ensure-system-tools: "apt-get ${args.join(' ')}" failed; run it by hand, then the tests again.`,
    );
    process.exit(1);
  }
}
const still = TOOLS.filter((t) => !t.present() && !t.optional);
if (still.length > 0) {
  console.error(
    `ensure-system-tools: still missing after apt-get: ${still.map((t) => t.pkg).join(', ')}`,
  );
  process.exit(1);
}
