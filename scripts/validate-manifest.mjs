// Offline manifest validation (scripts/manifest-check.mjs says what is checked).
//   node scripts/validate-manifest.mjs                       the development manifest.xml
//   node scripts/validate-manifest.mjs dist/manifest.xml     a built one (npm run build runs it)
//   node scripts/validate-manifest.mjs --deploy FILE         and refuse one that points at localhost
// Exit code 0 when valid, 1 when not.
import { checkManifest, SOURCE_MANIFEST } from './manifest-check.mjs';

const args = process.argv.slice(2);
const deploy = args.includes('--deploy');
const files = args.filter((a) => a !== '--deploy');
if (files.length > 1 || files.some((f) => f.startsWith('-'))) {
  console.error('usage: node scripts/validate-manifest.mjs [--deploy] [manifest.xml]');
  process.exit(2);
}
const path = files[0] ?? SOURCE_MANIFEST;

try {
  const { errors, notes } = await checkManifest(path, { deploy });
  for (const note of notes) console.log(`validate: ${note}`);
  for (const error of errors) console.error(`validate: ${error}`);
  process.exit(errors.length > 0 ? 1 : 0);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
