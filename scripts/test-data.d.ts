// Types of scripts/test-data.js (plain CommonJS so that the .mjs scripts can require it).

/** The vendored corpus slice (vendor/xlsx-corpus). */
export const VENDOR: string;

/** The shared folder to prefer (../shared, or IOT_ROLE_MAP_SHARED), or null when ignored. */
export function sharedRoot(): string | null;

/**
 * The folder holding `name`: the shared folder's when present, else the vendored copy (the
 * corpus slice only), else `absent` with the shared path a skipping check names.
 */
export function dataFolder(
  name: 'office-manifest-schemas' | 'ooxml' | 'excel-samples' | 'xlsx-corpus',
): {
  dir: string;
  from: 'shared' | 'vendor' | 'absent';
};
