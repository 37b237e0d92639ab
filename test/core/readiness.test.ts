import { PANE_TEXT, problem } from '../../src/core/messages';
import type { SheetSnapshot } from '../../src/core/input';
import { previewInventory } from '../../src/core/preview';
import { allReady, readinessOf, readinessText } from '../../src/core/readiness';
import type { Readiness } from '../../src/core/readiness';

function sheet(name: string, values: SheetSnapshot['values'], isProtected = false): SheetSnapshot {
  const width = Math.max(...values.map((r) => r.length));
  return {
    name,
    origin: { row: 0, col: 0 },
    values: values.map((r) => [...r, ...Array<null>(width - r.length).fill(null)]),
    tables: [],
    hasFrozenPanes: false,
    hasAutoFilter: false,
    isProtected,
  };
}

const good = sheet('Good', [
  ['Initiative', 'Led By', 'Stage', 'I&O Pilot'],
  ['Fleet', 'IT', 'Pilot', 'Leading'],
]);
const noName = sheet('NoName', [
  ['Programme', 'Led By', 'Stage', 'I&O Pilot'],
  ['Fleet', 'IT', 'Pilot', 'Leading'],
]);
const locked = sheet('Locked', good.values, true);
const nothing = sheet('Nothing', [
  ['Initiative', 'Led By', 'Stage'],
  ['Fleet', 'IT', 'Pilot'],
]);

describe('readiness of a chosen sheet', () => {
  it.each<[string, SheetSnapshot, Readiness['kind'], string]>([
    ['recognised, unprotected: ready', good, 'ready', PANE_TEXT.ready('Good')],
    [
      'no name column: the mapping fixes it',
      noName,
      'needs-mapping',
      PANE_TEXT.needsMapping('NoName'),
    ],
    [
      'protected: blocked, with the sentence',
      locked,
      'blocked',
      problem('protected-sheet', { sheet: 'Locked' }).message,
    ],
    ['only a warning (nothing to classify): ready', nothing, 'ready', PANE_TEXT.ready('Nothing')],
  ])('%s', (_name, snapshot, kind, text) => {
    const r = readinessOf(previewInventory([snapshot], { sheet: snapshot.name }), null);
    expect(r.kind).toBe(kind);
    expect(readinessText(snapshot.name, r)).toBe(text);
  });

  it.each<[string, Readiness['kind']]>([
    ['mapping-header-not-found', 'needs-mapping'],
    ['sheet-not-found', 'blocked'],
  ])('a preview that failed with %s is %s', (code, kind) => {
    const err =
      code === 'sheet-not-found'
        ? problem('sheet-not-found', { sheet: 'Gone' })
        : problem('mapping-header-not-found', { field: 'Stage', header: 'Phase', sheet: 'Good' });
    const r = readinessOf(null, { code: err.code, message: err.message });
    expect(r).toEqual({ kind, code: err.code, message: err.message });
  });

  it.each<[string, Readiness[], boolean]>([
    ['none chosen', [], false],
    ['all ready', [{ kind: 'ready' }, { kind: 'ready' }], true],
    [
      'one needs mapping',
      [{ kind: 'ready' }, { kind: 'needs-mapping', code: 'no-name-column', message: 'x' }],
      false,
    ],
  ])('allReady: %s', (_name, states, want) => {
    expect(allReady(states)).toBe(want);
  });
});
