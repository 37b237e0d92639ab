/** Runs the command line in-process, capturing what it prints (shared by the CLI tests). */

import { main, type Io } from '../../src/cli/main';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `iot-role-map <argv>` with a fixed clock; `tty` says whether stderr is a terminal. */
export async function runCli(argv: string[], now: Date, tty = false): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stderrIsTTY: tty,
    now: () => now,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
