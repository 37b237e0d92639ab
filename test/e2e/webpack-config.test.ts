/**
 * The build's options, checked on the webpack configuration itself (a full production build
 * takes a minute; the browser tests and bench/pane.ts run real builds).
 */

import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Configuration, WebpackPluginInstance } from 'webpack';
import { ROOT } from './infra';

type ConfigFactory = (
  env: Record<string, string | boolean>,
  argv: { mode: string },
) => Promise<Configuration>;

const factory = createRequire(__filename)(join(ROOT, 'webpack.config.js')) as ConfigFactory;

interface HtmlPlugin {
  userOptions: { filename: string; chunks: string[]; templateParameters: { officeJsUrl: string } };
}

function pages(config: Configuration): HtmlPlugin['userOptions'][] {
  return (config.plugins ?? [])
    .filter((p): p is WebpackPluginInstance => typeof p === 'object' && p !== null)
    .filter((p) => p.constructor.name === 'HtmlWebpackPlugin')
    .map((p) => (p as unknown as HtmlPlugin).userOptions);
}

function copyPatterns(config: Configuration): { from: string; to: string }[] {
  const copy = (config.plugins ?? []).find(
    (p) => typeof p === 'object' && p !== null && p.constructor.name === 'CopyPlugin',
  ) as unknown as { patterns: { from: string; to: string }[] } | undefined;
  return copy?.patterns ?? [];
}

describe('webpack.config.js', () => {
  const saved = process.env.OFFICE_JS;
  afterEach(() => {
    if (saved === undefined) delete process.env.OFFICE_JS;
    else process.env.OFFICE_JS = saved;
  });

  it('builds taskpane.html and commands.html with office.js from Microsoft’s CDN, plus manifest and assets', async () => {
    delete process.env.OFFICE_JS;
    const config = await factory({}, { mode: 'production' });
    expect(config.mode).toBe('production');
    expect(Object.keys(config.entry as object).sort()).toEqual(['commands', 'taskpane']);
    expect(
      pages(config).map((p) => [p.filename, p.chunks, p.templateParameters.officeJsUrl]),
    ).toEqual([
      ['taskpane.html', ['taskpane'], 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js'],
      ['commands.html', ['commands'], 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js'],
    ]);
    expect(copyPatterns(config).map((p) => p.from)).toEqual(['manifest.xml', 'assets']);
    expect(config.output?.path).toBe(join(ROOT, 'dist'));
  });

  it('OFFICE_JS=local serves office.js from dist/office-js (offline and intranet installs)', async () => {
    process.env.OFFICE_JS = 'local';
    const config = await factory({}, { mode: 'production' });
    for (const page of pages(config)) {
      expect(page.templateParameters.officeJsUrl).toBe('office-js/office.js');
    }
    expect(copyPatterns(config)).toContainEqual({
      from: 'node_modules/@microsoft/office-js/dist',
      to: 'office-js',
      info: { minimized: true },
    });
  });

  it('--env e2e adds the fake-host harness page, without office.js', async () => {
    const config = await factory({ e2e: true, outDir: '/tmp/x' }, { mode: 'development' });
    const harness = pages(config).find((p) => p.filename === 'harness.html');
    expect(harness?.templateParameters.officeJsUrl).toBe('');
    expect(config.entry).toMatchObject({ officeStub: './test/e2e/office-stub.ts' });
    expect(config.output?.path).toBe('/tmp/x');
  });

  it('transpiles TypeScript to ES modules so Fluent UI tree-shakes', async () => {
    const config = await factory({}, { mode: 'production' });
    const rule = config.module?.rules?.[0] as { use: { options: Record<string, unknown> } };
    expect(rule.use.options).toMatchObject({
      transpileOnly: true,
      compilerOptions: { module: 'esnext' },
    });
  });
});
