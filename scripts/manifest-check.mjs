// Offline checks of an add-in manifest, shared by `npm run validate` (the development
// manifest), `npm run build` (dist/manifest.xml) and `npm run package`:
// - XML Schema validation against the OfficeApp 1.1 / VersionOverrides 1.0 schemas in
//   ../shared/office-manifest-schemas (office-addin-manifest's validator needs an online
//   service), with libxml2 compiled to WebAssembly (the xmllint-wasm package) when it is
//   installed, else the system's xmllint;
// - what the schemas cannot express: every URL lies under one base folder over HTTPS, every
//   icon and page it names exists, the AppDomain is the base's origin, the Version is
//   package.json's, and the ExcelApi requirement matches the code's.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { DEV_BASE, manifestVersion } = require('./deploy.js');
const { dataFolder } = require('./test-data.js');

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE_MANIFEST = join(ROOT, 'manifest.xml');
const SCHEMAS = dataFolder('office-manifest-schemas').dir;
const MAIN_SCHEMA = 'OfficeAppManifestV1_1.xsd';
// Everything OfficeAppManifestV1_1.xsd imports, directly or not (xs:import schemaLocation).
const IMPORTED_SCHEMAS = [
  'OfficeAppBasicTypesV1_0.xsd',
  'MailAppVersionOverridesV1_0.xsd',
  'MailAppVersionOverridesV1_1.xsd',
  'TaskPaneAppVersionOverridesV1_0.xsd',
  'ContentAppVersionOverridesV1_0.xsd',
];

/**
 * Validates `xml` against the manifest schema. Returns { how, errors } where `how` names the
 * validator used, or { skipped } when ../shared is absent; throws when there is no validator.
 */
export async function schemaErrors(xml, fileName) {
  if (!existsSync(join(SCHEMAS, MAIN_SCHEMA))) {
    return { skipped: `${SCHEMAS} is absent on this machine` };
  }
  const wasm = await loadXmllintWasm();
  if (wasm) {
    const read = (name) => ({
      fileName: name,
      contents: readFileSync(join(SCHEMAS, name), 'utf8'),
    });
    // The schemas' relative schemaLocation imports resolve in the worker's in-memory file
    // system, where every file is written under its own name.
    const result = await wasm.validateXML({
      xml: [{ fileName, contents: xml }],
      schema: [read(MAIN_SCHEMA)],
      preload: IMPORTED_SCHEMAS.map(read),
    });
    return { how: 'xmllint-wasm', errors: result.valid ? [] : [result.rawOutput.trim()] };
  }
  if (!hasSystemXmllint()) {
    throw new Error(
      'validate: no XML Schema validator: xmllint-wasm is not installed (npm ci installs it when ' +
        'package.json lists it) and xmllint is missing (apt-get install -y libxml2-utils).',
    );
  }
  try {
    execFileSync('xmllint', ['--noout', '--schema', join(SCHEMAS, MAIN_SCHEMA), '-'], {
      input: xml,
      stdio: ['pipe', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
    return { how: 'xmllint', errors: [] };
  } catch (err) {
    // Read from stdin, xmllint calls the document "-"; name it as the caller does.
    const out = String(err.stderr || err.message).trim();
    return { how: 'xmllint', errors: [out.replace(/^-(?=:| fails)/gm, fileName)] };
  }
}

async function loadXmllintWasm() {
  try {
    const mod = await import('xmllint-wasm');
    const validateXML = mod.validateXML ?? mod.default?.validateXML;
    return typeof validateXML === 'function' ? { validateXML } : null;
  } catch (err) {
    if (err?.code === 'ERR_MODULE_NOT_FOUND' || err?.code === 'MODULE_NOT_FOUND') return null;
    throw err;
  }
}

function hasSystemXmllint() {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The value of every attribute or element of the manifest that holds a URL. */
function urlsOf(xml) {
  const urls = [];
  for (const m of xml.matchAll(/DefaultValue="(https?:[^"]*)"/g)) urls.push(decodeXml(m[1]));
  return urls;
}

function decodeXml(text) {
  return text
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Checks the manifest at `path`. The development manifest (manifest.xml at the project root)
 * names files of the source tree (assets/…, src/<page>/<page>.html); any other manifest is a
 * built one, whose files lie beside it (dist/). With `deploy`, a manifest that points at
 * localhost is an error rather than a note.
 * Returns { errors: string[], notes: string[] }.
 */
export async function checkManifest(path, { deploy = false } = {}) {
  const errors = [];
  const notes = [];
  const name = basename(path);
  const source = resolve(path) === SOURCE_MANIFEST;
  const xml = readFileSync(path, 'utf8');

  const schema = await schemaErrors(xml, name);
  if (schema.skipped) notes.push(`skipped the schema check: ${schema.skipped}.`);
  else if (schema.errors.length > 0) {
    errors.push(`${name} is not schema-valid (${schema.how}):\n${schema.errors.join('\n')}`);
  } else notes.push(`${name} is valid against ${MAIN_SCHEMA} (${schema.how}).`);

  const location = /<DefaultSettings>\s*<SourceLocation DefaultValue="([^"]+)"/.exec(xml);
  if (!location) {
    errors.push(`${name} has no <DefaultSettings><SourceLocation>.`);
    return { errors, notes };
  }
  const sourceLocation = new URL(decodeXml(location[1]));
  const base = new URL('./', sourceLocation).href;
  if (sourceLocation.protocol !== 'https:') {
    errors.push(`${name}: the pages must be served over HTTPS, not ${sourceLocation.href}.`);
  }
  for (const url of urlsOf(xml)) {
    if (!url.startsWith(base)) {
      errors.push(`${name} names ${url}, outside ${base} where its pages are.`);
      continue;
    }
    const rel = new URL(url).pathname.slice(new URL(base).pathname.length);
    const file = source
      ? rel.endsWith('.html')
        ? join(ROOT, 'src', rel.slice(0, -5), rel)
        : join(ROOT, rel)
      : join(dirname(path), rel);
    if (!existsSync(file)) errors.push(`${name} names ${rel}, but ${file} does not exist.`);
  }
  for (const m of xml.matchAll(/<AppDomain>([^<]*)<\/AppDomain>/g)) {
    if (m[1] !== sourceLocation.origin) {
      errors.push(
        `${name}: AppDomain ${m[1]} is not ${sourceLocation.origin}, where the pages are.`,
      );
    }
  }
  if (base === DEV_BASE) {
    const text = `${name} points at ${DEV_BASE} (the dev server).`;
    if (deploy) {
      errors.push(
        `${text} Build for your host first: ADDIN_URL=https://your-host/path/ npm run package.`,
      );
    } else if (!source) {
      notes.push(`${text} For a deployment: ADDIN_URL=https://your-host/path/ npm run package.`);
    }
  } else if (/localhost/i.test(xml)) {
    errors.push(`${name} is built for ${base} but still names localhost.`);
  }

  if (!source) {
    const version = /<Version>([^<]*)<\/Version>/.exec(xml)?.[1];
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const want = manifestVersion(pkg.version);
    if (version !== want) {
      errors.push(`${name} has Version ${version}, but package.json's version makes it ${want}.`);
    }
  }

  // The manifest's ExcelApi requirement must match what the code declares it needs.
  const req = /<Set Name="ExcelApi" MinVersion="([\d.]+)"\/>/.exec(xml);
  const reqFile = join(ROOT, 'src', 'excel', 'host.ts');
  if (req && existsSync(reqFile)) {
    const m = /REQUIRED_EXCEL_API\s*=\s*'([\d.]+)'/.exec(readFileSync(reqFile, 'utf8'));
    if (!m) {
      errors.push(
        'src/excel/host.ts no longer declares REQUIRED_EXCEL_API; keep it in step with manifest.xml.',
      );
    } else if (m[1] !== req[1]) {
      errors.push(`${name} requires ExcelApi ${req[1]} but src/excel/host.ts declares ${m[1]}.`);
    }
  }
  return { errors, notes, base };
}
