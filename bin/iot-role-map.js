#!/usr/bin/env node
'use strict';
// Thin launcher: the command line is compiled from src/cli to lib/ by `npm run build:cli`,
// which runs on `npm install`/`npm ci` (the "prepare" script).
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'lib', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write(
    'iot-role-map is not built yet; run "npm run build:cli" in the project folder first.\n',
  );
  process.exit(1);
}
// A reader that stops early (`iot-role-map refresh x.xlsx --json | head`) closes the pipe;
// that is not an error of ours: the work is done, so leave quietly instead of crashing.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
