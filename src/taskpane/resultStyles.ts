/**
 * The Results tab's shared styles, and the colour of each role's bar and swatch.
 */

import { makeStyles, tokens } from '@fluentui/react-components';
import type { RoleOrUnclassified } from '../core/domain';
import { ROLE_FILLS } from '../core/styles';

/** Styles of every part of the Results tab. */
export const useResultStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  heading: { margin: 0 },
  // The share's heading takes focus when results arrive: a visible ring, no layout shift.
  landing: {
    ':focus-visible': {
      outline: `2px solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '2px',
      borderRadius: tokens.borderRadiusSmall,
    },
  },
  answer: { display: 'flex', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS },
  share: {
    flexShrink: 0,
    whiteSpace: 'nowrap',
    fontSize: tokens.fontSizeHero700,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: 1,
  },
  muted: { color: tokens.colorNeutralForeground2 },
  table: { width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' },
  th: {
    textAlign: 'left',
    fontWeight: tokens.fontWeightSemibold,
    paddingBottom: tokens.spacingVerticalXS,
  },
  roleCell: { width: '38%', paddingBlock: '3px', fontWeight: tokens.fontWeightRegular },
  barCell: { paddingBlock: '3px' },
  numCell: {
    width: '26%',
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  },
  track: {
    height: '14px',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusSmall,
    overflow: 'hidden',
  },
  // Graphics need 3:1 against what is next to them (WCAG 1.4.11): role fills alone do not reach
  // it in both themes, so every bar, fill and swatch has an accessible-contrast outline.
  bar: {
    boxSizing: 'border-box',
    height: '100%',
    minWidth: '3px',
    border: `1px solid ${tokens.colorNeutralStrokeAccessible}`,
    borderRadius: tokens.borderRadiusSmall,
  },
  swatch: {
    display: 'inline-block',
    boxSizing: 'border-box',
    width: '12px',
    height: '12px',
    marginRight: tokens.spacingHorizontalXS,
    borderRadius: '2px',
    border: `1px solid ${tokens.colorNeutralStrokeAccessible}`,
    verticalAlign: '-1px',
  },
  scale: { position: 'relative', height: '34px', marginTop: tokens.spacingVerticalXS },
  scaleTrack: {
    position: 'absolute',
    left: 0,
    right: 0,
    top: '6px',
    height: '10px',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `1px solid ${tokens.colorNeutralStrokeAccessible}`,
    boxSizing: 'border-box',
  },
  scaleFill: {
    position: 'absolute',
    left: 0,
    top: '6px',
    height: '10px',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorBrandForeground1,
  },
  tick: {
    position: 'absolute',
    top: '2px',
    width: '2px',
    height: '18px',
    backgroundColor: tokens.colorNeutralForeground1,
  },
  tickLabel: {
    position: 'absolute',
    top: '20px',
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    whiteSpace: 'nowrap',
  },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  item: { display: 'flex', flexDirection: 'column', rowGap: '2px', minWidth: 0 },
  itemHead: {
    display: 'flex',
    alignItems: 'baseline',
    columnGap: tokens.spacingHorizontalXS,
    minWidth: 0,
  },
  // A visible focus ring on small links: Fluent's own indicator is only a double underline.
  link: {
    textAlign: 'left',
    overflowWrap: 'anywhere',
    // WCAG 2.5.8: every target at least 24 × 24 px.
    minHeight: '24px',
    minWidth: '24px',
    ':focus-visible': {
      outline: `2px solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '2px',
      borderRadius: tokens.borderRadiusSmall,
    },
  },
  // A cell address or a badge is one word: it never breaks ("D5" / "0", "Hig" / "h").
  nowrap: { whiteSpace: 'nowrap', overflowWrap: 'normal', flexShrink: 0 },
  action: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', rowGap: '2px' },
  clamp: {
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    overflowWrap: 'anywhere',
  },
  roleButton: {
    minWidth: 0,
    paddingInline: tokens.spacingHorizontalXS,
    justifyContent: 'flex-start',
    fontWeight: tokens.fontWeightRegular,
    maxWidth: '100%',
  },
  roleButtonOn: { fontWeight: tokens.fontWeightSemibold },
  groupToggle: {
    width: '100%',
    justifyContent: 'flex-start',
    textAlign: 'left',
    paddingLeft: 0,
    fontWeight: tokens.fontWeightSemibold,
  },
  group: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  groupBody: { paddingLeft: tokens.spacingHorizontalL },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  srOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

/** Bar colour of a role; Unclassified uses a neutral token so it reads as "not a role". */
export function roleColor(role: RoleOrUnclassified): string {
  return role === 'Unclassified' ? tokens.colorNeutralForeground3 : ROLE_FILLS[role].fill;
}
