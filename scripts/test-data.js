/* eslint-env node */
// Where the project's checks find the data they run on: the schemas (the add-in manifest's
// and Office Open XML's), Excel-saved sample workbooks and the real-world corpus. A clone
// carries a copy of each in vendor/ (with its licence), so `npm test` runs every check on a
// fresh machine; when ../shared is there (it holds the whole 436-file corpus) it is used
// instead. IOT_ROLE_MAP_SHARED=<folder> points at another shared folder, and
// IOT_ROLE_MAP_SHARED= (empty) ignores ../shared, to see what a clone alone runs. Plain
// CommonJS, so the .mjs scripts and the jest tests both require it; types in test-data.d.ts.
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
 * the shared folder's when it has one, else the vendored copy. `from` says which.
 */
function dataFolder(name) {
  const shared = sharedRoot();
  if (shared !== null && existsSync(join(shared, name))) {
    return { dir: join(shared, name), from: 'shared' };
  }
  return { dir: join(VENDOR, name), from: 'vendor' };
}

module.exports = { VENDOR, sharedRoot, dataFolder };
