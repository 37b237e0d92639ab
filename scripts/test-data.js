/* eslint-env node */
// Where the project's checks find the data they run on: the schemas (the add-in manifest's
// and Office Open XML's), Excel-saved sample workbooks and the real-world corpus. The schemas,
// the OOXML validator and the Excel samples are used from ../shared only (their READMEs ask
// that they are not copied into a project); the checks that need them skip with a message
// where ../shared is absent. The clone carries a 43-file slice of the MIT-licensed corpus in
// vendor/ (with its notices), so the corpus and mutation checks run on a fresh machine; with
// ../shared they take all 436 files. IOT_ROLE_MAP_SHARED=<folder> points at another shared
// folder, and IOT_ROLE_MAP_SHARED= (empty) ignores ../shared, to see what a clone alone runs.
// Plain CommonJS, so the .mjs scripts and the jest tests both require it; types in
// test-data.d.ts.
'use strict';

const { existsSync } = require('node:fs');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
const VENDOR = join(ROOT, 'vendor');

/** The shared folder to prefer, or null when there is none to look at. */
function sharedRoot() {
  const given = process.env.IOT_ROLE_MAP_SHARED;
  if (given === undefined) return resolve(ROOT, '..', 'shared');
  return given.trim() === '' ? null : resolve(given);
}

/**
 * The folder holding `name` (office-manifest-schemas, ooxml, excel-samples, xlsx-corpus):
 * the shared folder's when it has one, else the vendored copy when the clone carries one
 * (the corpus slice), else `absent` (the shared path the checks name when they skip).
 */
function dataFolder(name) {
  const shared = sharedRoot();
  if (shared !== null && existsSync(join(shared, name))) {
    return { dir: join(shared, name), from: 'shared' };
  }
  if (existsSync(join(VENDOR, name))) return { dir: join(VENDOR, name), from: 'vendor' };
  // Ignored (IOT_ROLE_MAP_SHARED empty): a path that names why it is missing.
  const where = shared ?? join(ROOT, 'IOT_ROLE_MAP_SHARED-is-empty');
  return { dir: join(where, name), from: 'absent' };
}

module.exports = { VENDOR, sharedRoot, dataFolder };
