/**
 * Where the command line reads and writes (src/cli/files.ts): `--in-place` is a true replace
 * (mode, symbolic links, hard links, no stray temporary file), and folders or archives too big
 * to write are one sentence that says what is wrong (SPEC §6).
 */

import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { problem } from '../../src/core/messages';
import { removeStaleTemps, writeAtomically } from '../../src/cli/files';
import { runCli } from '../cli/helpers';
import { inventory, textsOf } from './hostile-files';

// Bombs of gigabytes are made (not inflated) in seconds; a loaded machine gets time, not a flake.
jest.setTimeout(120_000);

const NOW = new Date('2026-03-02T09:30:00Z');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'iot-replace-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** True when the workbook at `path` holds the refresh's summary sheet. */
const refreshed = (path: string) =>
  [...textsOf(new Uint8Array(readFileSync(path))).values()].some((t) =>
    t.includes('IoT Role Summary'),
  );

/** Every file in the folder whose name marks it as our temporary file. */
const temps = () => readdirSync(dir).filter((n) => n.endsWith('.iotrm-tmp'));

describe('--in-place is a true replace', () => {
  it('keeps the mode of a chmod 600 workbook (the issue: it became 644)', async () => {
    const book = join(dir, 'book.xlsx');
    writeFileSync(book, inventory());
    chmodSync(book, 0o600);
    const r = await runCli(['refresh', book, '--in-place'], NOW);
    expect(r.code).toBe(0);
    expect(statSync(book).mode & 0o777).toBe(0o600);
    expect(refreshed(book)).toBe(true);
    expect(temps()).toEqual([]);
  });

  it('through a symbolic link refreshes the target and keeps the link', async () => {
    mkdirSync(join(dir, 'real'));
    const target = join(dir, 'real', 'book.xlsx');
    writeFileSync(target, inventory());
    const link = join(dir, 'link.xlsx');
    symlinkSync(target, link);
    const r = await runCli(['refresh', link, '--in-place'], NOW);
    expect(r.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(refreshed(target)).toBe(true);
    expect(readdirSync(join(dir, 'real'))).toEqual(['book.xlsx']);
  });

  it('a hard-linked workbook is refused and left as it was', async () => {
    const book = join(dir, 'book.xlsx');
    const bytes = inventory();
    writeFileSync(book, bytes);
    linkSync(book, join(dir, 'other.xlsx'));
    const r = await runCli(['refresh', book, '--in-place'], NOW);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`${problem('hard-linked', { path: book, links: 2 }).message}\n`);
    expect(new Uint8Array(readFileSync(book))).toEqual(bytes);
    expect(statSync(book).nlink).toBe(2);
  });

  it('a temporary file left by a killed run is removed by the next write; a live one is not', () => {
    const book = join(dir, 'book.xlsx');
    // A pid that is gone: a child that has exited.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    writeFileSync(join(dir, `.book.xlsx.${gone}.abc.iotrm-tmp`), 'half a workbook');
    writeFileSync(join(dir, `.book.xlsx.${process.ppid}.def.iotrm-tmp`), 'a run in progress');
    writeAtomically(book, inventory());
    expect(temps()).toEqual([`.book.xlsx.${process.ppid}.def.iotrm-tmp`]);
    removeStaleTemps(dir, 'book.xlsx');
    expect(temps()).toHaveLength(1);
  });

  it('a run killed while writing leaves the original intact', () => {
    const book = join(dir, 'book.xlsx');
    const bytes = inventory();
    writeFileSync(book, bytes);
    // The child writes its temporary file and is killed before the rename.
    const script = `
      const fs = require('node:fs');
      fs.renameSync = () => process.kill(process.pid, 'SIGKILL');
      require(${JSON.stringify(join(__dirname, '..', '..', 'src', 'cli', 'files.ts'))})
        .writeAtomically(${JSON.stringify(book)}, new Uint8Array(1000));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
    expect(r.signal).toBe('SIGKILL');
    expect(new Uint8Array(readFileSync(book))).toEqual(bytes);
    expect(temps()).toHaveLength(1);
    writeAtomically(book, bytes);
    expect(temps()).toEqual([]);
  });
});

describe('folders and archives too big say what is wrong', () => {
  it.each([
    [
      'the input',
      (d: string) => ['refresh', d],
      3,
      problem('input-is-folder', { path: '', what: 'workbook' }),
    ],
    [
      '--words',
      (d: string) => ['refresh', 'book.xlsx', '--words', d],
      3,
      problem('input-is-folder', { path: '', what: 'words file' }),
    ],
  ])('a folder as %s', async (_what, argv, code, expected) => {
    const book = join(dir, 'book.xlsx');
    writeFileSync(book, inventory());
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    const args = argv(folder).map((a) => (a === 'book.xlsx' ? book : a));
    const r = await runCli(args, NOW);
    expect(r.code).toBe(code);
    expect(r.stderr).toBe(`${expected.message.replace('""', `"${folder}"`)}\n`);
  });

  it('a folder as --out', async () => {
    const book = join(dir, 'book.xlsx');
    writeFileSync(book, inventory());
    // A folder named like a workbook, so only its being a folder is wrong.
    const folder = join(dir, 'out.xlsx');
    mkdirSync(folder);
    const r = await runCli(['refresh', book, '--out', folder, '--force'], NOW);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `${problem('output-unwritable', { path: folder, reason: 'it is a folder, not a file' }).message}\n`,
    );
  });

  it('an archive of 70,010 entries (ZIP64) whose refreshed copy could not be listed without ZIP64', async () => {
    const book = join(dir, 'many.xlsx');
    writeFileSync(join(dir, 'small.xlsx'), inventory());
    const py = spawnSync(
      '/usr/bin/python3',
      [
        '-c',
        `import zipfile, sys
src = zipfile.ZipFile(sys.argv[1])
with zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_STORED, allowZip64=True) as out:
    for i in src.infolist(): out.writestr(i, src.read(i))
    for n in range(70010 - len(src.infolist())): out.writestr('customXml/item%d.bin' % n, b'')`,
        join(dir, 'small.xlsx'),
        book,
      ],
      { encoding: 'utf8' },
    );
    expect(py.status).toBe(0);
    const r = await runCli(['refresh', book], NOW);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(
      /^"[^"]+many\.xlsx" could not be refreshed: its refreshed copy would hold 70,0\d\d parts, more than the 65,534 a ZIP archive can list without ZIP64 records, which Excel does not write; /,
    );
  }, 180_000);
});
