// Types of scripts/test-data.js (plain CommonJS so that the .mjs scripts can require it).

/** The vendored copies of the schemas, samples and corpus slice. */
export const VENDOR: string;

/** The shared folder to prefer (../shared, or IOT_ROLE_MAP_SHARED), or null when ignored. */
export function sharedRoot(): string | null;

/** The folder holding `name`: the shared folder's when present, else the vendored copy. */
export function dataFolder(
  name: 'office-manifest-schemas' | 'ooxml' | 'excel-samples' | 'xlsx-corpus',
): {
  dir: string;
  from: 'shared' | 'vendor';
};
