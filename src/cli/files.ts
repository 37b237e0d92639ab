/**
 * How the command line reads its input files and writes its output: every failure is one
 * sentence from the catalogue, and a write is a true replace (SPEC §6).
 *
 * A write goes to a temporary file in the destination's own folder (so the rename is atomic
 * on one file system), is flushed to disk, and is renamed over the destination: a crash
 * leaves the old file or the new one, never half of one. Replacing an existing file keeps
 * what the user set on it: its mode, and its owner and group where the process may set them;
 * through a symbolic link the link's target is replaced and the link stays; a file with
 * other hard links is refused, because a rename would leave those links on the old workbook
 * and writing into the file itself is not atomic (a crash would lose the original).
 *
 * Node cannot create an unnamed temporary file (Linux's O_TMPFILE) nor clean up after
 * SIGKILL, so a killed run can leave its temporary file behind. Its name says whose it is
 * (`.<name>.<pid>.<random>.iotrm-tmp`), and the next write to the same folder removes the
 * ones whose process is gone.
 */

import {
  chmodSync,
  chownSync,
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { problem } from '../core/messages';

/** The ending of our temporary files (see the header). */
const TMP_SUFFIX = '.iotrm-tmp';

/** The stats of `path`, or null when nothing is there. */
function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** A reason clause for a file-system error code. */
function reasonOf(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'the folder does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'the disk is read-only';
  return String(code ?? err);
}

/**
 * The bytes of an input file: a workbook, or (`what`) a words file. A missing path, a folder
 * or an unreadable file is one sentence.
 */
export function readInputFile(
  path: string,
  what: 'workbook' | 'words file' = 'workbook',
): Uint8Array {
  const stats = statOrNull(path);
  if (stats === null) throw problem('file-not-found', { path });
  if (stats.isDirectory()) throw problem('input-is-folder', { path, what });
  if (!stats.isFile()) throw problem('file-not-found', { path });
  try {
    return new Uint8Array(readFileSync(path));
  } catch (err) {
    throw problem('unreadable', { path, reason: reasonOf(err) });
  }
}

/** True when the process `pid` is running (or exists under another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes temporary files of `name` in `folder` left by runs that were killed. */
export function removeStaleTemps(folder: string, name: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  const prefix = `.${name}.`;
  for (const n of names) {
    if (!n.startsWith(prefix) || !n.endsWith(TMP_SUFFIX)) continue;
    const pid = Number(n.slice(prefix.length).split('.')[0]);
    if (!Number.isInteger(pid) || pid === process.pid || alive(pid)) continue;
    try {
      unlinkSync(join(folder, n));
    } catch {
      // Someone else's to remove (or already gone): not this write's failure.
    }
  }
}

/** Writes all of `bytes` to a new file at `path` with `mode`, flushed to disk. */
function writeNew(path: string, bytes: Uint8Array, mode: number): void {
  const fd = openSync(path, 'wx', mode);
  try {
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `bytes` to `path` as a true replace (see the header): the file at the end of a
 * symbolic link, with the old file's mode and (where permitted) owner, or a new file.
 */
export function writeAtomically(path: string, bytes: Uint8Array): void {
  const link = (() => {
    try {
      return lstatSync(path).isSymbolicLink();
    } catch {
      return false;
    }
  })();
  let target = path;
  if (link) {
    try {
      target = realpathSync(path);
    } catch {
      // A dangling link: its target is created where the link points.
      target = path;
    }
  }
  const old = statOrNull(target);
  if (old?.isDirectory())
    throw problem('output-unwritable', { path, reason: reasonOf({ code: 'EISDIR' }) });
  if (old !== null && old.nlink > 1) throw problem('hard-linked', { path, links: old.nlink });
  const folder = dirname(target);
  const name = basename(target);
  removeStaleTemps(folder, name);
  const tmp = join(
    folder,
    `.${name}.${process.pid}.${Math.random().toString(36).slice(2)}${TMP_SUFFIX}`,
  );
  try {
    writeNew(tmp, bytes, old === null ? 0o666 : old.mode & 0o7777);
    if (old !== null) {
      // The mode given to open() is masked by the umask; the old file's is set as it was.
      chmodSync(tmp, old.mode & 0o7777);
      try {
        chownSync(tmp, old.uid, old.gid);
      } catch {
        // Only root (or the owner, for its own groups) may: the file is then the writer's.
      }
    }
    renameSync(tmp, target);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // Never created, or already renamed.
    }
    throw problem('output-unwritable', { path, reason: reasonOf(err) });
  }
}
