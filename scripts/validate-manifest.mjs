// Offline manifest validation: xmllint against the OfficeApp 1.1 / VersionOverrides 1.0
// schemas in ../shared (office-addin-manifest's validator needs an online service), plus
// checks that the schemas cannot express: every icon and page the manifest names exists.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = join(root, 'manifest.xml');
const schemas = resolve(root, '..', 'shared', 'office-manifest-schemas');
const manifest = readFileSync(manifestPath, 'utf8');
let failed = false;

if (!existsSync(join(schemas, 'OfficeAppManifestV1_1.xsd'))) {
  console.log(`validate: skipped the schema check: ${schemas} is absent on this machine.`);
} else {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
  } catch {
    console.error(
      'validate: xmllint is missing; install it with "apt-get install -y libxml2-utils".',
    );
    process.exit(1);
  }
  try {
    execFileSync(
      'xmllint',
      ['--noout', '--schema', join(schemas, 'OfficeAppManifestV1_1.xsd'), manifestPath],
      { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
    );
    console.log('validate: manifest.xml is valid against OfficeAppManifestV1_1.xsd.');
  } catch (err) {
    console.error(`validate: manifest.xml is not schema-valid:\n${err.stderr || err.message}`);
    failed = true;
  }
}

// Every localhost asset the manifest names must exist in assets/ (served from dist/assets).
for (const m of manifest.matchAll(/https:\/\/localhost:3000\/assets\/([\w.-]+)/g)) {
  if (!existsSync(join(root, 'assets', m[1]))) {
    console.error(`validate: manifest.xml names assets/${m[1]}, which does not exist.`);
    failed = true;
  }
}
// Every page it names must be an entry of the build.
const pages = new Set(
  [...manifest.matchAll(/https:\/\/localhost:3000\/([\w-]+)\.html/g)].map((m) => m[1]),
);
for (const page of pages) {
  const src = join(root, 'src', page, `${page}.html`);
  if (!existsSync(src)) {
    console.error(`validate: manifest.xml names ${page}.html, but ${src} does not exist.`);
    failed = true;
  }
}
// The manifest's ExcelApi requirement must match what the code declares it needs.
const req = /<Set Name="ExcelApi" MinVersion="([\d.]+)"\/>/.exec(manifest);
const reqFile = join(root, 'src', 'excel', 'host.ts');
if (req && existsSync(reqFile)) {
  const code = readFileSync(reqFile, 'utf8');
  const m = /REQUIRED_EXCEL_API\s*=\s*'([\d.]+)'/.exec(code);
  if (!m) {
    console.error(
      'validate: src/excel/host.ts no longer declares REQUIRED_EXCEL_API; keep it in step with manifest.xml.',
    );
    failed = true;
  } else if (m[1] !== req[1]) {
    console.error(
      `validate: manifest.xml requires ExcelApi ${req[1]} but src/excel/host.ts declares ${m[1]}.`,
    );
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
