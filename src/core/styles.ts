/**
 * Colours and cell styles the write plan refers to, defined once for both adapters.
 * Role fills use the Okabe–Ito palette (distinguishable with the common colour-vision
 * deficiencies), each with the text colour that keeps contrast at or above 4.5:1.
 */

import type { Priority, Role } from './domain';
import type { NumberFormatName, PlanCell, StyleName } from './write-plan';
import { currencyNumberFormat } from './money';

export interface Fill {
  /** Background, "#RRGGBB". */
  fill: string;
  /** Text colour, "#RRGGBB". */
  font: string;
}

export const ROLE_FILLS: Record<Role, Fill> = {
  Driver: { fill: '#0072B2', font: '#FFFFFF' },
  Implementer: { fill: '#009E73', font: '#000000' },
  Operator: { fill: '#56B4E9', font: '#000000' },
  Bystander: { fill: '#E69F00', font: '#000000' },
};

/** Priority fills; Low has none on purpose (only what needs attention stands out). */
export const PRIORITY_FILLS: Record<Exclude<Priority, 'Low'>, Fill> = {
  High: { fill: '#F4C7B0', font: '#6B2400' },
  Medium: { fill: '#FFF0B3', font: '#4D3B00' },
};

/** Tint of output cells on rows that have data issues. */
export const ISSUE_TINT: Fill = { fill: '#EDE4F2', font: '#3B1F4A' };

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  /** Font size in points (default 11). */
  size?: number;
  fontColor?: string;
  fill?: string;
  underline?: boolean;
  wrap?: boolean;
  /** Horizontal alignment (default: Excel's, text left and numbers right). */
  align?: 'left' | 'right';
  /** Vertical alignment (default: Excel's, bottom). */
  valign?: 'top';
}

export const CELL_STYLES: Record<StyleName, CellStyle> = {
  title: { bold: true, size: 16, fontColor: '#1F3864' },
  subtitle: { size: 11, fontColor: '#404040' },
  note: { italic: true, fontColor: '#595959' },
  sectionHeader: { bold: true, size: 13, fontColor: '#1F3864' },
  tableHeader: { bold: true, fill: '#D9E1F2', fontColor: '#000000' },
  // Over a column of numbers the header aligns right, with its figures.
  tableHeaderNumber: { bold: true, fill: '#D9E1F2', fontColor: '#000000', align: 'right' },
  label: { bold: true },
  body: {},
  link: { underline: true, fontColor: '#0563C1' },
  outputHeader: { bold: true, fill: '#1F3864', fontColor: '#FFFFFF' },
  bodyTop: { valign: 'top' },
  linkTop: { underline: true, fontColor: '#0563C1', valign: 'top' },
  wrapped: { wrap: true, valign: 'top' },
};

/** Excel number-format codes for the plan's named formats. */
export const NUMBER_FORMATS: Record<NumberFormatName, string> = {
  text: '@',
  integer: '#,##0',
  percent: '0.0%',
  currency: '#,##0',
  datetime: 'yyyy-mm-dd hh:mm',
  general: 'General',
};

/** Colour of the summary's data bars. */
export const DATA_BAR_COLOR = '#5B9BD5';

/**
 * The number format code of a plan cell: its format's, or for an amount in a named currency
 * that currency's (money.ts), so a total reads "$8,801,000" or "8,801,000 CHF".
 */
export function numberFormatCode(cell: Pick<PlanCell, 'format' | 'currency'>): string {
  return cell.format === 'currency'
    ? currencyNumberFormat(cell.currency ?? null)
    : NUMBER_FORMATS[cell.format];
}
