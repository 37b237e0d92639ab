/**
 * What the add-in saved in a workbook, read from the package (SPEC §5: the command line
 * honours the inventory sheet, the mapping and the workbook's own words the pane saved).
 *
 * Where Office keeps an add-in's settings: [MS-OWEXML] (Office Web Extensibility Extensions to
 * Office Open XML) — a web-extension part `xl/webextensions/webextensionN.xml`, root
 * `we:webextension` (namespace http://schemas.microsoft.com/office/webextensions/webextension/2010/11),
 * whose `we:reference` (and `we:alternateReferences/we:reference`) `id` names the add-in —
 * the manifest's <Id> for a sideloaded, network-share or centrally deployed add-in — and whose
 * `we:properties` holds the settings as `we:property name="…" value="…"` pairs, the value
 * serialised as JSON. Shape checked against Microsoft's "Automatically open a task pane with
 * a document" sample part (learn.microsoft.com, office add-ins docs, and the
 * OfficeDev/Office-OOXML-EmbedAddin sample), which is the one Excel writes; the Excel-saved
 * workbooks in shared/excel-samples carry no web extension.
 *
 * Reading never changes the part: the package keeps its original bytes (only parts a
 * refresh writes are re-encoded), so the part comes back byte for byte. A damaged part is
 * ignored with one sentence: a refresh never fails because of saved settings.
 */

import { problem } from '../core/messages';
import type { RoleMapSettings } from '../core/service';
import { parseSettings, SETTINGS_KEY } from '../core/settings';
import { DamagedPartError, InflateLimitError, toFileProblem } from './damage';
import { Package } from './package';
import { children, getAttr, rootElement } from './xml';

/** The add-in's Id, as in manifest.xml's <Id> (a test checks that they agree). */
export const ADDIN_ID = '49221433-3581-4a7a-bee5-4fab8a2002b3';

const WEB_EXTENSION_PART = /^xl\/webextensions\/webextension\d*\.xml$/i;

/** What a workbook holds for this add-in. */
export interface SavedSettingsRead {
  /** The parsed settings, or null when the workbook has none (or they were unreadable). */
  settings: RoleMapSettings | null;
  /** The part they came from, or null. */
  part: string | null;
  /** One sentence when a settings part was damaged and ignored; null otherwise. */
  warning: string | null;
}

function sameId(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const norm = (s: string) =>
    s
      .trim()
      .replace(/^\{|\}$/g, '')
      .toLowerCase();
  return norm(a) === norm(b);
}

/** The `we:property` value saved under `name` in a part for `addinId`, or undefined. */
function propertyOf(xml: string, addinId: string, name: string): string | undefined {
  const root = rootElement(xml);
  if (root.local !== 'webextension') return undefined;
  const kids = children(xml, root);
  const refs = kids.filter((k) => k.local === 'reference');
  for (const alt of kids.filter((k) => k.local === 'alternateReferences')) {
    refs.push(...children(xml, alt).filter((k) => k.local === 'reference'));
  }
  if (!refs.some((r) => sameId(getAttr(xml.slice(r.start, r.openEnd), 'id'), addinId))) {
    return undefined;
  }
  for (const props of kids.filter((k) => k.local === 'properties')) {
    for (const p of children(xml, props)) {
      if (p.local !== 'property') continue;
      const tag = xml.slice(p.start, p.openEnd);
      if (getAttr(tag, 'name') === name) return getAttr(tag, 'value') ?? '';
    }
  }
  return undefined;
}

/**
 * Reads this add-in's saved settings from a package. A damaged part (not well-formed, or a
 * value that is not the add-in's JSON) gives a warning and no settings; a bomb throws the
 * catalogue's 'part-inflates-too-far'.
 */
export function readSavedSettings(
  pkg: Package,
  path: string,
  addinId = ADDIN_ID,
): SavedSettingsRead {
  const parts = pkg
    .partNames()
    .filter((p) => WEB_EXTENSION_PART.test(p))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  for (const part of parts) {
    const warn = (reason: string): SavedSettingsRead => ({
      settings: null,
      part,
      warning: problem('settings-unreadable', { path, part, reason }).message,
    });
    let value: string | undefined;
    try {
      value = propertyOf(pkg.requireText(part), addinId, SETTINGS_KEY);
    } catch (err) {
      // A bomb is not settings to drop but a file to refuse (SPEC §6).
      if (err instanceof InflateLimitError) throw toFileProblem(err, path);
      // The package reports damage with its reason (the part is named by the sentence).
      return warn(
        err instanceof DamagedPartError
          ? err.reason
          : err instanceof Error
            ? err.message
            : String(err),
      );
    }
    if (value === undefined) continue;
    let data: unknown;
    try {
      // Office serialises a setting's value as JSON; the add-in saves a JSON string in it, so
      // a string is unwrapped once more. Each text is parsed once.
      data = JSON.parse(value) as unknown;
      if (typeof data === 'string') data = JSON.parse(data) as unknown;
    } catch {
      return warn(
        typeof data === 'string'
          ? 'its value is not settings this version of IoT Role Map can read'
          : 'its value is not JSON',
      );
    }
    if (
      typeof data !== 'object' ||
      data === null ||
      (data as { version?: unknown }).version !== 1
    ) {
      return warn('its value is not settings this version of IoT Role Map can read');
    }
    return { settings: parseSettings(data), part, warning: null };
  }
  return { settings: null, part: null, warning: null };
}

/**
 * The saved settings of a file's bytes, for the command line before it refreshes. Bytes that
 * are not a package give none here; the refresh itself then says what is wrong with the file.
 */
export function savedSettingsOf(bytes: Uint8Array, path: string): SavedSettingsRead {
  let pkg: Package;
  try {
    pkg = new Package(bytes);
  } catch {
    return { settings: null, part: null, warning: null };
  }
  return readSavedSettings(pkg, path);
}
