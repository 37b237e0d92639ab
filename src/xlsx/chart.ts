/**
 * The native charts the refresh owns: the summary's bar chart of the role distribution and the
 * history's line chart of the active-role share. DrawingML chart parts with cached categories
 * and values (so Excel and LibreOffice draw them without recalculating) and the spreadsheet
 * drawing that anchors each to cells.
 */

import { quoteSheet } from '../core/address';
import type { BarChartSpec, ChartSpec, LineChartSpec } from '../core/write-plan';
import { NUMBER_FORMATS } from '../core/styles';
import { absoluteRange } from './sheetxml';
import { encodeCellText, escapeAttr, escapeText } from './xml';

const C_NS = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A_NS = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XDR_NS = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';

/** XML of the drawing part holding one chart, anchored per the spec. */
export function drawingXml(spec: ChartSpec, chartRId: string): string {
  const { from, to } = spec.anchor;
  const marker = (tag: string, m: { row: number; col: number }): string =>
    `<xdr:${tag}><xdr:col>${m.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${m.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${XDR_NS}" xmlns:a="${A_NS}"><xdr:twoCellAnchor editAs="oneCell">` +
    marker('from', from) +
    marker('to', to) +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${escapeAttr(spec.kind === 'line' ? spec.name : spec.title)}"${spec.altText ? ` descr="${escapeAttr(spec.altText)}"` : ''}/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${C_NS}"><c:chart xmlns:c="${C_NS}" xmlns:r="${R_NS}" r:id="${chartRId}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`
  );
}

/**
 * Axis and data labels at 11 pt, the sheet's own size: printed at the summary's scale they stay
 * at 9 pt or more (a chart's default is 10 pt). CT_ChartSpace: txPr follows c:chart.
 */
const TEXT_11PT =
  '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1100"/></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>';

function solid(hex: string): string {
  return `<c:spPr><a:solidFill><a:srgbClr val="${hex.replace('#', '').toUpperCase()}"/></a:solidFill></c:spPr>`;
}

/** A chart title as rich text. */
function richText(t: string, size: number, bold: boolean): string {
  return `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:r><a:rPr lang="en-US" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${escapeText(t)}</a:t></a:r></a:p></c:rich></c:tx>`;
}

/** A numeric cache; null points are left out (a gap), as Excel writes them. */
function numCache(formatCode: string, values: readonly (number | null)[]): string {
  const pts = values
    .map((v, i) => (v === null ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`))
    .join('');
  return `<c:numCache><c:formatCode>${escapeText(formatCode)}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

/**
 * The article's line: Gartner's 40% of I&O teams with an active role expected by 2020, as a
 * second series over the history's "Gartner 2020" cells (a c:numRef, not literal values, which
 * LibreOffice drops), dashed and grey, over the same dates.
 */
function referenceSeries(
  spec: LineChartSpec,
  ref: (r: LineChartSpec['values']) => string,
  categoryCode: string,
  categories: readonly (number | null)[],
  references: readonly (number | null)[],
): string {
  if (spec.reference === undefined) return '';
  const { values, name } = spec.reference;
  return (
    `<c:ser><c:idx val="1"/><c:order val="1"/><c:tx><c:v>${escapeText(name)}</c:v></c:tx>` +
    `<c:spPr><a:ln w="19050"><a:solidFill><a:srgbClr val="7F7F7F"/></a:solidFill><a:prstDash val="dash"/></a:ln></c:spPr>` +
    `<c:marker><c:symbol val="none"/></c:marker>` +
    `<c:cat><c:numRef><c:f>${ref(spec.categories)}</c:f>${numCache(categoryCode, categories)}</c:numRef></c:cat>` +
    `<c:val><c:numRef><c:f>${ref(values)}</c:f>${numCache(NUMBER_FORMATS[spec.valueFormat], references)}</c:numRef></c:val>` +
    `<c:smooth val="0"/></c:ser>`
  );
}

/**
 * XML of the history's line chart: one point per day (its last refresh; blanks spanned) on a
 * date axis, the article's 40% line beside it, the value axis from 0% to 100%, values labelled.
 */
export function lineChartXml(
  spec: LineChartSpec,
  sheetName: string,
  categories: readonly (number | null)[],
  values: readonly (number | null)[],
  references: readonly (number | null)[],
): string {
  const sheet = quoteSheet(sheetName);
  const color = spec.color.replace('#', '').toUpperCase();
  const valueCode = NUMBER_FORMATS[spec.valueFormat];
  const categoryCode = NUMBER_FORMATS[spec.categoryFormat];
  const ref = (r: LineChartSpec['values']) => escapeText(`${sheet}!${absoluteRange(r)}`);
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}">` +
    `<c:roundedCorners val="0"/><c:chart>` +
    `<c:title>${richText(spec.title, 1400, true)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/><c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>` +
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>${escapeText(spec.seriesName)}</c:v></c:tx>` +
    `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:round/></a:ln></c:spPr>` +
    `<c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr></c:marker>` +
    `<c:dLbls><c:numFmt formatCode="${escapeAttr(valueCode)}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:dLblPos val="t"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>` +
    `<c:cat><c:numRef><c:f>${ref(spec.categories)}</c:f>${numCache(categoryCode, categories)}</c:numRef></c:cat>` +
    `<c:val><c:numRef><c:f>${ref(spec.values)}</c:f>${numCache(valueCode, values)}</c:numRef></c:val>` +
    `<c:smooth val="0"/></c:ser>` +
    referenceSeries(spec, ref, categoryCode, categories, references) +
    `<c:marker val="1"/><c:axId val="500000011"/><c:axId val="500000012"/></c:lineChart>` +
    // A date axis: refreshes a quarter apart stand a quarter apart (ECMA-376 21.2.2.39 dateAx).
    `<c:dateAx><c:axId val="500000011"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="d mmm yyyy" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000012"/><c:crosses val="autoZero"/><c:auto val="0"/><c:lblOffset val="100"/><c:baseTimeUnit val="days"/></c:dateAx>` +
    `<c:valAx><c:axId val="500000012"/><c:scaling><c:orientation val="minMax"/><c:max val="1"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="0%" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000011"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="${spec.blanks}"/></c:chart>` +
    TEXT_11PT +
    `<c:printSettings><c:headerFooter/><c:pageMargins b="0.75" l="0.7" r="0.7" t="0.75" header="0.3" footer="0.3"/><c:pageSetup/></c:printSettings>` +
    `</c:chartSpace>`
  );
}

/** XML of a clustered horizontal bar chart over the summary's distribution table. */
export function chartXml(
  spec: BarChartSpec,
  sheetName: string,
  categories: string[],
  values: number[],
): string {
  const sheet = quoteSheet(sheetName);
  const n = categories.length;
  const strPts = categories
    .map((c, i) => `<c:pt idx="${i}"><c:v>${encodeCellText(c)}</c:v></c:pt>`)
    .join('');
  const numPts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`).join('');
  const dPts = spec.pointColors
    .map(
      (color, i) =>
        `<c:dPt><c:idx val="${i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/>${solid(color)}</c:dPt>`,
    )
    .join('');
  const text = (t: string, size: number, bold: boolean): string =>
    `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:r><a:rPr lang="en-US" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${escapeText(t)}</a:t></a:r></a:p></c:rich></c:tx>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${C_NS}" xmlns:a="${A_NS}" xmlns:r="${R_NS}">` +
    `<c:roundedCorners val="0"/><c:chart>` +
    `<c:title>${text(spec.title, 1400, true)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>${escapeText(spec.seriesName)}</c:v></c:tx>` +
    `${solid(spec.pointColors[0] ?? '#5B9BD5')}<c:invertIfNegative val="0"/>${dPts}` +
    `<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>` +
    `<c:cat><c:strRef><c:f>${escapeText(`${sheet}!${absoluteRange(spec.categories)}`)}</c:f><c:strCache><c:ptCount val="${n}"/>${strPts}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${escapeText(`${sheet}!${absoluteRange(spec.values)}`)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${n}"/>${numPts}</c:numCache></c:numRef></c:val>` +
    `</c:ser><c:gapWidth val="60"/><c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>` +
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="t"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    TEXT_11PT +
    `<c:printSettings><c:headerFooter/><c:pageMargins b="0.75" l="0.7" r="0.7" t="0.75" header="0.3" footer="0.3"/><c:pageSetup/></c:printSettings>` +
    `</c:chartSpace>`
  );
}
