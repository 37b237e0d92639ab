/**
 * A workbook carrying the add-in's saved settings in its web-extension part, laid out as
 * Office writes one ([MS-OWEXML]; Microsoft's "Automatically open a task pane with a
 * document" sample): xl/webextensions/webextension1.xml with we:reference naming the add-in
 * by its manifest Id and the settings as a we:property whose value is the setting serialised
 * as JSON, the task-pane part that refers to it, their relationships and content types.
 */

import { strToU8, unzipSync, zipSync } from 'fflate';
import { SETTINGS_KEY } from '../../src/core/settings';
import { ADDIN_ID } from '../../src/xlsx/settings';
import { escapeAttr } from '../../src/xlsx/xml';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The part as Office writes it; `value` is the we:property value before XML escaping. */
export function webExtensionXml(value: string, addinId = ADDIN_ID): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{8C5B2E41-6B0D-4F6A-9D3E-2F7A1C0B9E55}"><we:reference id="${addinId}" version="1.0.0.0" store="developer" storeType="Registry"/><we:alternateReferences/><we:properties><we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/><we:property name="${SETTINGS_KEY}" value="${escapeAttr(value)}"/></we:properties><we:bindings/><we:snapshot xmlns:r="${REL}"/></we:webextension>`;
}

/** The value Office stores for the add-in's `settings.add(key, JSON.stringify(settings))`. */
export function settingValue(settings: unknown): string {
  return JSON.stringify(JSON.stringify(settings));
}

/** Adds the web-extension parts (with `partXml` as webextension1.xml) to a package. */
export function withWebExtension(bytes: Uint8Array, partXml: string): Uint8Array {
  const files = unzipSync(bytes);
  const text = (p: string) => new TextDecoder().decode(files[p]);
  files['xl/webextensions/webextension1.xml'] = strToU8(partXml);
  files['xl/webextensions/taskpanes.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11"><wetp:taskpane dockstate="right" visibility="1" width="350" row="1"><wetp:webextensionref xmlns:r="${REL}" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>`,
  );
  files['xl/webextensions/_rels/taskpanes.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.microsoft.com/office/2011/relationships/webextension" Target="webextension1.xml"/></Relationships>`,
  );
  files['_rels/.rels'] = strToU8(
    text('_rels/.rels').replace(
      '</Relationships>',
      `<Relationship Id="rIdWeTp" Type="http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes" Target="xl/webextensions/taskpanes.xml"/></Relationships>`,
    ),
  );
  files['[Content_Types].xml'] = strToU8(
    text('[Content_Types].xml').replace(
      '</Types>',
      `<Override PartName="/xl/webextensions/taskpanes.xml" ContentType="application/vnd.ms-office.webextensiontaskpanes+xml"/><Override PartName="/xl/webextensions/webextension1.xml" ContentType="application/vnd.ms-office.webextension+xml"/></Types>`,
    ),
  );
  return zipSync(files);
}
