import { problem, userMessage } from '../../src/core/messages';

describe('advice fits the surface', () => {
  const defect = new Error('boom\nat somewhere');

  it('in Excel: cells unchanged, refresh again to repair', () => {
    const text = userMessage(defect);
    expect(text).toContain('(boom)');
    expect(text).toContain('refresh again to repair the role columns');
    expect(text).not.toContain('\n');
  });

  it('for a file: the input was not changed, nothing to repair', () => {
    const text = userMessage(defect, 'file');
    expect(text).toContain('(boom)');
    expect(text).toContain('the input file was not changed');
    expect(text).not.toContain('repair');
  });

  it('a user-caused problem reads the same on both surfaces', () => {
    const err = problem('no-name-column', { sheet: 'Inventory' });
    expect(userMessage(err, 'file')).toBe(userMessage(err, 'excel'));
  });
});
