/* eslint-env node */
// Webpack 5 build of the add-in's web surfaces: the task pane (React + Fluent UI v9) and the
// ribbon's function-command page. `npm run build` → dist/ with taskpane.html, commands.html,
// manifest.xml and assets/, offline (nothing here touches the network).
//
// Options (environment variables or --env):
//   ADDIN_URL=https://host/path/  (or --env addinUrl=…) the HTTPS folder that will serve dist/:
//                          dist/manifest.xml then names only URLs under it (scripts/deploy.js).
//                          Without it a production build warns that the manifest still points
//                          at https://localhost:3000/.
//   OFFICE_JS=local        copy node_modules/@microsoft/office-js/dist to dist/office-js/ and
//                          load office.js from there instead of Microsoft's CDN (intranet and
//                          offline installs; published add-ins must use the CDN).
//   --env e2e              also build the end-to-end harness page (test/e2e/harness.tsx), which
//                          runs the pane against the strict in-memory Excel fake, and an
//                          office.js stand-in over the same fake (test/e2e/office-stub.ts).
//   --env outDir=PATH      write the build somewhere other than dist/ (tests build into a temp dir).
//   DEV_SERVER_HOST=0.0.0.0  let `npm run dev-server` listen beyond this machine (another
//                          machine's Excel on the web); by default it listens on localhost only.
const fs = require('fs');
const os = require('os');
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const {
  DEV_BASE,
  contentSecurityPolicy,
  manifestVersion,
  parseAddinUrl,
  productionManifest,
} = require('./scripts/deploy');
const { version: packageVersion } = require('./package.json');

const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_JS_LOCAL_DIR = 'office-js';
const DEV_PORT = 3000;

/**
 * HTTPS options for the dev server when office-addin-dev-certs' certificates exist and are
 * trusted; otherwise null. Never installs anything: installing the CA needs sudo, which a
 * build or test must not ask for (run `npx office-addin-dev-certs install` yourself once).
 */
async function devHttpsOptions() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const files = ['ca.crt', 'localhost.crt', 'localhost.key'].map((f) => path.join(dir, f));
  if (!files.every((f) => fs.existsSync(f))) return null;
  try {
    const devCerts = require('office-addin-dev-certs');
    // verifyCertificates() only checks; getHttpsServerOptions() would regenerate and sudo-install
    // when the check fails, so it is called only after the check passed.
    if (!devCerts.verifyCertificates()) return null;
    return await devCerts.getHttpsServerOptions();
  } catch (err) {
    console.warn(`[dev-server] Could not use the dev certificates: ${err.message}`);
    return null;
  }
}

/** Says, in the build's warnings, that a production build without ADDIN_URL is not deployable. */
class LocalhostManifestWarning {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('LocalhostManifestWarning', (compilation) => {
      compilation.warnings.push(
        new compiler.webpack.WebpackError(
          `manifest.xml still points at ${DEV_BASE} (the dev server): it is fine for sideloading, ` +
            'not for your organisation. Package it with ADDIN_URL=https://your-host/path/ npm run package ' +
            '(the HTTPS folder that will serve dist/).',
        ),
      );
    });
  }
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  const dev = mode === 'development';
  const e2e = Boolean(env.e2e);
  const localOfficeJs = process.env.OFFICE_JS === 'local' || env.officeJs === 'local';
  const officeJsUrl = localOfficeJs ? `${OFFICE_JS_LOCAL_DIR}/office.js` : OFFICE_JS_CDN;
  const outDir = path.resolve(__dirname, env.outDir || 'dist');
  const serving = process.env.WEBPACK_SERVE === 'true';
  const rawAddinUrl = env.addinUrl || process.env.ADDIN_URL;
  // Parsed before anything is built, so a bad ADDIN_URL fails at once with what to fix.
  const addinBase = rawAddinUrl ? parseAddinUrl(rawAddinUrl) : null;
  // What ships (production) carries the CSP; development builds (dev server with its live-reload
  // socket, the e2e harness) do not.
  const csp = dev ? '' : contentSecurityPolicy(officeJsUrl);

  const entry = {
    taskpane: './src/taskpane/index.tsx',
    commands: './src/commands/commands.ts',
  };
  const pages = [
    new HtmlWebpackPlugin({
      filename: 'taskpane.html',
      template: './src/taskpane/taskpane.html',
      chunks: ['taskpane'],
      templateParameters: { officeJsUrl, csp },
    }),
    new HtmlWebpackPlugin({
      filename: 'commands.html',
      template: './src/commands/commands.html',
      chunks: ['commands'],
      templateParameters: { officeJsUrl, csp },
    }),
  ];
  if (e2e) {
    entry.harness = './test/e2e/harness.tsx';
    // Served in place of office.js when the tests open the real taskpane.html.
    entry.officeStub = './test/e2e/office-stub.ts';
    pages.push(
      new HtmlWebpackPlugin({
        filename: 'harness.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['harness'],
        // The harness injects the fake Excel host itself: no office.js at all. No CSP either:
        // the browser tests inject axe-core into it as an inline script.
        templateParameters: { officeJsUrl: '', csp: '' },
      }),
    );
  }

  const copies = [
    {
      from: 'manifest.xml',
      to: 'manifest.xml',
      // Microsoft's add-in template rebases the manifest at build time the same way; a hand
      // edit is where deployments go wrong.
      transform: addinBase
        ? (content) =>
            productionManifest(content.toString('utf8'), {
              base: addinBase,
              version: manifestVersion(packageVersion),
            })
        : undefined,
    },
    // README images are for the repository page, not for the add-in's web server.
    { from: 'assets', to: 'assets', globOptions: { ignore: ['**/readme/**'] } },
  ];
  if (localOfficeJs) {
    copies.push({
      from: 'node_modules/@microsoft/office-js/dist',
      to: OFFICE_JS_LOCAL_DIR,
      // Microsoft's files as shipped: Terser must not re-minify 700 scripts (slow, and not ours).
      info: { minimized: true },
    });
  }

  let server = undefined;
  if (serving) {
    const https = await devHttpsOptions();
    if (https) {
      server = { type: 'https', options: https };
    } else {
      console.warn(
        `\n[dev-server] No trusted localhost certificate found in ~/.office-addin-dev-certs, so the\n` +
          `pane is served over plain HTTP at http://localhost:${DEV_PORT}/taskpane.html.\n` +
          `Excel requires HTTPS to sideload: run "npx office-addin-dev-certs install" once (it asks\n` +
          `for an administrator password to trust the certificate), then "npm run dev-server" again.\n`,
      );
      server = { type: 'http' };
    }
  }

  const plugins = [...pages, new CopyWebpackPlugin({ patterns: copies })];
  if (!dev && !addinBase) plugins.push(new LocalhostManifestWarning());

  return {
    mode,
    devtool: dev ? 'source-map' : false,
    entry,
    output: {
      path: outDir,
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              // Type checking is `npm run typecheck`'s job; here we only transpile, as ES
              // modules so webpack can tree-shake Fluent UI and the icons (tsconfig.json
              // targets commonjs for jest and node).
              transpileOnly: true,
              configFile: path.resolve(__dirname, 'tsconfig.json'),
              compilerOptions: { module: 'esnext', noEmit: false, sourceMap: dev },
            },
          },
        },
      ],
    },
    plugins,
    performance: {
      hints: dev ? false : 'warning',
      // Uncompressed; the gzip goal (170 KB) is checked by bench/pane.ts.
      maxEntrypointSize: 1200 * 1024,
      maxAssetSize: 1200 * 1024,
      // Only our own scripts count; a local office.js copy is Microsoft's, as shipped.
      assetFilter: (name) => name.endsWith('.js') && !name.startsWith(`${OFFICE_JS_LOCAL_DIR}/`),
    },
    devServer: {
      // Only this machine's Excel (and browser) reach it unless asked: the dev server serves
      // the source maps and accepts any origin.
      host: process.env.DEV_SERVER_HOST || 'localhost',
      port: DEV_PORT,
      server,
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      hot: false,
      client: { overlay: { warnings: false } },
    },
  };
};
