/**
 * The public surface of the core: what the Excel adapter, the file adapter, the command line
 * and the task pane use. Everything here is host-free and pure.
 */

export * from './model';
export { RoleMapError, problem, userMessage } from './messages';
export type { ProblemCode } from './messages';
export {
  columnLetter,
  columnIndex,
  toA1,
  rangeToA1,
  parseA1,
  parseRangeA1,
  quoteSheet,
} from './address';
export {
  ROLE_FILLS,
  PRIORITY_FILLS,
  ISSUE_TINT,
  CELL_STYLES,
  NUMBER_FORMATS,
  DATA_BAR_COLOR,
} from './styles';
export type { Fill, CellStyle } from './styles';
export {
  HEADER_SYNONYMS,
  GROUP_SYNONYMS,
  STAGE_SYNONYMS,
  INVOLVEMENT_SYNONYMS,
  YES_NO_SYNONYMS,
  ROLE_SYNONYMS,
  VOCABULARY_LISTS,
  FIELD_LABELS,
  matchHeader,
  isOutputHeader,
  normaliseHeader,
  parseAmount,
  parseCount,
} from './vocab';
export {
  detectHeaders,
  chooseInventory,
  findHeaderRow,
  findSheet,
  rankSheets,
  isOutputSheet,
  headerText,
  validateMapping,
} from './headers';
export {
  makeRowReader,
  normaliseRow,
  parseInvolvementText,
  cellText,
  isEmptyCell,
} from './normalise';
export type { NormalisedRow, RowReader, PhaseLevels } from './normalise';
export { classify, applyRules, isResponsible, NO_SHEET_CONTEXT } from './classify';
export type { Classification, ClassifyContext } from './classify';
export { opportunity, supportNeed, formatCount, ENDPOINTS_THRESHOLD } from './opportunity';
export type { Opportunity } from './opportunity';
export { summarise, ROLES_BY_OWNERSHIP, BLANK_LABEL, UNRECOGNISED_LABEL } from './summary';
export { planInventory, outputPosition, dataRows, inventoryTable } from './plan';
export {
  OUTPUT_COLUMNS,
  OUTPUT_WIDTH,
  CF_ID_PREFIX,
  outputValues,
  emptyOutput,
  issuesText,
  outputRules,
  fillTexts,
  uniqueColumnName,
  isOutputHeaderName,
} from './output';
export type { OutputColumn } from './output';
export { ruleFormula, canonicalFormula, isOwnRule } from './rules';
export type { ReportedRule, OwnBlock } from './rules';
export {
  planSummarySheet,
  planHistory,
  excelSerial,
  ARTICLE_FIGURES,
  SUMMARY_LIMITS,
  HISTORY_HEADERS,
} from './summary-sheet';
export type { DataRows } from './plan';
export { planRefresh, toJsonReport, evaluateRow, classifySheet } from './refresh';
export {
  previewInventory,
  sheetCandidates,
  fieldAdvice,
  columnSamples,
  columnLabel,
  hasInventory,
  preferredSheet,
  FIELD_NEEDS,
  FIELD_ORDER,
  PHASE_FIELDS,
  SAMPLES_PER_COLUMN,
} from './preview';
export type {
  FieldNeed,
  FieldState,
  FieldAdvice,
  PreviewBlocker,
  PreviewOptions,
  SheetCandidate,
  HeaderRowOption,
} from './preview';
export type { JsonReport, JsonReportChange, JsonReportRow } from './refresh';
export type {
  RoleMapService,
  RoleMapSettings,
  RefreshPhase,
  RefreshProgress,
  SheetChoice,
  InventoryPreview,
} from './service';
export { DEFAULT_SETTINGS } from './service';
export {
  WORD_FIELDS,
  WordBook,
  canonicalWords,
  compileWords,
  exportWords,
  isWordField,
  parseCsv,
  parseWordList,
  meaningsOf,
  mergeWords,
  removeWord,
} from './words';
export type { WordEntry, WordField, WordUse, WordsExport } from './words';
