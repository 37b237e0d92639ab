/**
 * The command line from src/, for the hostile-input suite's child processes (run with
 * `node --import tsx`): the same main() as bin/iot-role-map.js, plus what the process used,
 * written as JSON to the file HOSTILE_USAGE names (peak resident memory and CPU time, as the
 * kernel counts them), so the suite measures memory instead of timing anything.
 */

import { writeFileSync } from 'node:fs';
import { main } from '../../src/cli/main';

void main(process.argv.slice(2)).then((code) => {
  const usage = process.resourceUsage();
  const file = process.env.HOSTILE_USAGE;
  if (file) {
    writeFileSync(
      file,
      JSON.stringify({
        maxRssMiB: usage.maxRSS / 1024,
        cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
      }),
    );
  }
  process.exitCode = code;
});
