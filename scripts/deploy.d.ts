// Types of scripts/deploy.js (plain CommonJS so that webpack.config.js can require it).

/** Where manifest.xml (the development manifest) says the pages are: the dev server. */
export const DEV_BASE: string;
export const DEV_ORIGIN: string;
/** Microsoft's office.js CDN under its old and its new name (both allowed by script-src). */
export const OFFICE_CDN_ORIGINS: string[];
/** Where office.js opens its hidden telemetry frame (allowed by frame-src). */
export const OFFICE_TELEMETRY_ORIGIN: string;

/** The deployment base URL from ADDIN_URL, https and ending with "/"; throws when unusable. */
export function parseAddinUrl(raw: string | undefined): string;

/** "1.4.2" → "1.4.2.0"; throws for a version the manifest cannot hold. */
export function manifestVersion(packageVersion: string): string;

/** The development manifest rebased on `base`, with `version`; throws if localhost remains. */
export function productionManifest(xml: string, options: { base: string; version: string }): string;

/** The pages' Content-Security-Policy for where office.js comes from ('' = no office.js). */
export function contentSecurityPolicy(officeJsUrl: string): string;
