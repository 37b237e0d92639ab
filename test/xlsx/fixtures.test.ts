/**
 * Golden workbooks, discovered from test/fixtures: every `name.xlsx` (or `.xlsm`, `.xls`)
 * beside a `name.expected.json`. A workbook refreshes to exactly the reviewed `--json` report;
 * an `error-*` workbook fails with the message code its JSON names. Adding a case is adding
 * two files, never editing a list.
 */

import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { RoleMapError } from '../../src/core/messages';
import { toJsonReport } from '../../src/core/refresh';
import { refreshFile } from '../../src/xlsx/index';
import { FIXTURES } from './helpers';

const NOW = new Date('2026-03-02T09:30:00Z');

const cases = readdirSync(FIXTURES)
  .filter((f) => /\.(xlsx|xlsm|xls)$/i.test(f))
  .map((f) => ({ file: f, json: join(FIXTURES, `${basename(f, extname(f))}.expected.json`) }))
  .filter((c) => existsSync(c.json));

it('finds the golden workbooks and the error cases', () => {
  expect(cases.filter((c) => c.file.startsWith('error-')).length).toBeGreaterThanOrEqual(5);
  expect(cases.filter((c) => !c.file.startsWith('error-')).length).toBeGreaterThanOrEqual(1);
});

describe.each(cases)('$file', ({ file, json }) => {
  const expected = JSON.parse(readFileSync(json, 'utf8')) as { code?: string };
  const bytes = new Uint8Array(readFileSync(join(FIXTURES, file)));

  if (file.startsWith('error-')) {
    it(`fails with "${expected.code}" and one sentence`, async () => {
      const err = await refreshFile(bytes, file, { history: true }, NOW).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(RoleMapError);
      expect((err as RoleMapError).code).toBe(expected.code);
      expect((err as RoleMapError).message).not.toContain('\n');
    });
  } else {
    it('refreshes to the reviewed report', async () => {
      const out = await refreshFile(bytes, file, { history: true }, NOW);
      expect(toJsonReport(out.outcome)).toEqual(expected);
    });
  }
});
