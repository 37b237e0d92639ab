// `npm run package` (after `npm run build`): the deployable package of a production build.
//   release/iot-role-map-<version>/
//     iot-role-map-<version>-web.zip   dist/ without the manifest: unzip it into the HTTPS
//                                      folder ADDIN_URL names
//     manifest.xml                     what the Microsoft 365 admin (or the catalog) receives
//     DEPLOY.txt                       what to upload where, and the files with their SHA-256
// Refuses a dist/ whose manifest points at localhost or does not validate.
//   node scripts/package.mjs [--dist DIR] [--out DIR]     (defaults: dist, release)
//   node scripts/package.mjs --preflight   checks ADDIN_URL before `npm run package` builds,
//                                          so a missing one costs no build and names the
//                                          command that works, in each shell's form.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { zipSync } from 'fflate';
import { checkManifest, ROOT } from './manifest-check.mjs';

const require = createRequire(import.meta.url);
const { parseAddinUrl } = require('./deploy.js');

const NAME = 'iot-role-map';
const EXAMPLE_URL = 'https://intranet.example.org/tools/iot-role-map/';

/** `npm run package` with ADDIN_URL set, as each shell writes it. */
export function packageCommands(url = EXAMPLE_URL) {
  return [
    `  bash, zsh:   ADDIN_URL=${url} npm run package`,
    `  PowerShell:  $env:ADDIN_URL="${url}"; npm run package`,
    `  cmd.exe:     set "ADDIN_URL=${url}" && npm run package`,
  ].join('\n');
}

/** Exits at once, before any build, when ADDIN_URL is missing or unusable. */
function preflight() {
  const raw = process.env.ADDIN_URL;
  if (raw === undefined || raw.trim() === '') {
    console.error(
      'package: ADDIN_URL is not set, so nothing was built. Give the HTTPS folder that will ' +
        'serve the add-in, for example:\n' +
        packageCommands(),
    );
    process.exit(1);
  }
  try {
    parseAddinUrl(raw);
  } catch (err) {
    console.error(`package: ${err.message}; nothing was built.`);
    process.exit(1);
  }
}

function option(args, name, fallback) {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = args[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a folder.`);
  return resolve(value);
}

/** Every file under `dir`, as "/"-separated paths relative to it, sorted. */
function filesOf(dir) {
  const out = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

/** The instructions beside the zip: short, in the order an admin does things. */
function deployText({ version, base, zipName, officeJsLocal, files, zip, manifest }) {
  const taskpane = new URL('taskpane.html', base).href;
  const folders = officeJsLocal ? 'assets/, office-js/' : 'assets/';
  return [
    `IoT Role Map ${version}: deployment package for ${base}`,
    '',
    '1. Host the pages',
    `   Unzip ${zipName}, keeping its sub-folders (${folders}), into the folder served at`,
    `     ${base}`,
    '   Any static HTTPS server will do; nothing runs on the server. Serve .html as text/html,',
    '   .js as text/javascript and .png as image/png. The *.<hash>.js names change with their',
    '   content: cache them for long; send taskpane.html and commands.html, which keep their',
    '   names, with "Cache-Control: no-cache".',
    officeJsLocal
      ? '   office.js is served from this folder too (office-js/): users need no other site.'
      : '   The pages load office.js from https://appsforoffice.microsoft.com: users need access to it.',
    '   Check that this opens in a browser and says "IoT Role Map runs inside Excel":',
    `     ${taskpane}`,
    '',
    '2. Deploy manifest.xml (this folder) to the people who plan IoT initiatives, one of:',
    '   - Microsoft 365 admin center > Settings > Integrated apps > Upload custom apps: upload',
    '     manifest.xml, assign users or groups. The ribbon buttons appear for them (it can take',
    '     up to 24 hours).',
    '   - SharePoint app catalog (on-premises, Windows): upload manifest.xml to its "Apps for',
    '     Office" library. Catalogs show no ribbon buttons: users insert the add-in from',
    '     My Add-ins > MY ORGANIZATION, which opens the task pane.',
    '   - Shared-folder catalog (Excel on Windows; Microsoft names it a test route): copy',
    '     manifest.xml to a network share that users add under File > Options > Trust Center >',
    '     Trust Center Settings > Trusted Add-in Catalogs, then My Add-ins > SHARED FOLDER.',
    '',
    '3. Update: build the new version with the same ADDIN_URL, replace the hosted files with',
    '   the new zip, then upload the new manifest.xml the same way (the admin center takes a',
    '   manifest only when its Version is higher).',
    '4. Remove: remove the add-in where you deployed it (admin center: Integrated apps > the',
    '   add-in > Configuration > Remove; a catalog: delete manifest.xml), then take the pages',
    '   offline. Workbooks keep everything the add-in wrote.',
    '',
    'The README of the project, "Deploying to your organisation", has the details.',
    '',
    'This package (SHA-256, bytes):',
    ...[zip, manifest].map((f) => `  ${f.sha256}  ${String(f.size).padStart(9)}  ${f.path}`),
    '',
    'Files in the zip (SHA-256, bytes):',
    ...files.map((f) => `  ${f.sha256}  ${String(f.size).padStart(9)}  ${f.path}`),
    '',
  ].join('\n');
}

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--preflight')) return preflight();
  const dist = option(args, '--dist', join(ROOT, 'dist'));
  const outRoot = option(args, '--out', join(ROOT, 'release'));
  const manifestPath = join(dist, 'manifest.xml');
  try {
    statSync(manifestPath);
  } catch {
    throw new Error(
      `package: ${manifestPath} is missing; build and package in one step:\n${packageCommands()}`,
    );
  }
  const { errors, base } = await checkManifest(manifestPath, { deploy: true });
  if (errors.length > 0) throw new Error(errors.map((e) => `package: ${e}`).join('\n'));

  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const version = pkg.version;
  const out = join(outRoot, `${NAME}-${version}`);
  const zipName = `${NAME}-${version}-web.zip`;
  const paths = filesOf(dist).filter((p) => p !== 'manifest.xml');
  // The build time, not a fixed date: a static server sends the extracted files' times as
  // Last-Modified, and an unchanged date would let caches keep the previous taskpane.html.
  const mtime = new Date();
  const entries = {};
  const files = [];
  for (const path of paths) {
    const data = readFileSync(join(dist, ...path.split('/')));
    entries[path] = [new Uint8Array(data), { mtime }];
    files.push({ path, size: data.length, sha256: sha256(data) });
  }
  const zip = zipSync(entries, { level: 9 });

  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, zipName), zip);
  const manifest = readFileSync(manifestPath);
  writeFileSync(join(out, 'manifest.xml'), manifest);
  const officeJsLocal = paths.some((p) => p.startsWith('office-js/'));
  const own = (path, data) => ({ path, size: data.length, sha256: sha256(data) });
  writeFileSync(
    join(out, 'DEPLOY.txt'),
    deployText({
      version,
      base,
      zipName,
      officeJsLocal,
      files,
      zip: own(zipName, zip),
      manifest: own('manifest.xml', manifest),
    }),
  );
  console.log(
    `package: ${relative(process.cwd(), out) || out}/ — ${zipName} (${files.length} files, ` +
      `${Math.round(zip.length / 1024)} KB), manifest.xml for ${base}, DEPLOY.txt`,
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
