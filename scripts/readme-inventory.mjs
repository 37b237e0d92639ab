// Makes assets/readme/inventory.png, the README's picture of an inventory after a refresh:
// a small inventory (the sample's own columns, 8 rows) refreshed by the command line, its
// inventory sheet set to print landscape on one page wide, rendered by LibreOffice headless to
// PDF and by pdftoppm to PNG (the system tools scripts/ensure-system-tools.mjs installs).
// Run after `npm run build:cli`:  node scripts/readme-inventory.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { createWorkbook } = require(join(ROOT, 'lib', 'xlsx', 'index.js'));

const HEADER = [
  'Initiative',
  'Led By',
  'Stage',
  'I&O Pilot',
  'I&O Implementation',
  'I&O Operations',
];
const ROWS = [
  ['Edge platform standard', 'IT', 'Production', 'Leading', 'Responsible', 'Responsible'],
  ['Plant floor condition monitoring', 'Plant', 'Production', 'None', 'Responsible', 'Responsible'],
  ['Fleet telematics', 'Logistics', 'Production', 'None', 'None', 'Responsible'],
  ['Smart building energy', 'Facilities', 'Pilot', 'None', 'None', 'None'],
  [
    'Cold chain sensors',
    'Supply Chain',
    'Implementation',
    'Consulted',
    'Responsible',
    'Supporting',
  ],
  ['Worker safety wearables', 'Operations', 'Planned', 'None', 'None', 'None'],
  ['In-store footfall analytics', 'Retail', 'Idea', '', '', ''],
  ['Predictive maintenance for elevators', 'Vendor', 'Production', 'None', 'None', 'Supporting'],
];

/** Rendering resolution and the band of the page that holds the table (pixels at DPI). */
const DPI = Number(process.env.DPI ?? 200);
const CROP = JSON.parse(process.env.CROP ?? '{"x":125,"y":140,"w":1945,"h":212}');

const dir = mkdtempSync(join(tmpdir(), 'iot-readme-'));
try {
  const input = join(dir, 'Inventory.xlsx');
  writeFileSync(
    input,
    createWorkbook([
      {
        name: 'Inventory',
        values: [HEADER, ...ROWS],
        widths: [34, 13, 15, 11, 19, 15].map((width, col) => ({ col, width })),
      },
    ]),
  );
  execFileSync(process.execPath, [join(ROOT, 'bin', 'iot-role-map.js'), 'refresh', input], {
    stdio: 'ignore',
  });
  // Print the inventory landscape, one page wide, so the picture holds every column.
  const out = join(dir, 'Inventory.roles.xlsx');
  const parts = unzipSync(new Uint8Array(readFileSync(out)));
  const sheet = 'xl/worksheets/sheet1.xml';
  let xml = strFromU8(parts[sheet]);
  xml = xml.replace(/<pageSetup[^>]*\/>/, '');
  xml = xml.includes('<sheetPr')
    ? xml.replace(/<sheetPr([^>]*)\/>/, '<sheetPr$1><pageSetUpPr fitToPage="1"/></sheetPr>')
    : xml.replace(/(<worksheet[^>]*>)/, '$1<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  xml = xml.replace(
    /(<pageMargins[^>]*\/>)/,
    '$1<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>',
  );
  parts[sheet] = strToU8(xml);
  // Print the input columns and the first output columns (up to Recommended Action): the
  // picture's point is the role columns beside the planner's own.
  const book = 'xl/workbook.xml';
  const area = `<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">Inventory!$A$1:$K$${ROWS.length + 1}</definedName></definedNames>`;
  parts[book] = strToU8(strFromU8(parts[book]).replace('</sheets>', `</sheets>${area}`));
  const wide = join(dir, 'wide.xlsx');
  writeFileSync(wide, zipSync(parts));
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      wide,
    ],
    { stdio: 'ignore', timeout: 180_000 },
  );
  // The table sits at the top of the page: keep that band.
  execFileSync('pdftoppm', [
    ...['-png', '-r', String(DPI), '-f', '1', '-l', '1', '-singlefile'],
    ...['-x', String(CROP.x), '-y', String(CROP.y), '-W', String(CROP.w), '-H', String(CROP.h)],
    join(dir, 'wide.pdf'),
    join(dir, 'page'),
  ]);
  renameSync(join(dir, 'page.png'), join(ROOT, 'assets', 'readme', 'inventory.png'));
  console.log('readme-inventory: wrote assets/readme/inventory.png');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
