/**
 * The result of a refresh, answer first: the active-role share against the article's figures
 * (with what is unclassified and when it was refreshed), where ownership is heading, the counts
 * per role (a real table, so screen readers get the numbers), the top opportunities, what
 * changed since the last refresh, and the data issues grouped by cause. Each initiative links
 * to its cell.
 */

import {
  Badge,
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import {
  ChevronDownRegular,
  ChevronRightRegular,
  CopyRegular,
  DismissRegular,
  OpenRegular,
} from '@fluentui/react-icons';
import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { ROLES_AND_UNCLASSIFIED } from '../core/model';
import type { LastRefresh } from '../core/last-refresh';
import type {
  RefreshOutcome,
  RoleChange,
  RoleOrUnclassified,
  RowResult,
  Summary,
} from '../core/model';
import { ROLE_FILLS } from '../core/styles';
import { changesReport, headline, opportunities, projectionLines } from '../core/report';
import { ARTICLE_FIGURES } from '../core/summary-sheet';
import { groupIssues } from './issues';
import type { IssueGroup, IssueItem } from './issues';
import {
  FIELD_LABELS,
  ISSUE_GROUP_TITLES,
  cellLabel,
  formatCount,
  percent,
  refreshedAt,
} from './labels';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  heading: { margin: 0 },
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
    ':focus-visible': {
      outline: `2px solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: '2px',
      borderRadius: tokens.borderRadiusSmall,
    },
  },
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

type Styles = ReturnType<typeof useStyles>;

/** Bar colour of a role; Unclassified uses a neutral token so it reads as "not a role". */
function roleColor(role: RoleOrUnclassified): string {
  return role === 'Unclassified' ? tokens.colorNeutralForeground3 : ROLE_FILLS[role].fill;
}

/** The figures both a fresh outcome and the last refresh read back can show. */
export type Glance = Pick<
  Summary,
  'sheet' | 'total' | 'classified' | 'counts' | 'shares' | 'activeShare'
>;

/** The role row as a filter of the inventory sheet (absent where the host cannot filter). */
export interface RoleFilterProps {
  /** The role shown alone on the sheet, or null when every role is shown. */
  active: RoleOrUnclassified | null;
  /** Shows only one role's rows on the sheet; null shows them all again. */
  onFilter: (role: RoleOrUnclassified | null) => void;
  disabled?: boolean;
}

export interface ResultsProps {
  outcome: RefreshOutcome;
  refreshedAt: Date;
  /** The sheet or mapping changed since: the numbers describe the previous state. */
  stale: boolean;
  onSelectCell: (sheet: string, row: number, col: number) => void;
  onOpenSummary: () => void;
  onCopySummary: () => void;
  /** The role row filters the inventory when given. */
  roleFilter?: RoleFilterProps;
  /**
   * An action beside a group of data issues (the place where "Treat as" lets the user say what
   * an unrecognised value means); nothing when absent.
   */
  renderGroupAction?: (group: IssueGroup) => ReactNode;
}

/** Everything shown after a refresh. */
export function Results(props: ResultsProps): JSX.Element {
  const { outcome, onSelectCell } = props;
  const styles = useStyles();
  const sheet = outcome.detection.sheet;
  // Opportunities and rows without a cell of their own select the initiative's name.
  const nameCol = outcome.detection.columns.name.col ?? outcome.plan.inventory.firstCol;
  return (
    <>
      {props.stale ? (
        <MessageBar intent="warning" layout="multiline" data-testid="stale">
          <MessageBarBody>
            Out of date: the sheet or the column mapping changed since this refresh. Refresh to
            update these results.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <section className={styles.section} aria-label="The brief" data-testid="brief">
        {headline(outcome).map((sentence) => (
          <Text as="p" key={sentence}>
            {sentence}
          </Text>
        ))}
      </section>
      <Answer
        glance={outcome.summary}
        at={props.refreshedAt}
        onOpenSummary={props.onOpenSummary}
        onCopySummary={props.onCopySummary}
        styles={styles}
      />
      <Heading outcome={outcome} styles={styles} />
      <RoleTable glance={outcome.summary} filter={props.roleFilter} styles={styles} />
      <Opportunities
        summary={outcome.summary}
        onSelect={(r) => onSelectCell(r.sheet ?? sheet, r.row, r.nameCol ?? nameCol)}
        styles={styles}
      />
      <Changes
        changes={outcome.changes}
        sheet={sheet}
        onSelect={(c) => onSelectCell(c.sheet, c.row, c.nameCol ?? nameCol)}
        styles={styles}
      />
      <Issues
        rows={outcome.summary.review}
        onSelect={(row, col, on) => onSelectCell(on ?? sheet, row, col ?? nameCol)}
        renderGroupAction={props.renderGroupAction}
        styles={styles}
      />
    </>
  );
}

function Answer({
  glance: summary,
  at,
  onOpenSummary,
  onCopySummary,
  styles,
}: {
  glance: Glance;
  at: Date;
  onOpenSummary: (() => void) | undefined;
  onCopySummary: (() => void) | undefined;
  styles: Styles;
}): JSX.Element {
  const share = summary.activeShare;
  const low = ARTICLE_FIGURES.activeShare2018;
  const high = ARTICLE_FIGURES.activeShare2020;
  return (
    <section className={styles.section} aria-labelledby="answer-heading" data-testid="answer">
      <Text as="h2" id="answer-heading" size={400} weight="semibold" className={styles.heading}>
        I&amp;O active-role share
      </Text>
      {share === null ? (
        <Text>No initiative could be classified yet, so there is no share to show.</Text>
      ) : (
        <>
          <div className={styles.answer}>
            <Text className={styles.share} data-testid="active-share">
              {percent(share)}
            </Text>
            <Text>of classified initiatives have I&amp;O as driver, implementer or operator.</Text>
          </div>
          <div
            className={styles.scale}
            role="img"
            aria-label={`Active-role share ${percent(share)}; Gartner's reference figures: ${percent(low)} of I&O teams in 2018, ${percent(high)} expected by 2020.`}
          >
            <div className={styles.scaleTrack} />
            <div className={styles.scaleFill} style={{ width: `${Math.min(share, 1) * 100}%` }} />
            {[
              { at: low, label: `${percent(low)} (2018)` },
              { at: high, label: `${percent(high)} (2020)` },
            ].map((t) => (
              <div key={t.at}>
                <div className={styles.tick} style={{ left: `calc(${t.at * 100}% - 1px)` }} />
                <span
                  className={styles.tickLabel}
                  style={
                    t.at < 0.2
                      ? { left: 0 }
                      : { left: `${t.at * 100}%`, transform: 'translateX(-50%)' }
                  }
                >
                  {t.label}
                </span>
              </div>
            ))}
          </div>
        </>
      )}
      <Text size={200} className={styles.muted} data-testid="classified">
        {formatCount(summary.classified)} of {formatCount(summary.total)} initiatives classified on
        “{summary.sheet}”
        {summary.counts.Unclassified > 0
          ? `, ${formatCount(summary.counts.Unclassified)} unclassified`
          : ''}
        ; refreshed {refreshedAt(at)}. Gartner counts I&amp;O teams; this counts initiatives.
      </Text>
      {onOpenSummary || onCopySummary ? (
        <div className={styles.actions}>
          {onOpenSummary ? (
            <Button icon={<OpenRegular />} onClick={onOpenSummary}>
              Open summary sheet
            </Button>
          ) : null}
          {onCopySummary ? (
            <Button icon={<CopyRegular />} onClick={onCopySummary}>
              Copy summary
            </Button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function Heading({ outcome, styles }: { outcome: RefreshOutcome; styles: Styles }): JSX.Element {
  return (
    <section className={styles.section} aria-labelledby="heading-heading">
      <Text as="h2" id="heading-heading" size={400} weight="semibold" className={styles.heading}>
        Where ownership is heading
      </Text>
      <ul className={styles.list} data-testid="projection">
        {projectionLines(outcome.summary).map((line) => (
          <li key={line}>
            <Text>{line}</Text>
          </li>
        ))}
      </ul>
    </section>
  );
}

function RoleTable({
  glance: summary,
  filter,
  styles,
}: {
  glance: Glance;
  filter: RoleFilterProps | undefined;
  styles: Styles;
}): JSX.Element {
  const roles = ROLES_AND_UNCLASSIFIED.filter(
    (r) => r !== 'Unclassified' || summary.counts.Unclassified > 0,
  );
  const max = Math.max(1, ...roles.map((r) => summary.counts[r]));
  return (
    <section className={styles.section} aria-labelledby="roles-heading">
      <Text as="h2" id="roles-heading" size={400} weight="semibold" className={styles.heading}>
        Roles in your portfolio
      </Text>
      {filter ? (
        <Text size={200} className={styles.muted} id="roles-filter-hint">
          {filter.active === null
            ? `Select a role to show only its rows on “${summary.sheet}”.`
            : `“${summary.sheet}” shows only the ${filter.active} rows.`}
        </Text>
      ) : null}
      <table className={styles.table} data-testid="role-chart">
        <caption className={styles.srOnly}>Initiatives per I&amp;O role</caption>
        <thead>
          <tr>
            <th scope="col" className={mergeClasses(styles.th, styles.roleCell)}>
              Role
            </th>
            <th scope="col" className={styles.th}>
              <span className={styles.srOnly}>Bar</span>
            </th>
            <th scope="col" className={mergeClasses(styles.th, styles.numCell)}>
              Count
            </th>
          </tr>
        </thead>
        <tbody>
          {roles.map((role) => {
            const n = summary.counts[role];
            const share = role === 'Unclassified' ? null : summary.shares[role];
            return (
              <tr key={role} data-role={role}>
                <th scope="row" className={styles.roleCell}>
                  {filter ? (
                    <Button
                      appearance={filter.active === role ? 'secondary' : 'subtle'}
                      size="small"
                      className={mergeClasses(
                        styles.roleButton,
                        filter.active === role ? styles.roleButtonOn : undefined,
                      )}
                      aria-pressed={filter.active === role}
                      aria-describedby="roles-filter-hint"
                      disabled={filter.disabled === true || n === 0}
                      data-testid={`filter-${role}`}
                      onClick={() => filter.onFilter(filter.active === role ? null : role)}
                    >
                      <span
                        className={styles.swatch}
                        style={{ backgroundColor: roleColor(role) }}
                        aria-hidden="true"
                      />
                      {role}
                    </Button>
                  ) : (
                    <>
                      <span
                        className={styles.swatch}
                        style={{ backgroundColor: roleColor(role) }}
                        aria-hidden="true"
                      />
                      {role}
                    </>
                  )}
                </th>
                <td className={styles.barCell}>
                  <div className={styles.track} aria-hidden="true">
                    <div
                      className={styles.bar}
                      style={{
                        width: `${(n / max) * 100}%`,
                        backgroundColor: roleColor(role),
                        display: n === 0 ? 'none' : 'block',
                      }}
                    />
                  </div>
                </td>
                <td className={styles.numCell} data-testid={`count-${role}`}>
                  {formatCount(n)}
                  {share !== null ? ` (${percent(share)})` : ''}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {filter && filter.active !== null ? (
        <div className={styles.actions}>
          <Button
            icon={<DismissRegular />}
            size="small"
            disabled={filter.disabled}
            data-testid="filter-clear"
            onClick={() => filter.onFilter(null)}
          >
            Show all roles on the sheet
          </Button>
        </div>
      ) : null}
    </section>
  );
}

export interface LastRefreshProps {
  last: LastRefresh;
  /** Offered only while the summary sheet is still there. */
  onOpenSummary?: () => void;
  roleFilter?: RoleFilterProps;
}

/**
 * The last refresh recorded in the workbook, shown when the pane opens and before any refresh
 * of this session: the answer and the counts per role, marked as from that refresh.
 */
export function LastRefreshResults({
  last,
  onOpenSummary,
  roleFilter,
}: LastRefreshProps): JSX.Element {
  const styles = useStyles();
  return (
    <>
      <MessageBar intent="info" layout="multiline" data-testid="last-refresh">
        <MessageBarBody>
          From the last refresh at {refreshedAt(last.at)}, on “{last.sheet}”
          {last.changes !== null && last.changes > 0
            ? ` (${formatCount(last.changes)} ${last.changes === 1 ? 'role changed' : 'roles changed'} then)`
            : ''}
          . Refresh portfolio to see the opportunities and the rows to review.
        </MessageBarBody>
      </MessageBar>
      <Answer
        glance={last}
        at={last.at}
        onOpenSummary={onOpenSummary}
        onCopySummary={undefined}
        styles={styles}
      />
      <RoleTable glance={last} filter={roleFilter} styles={styles} />
    </>
  );
}

const PRIORITY_COLORS = { High: 'danger', Medium: 'warning', Low: 'informative' } as const;
function Opportunities({
  summary,
  onSelect,
  styles,
}: {
  summary: Summary;
  onSelect: (r: RowResult) => void;
  styles: Styles;
}): JSX.Element {
  // Words and limits ("top 10 of N", short actions) from the report module, as on every surface.
  const { heading, items } = opportunities(summary);
  return (
    <section className={styles.section} aria-labelledby="opps-heading">
      <Text as="h2" id="opps-heading" size={400} weight="semibold" className={styles.heading}>
        {heading}
      </Text>
      {items.length === 0 ? (
        <Text>No initiative has a next role for I&amp;O.</Text>
      ) : (
        <ol className={styles.list} data-testid="opportunities">
          {items.map(({ row: r, label, facts, move, action }) => (
            <li key={`${r.sheet ?? ''}:${r.row}`} className={styles.item}>
              <span className={styles.itemHead}>
                <Link as="button" className={styles.link} onClick={() => onSelect(r)}>
                  {label}
                </Link>
                {r.priority !== '' ? (
                  <Badge appearance="tint" color={PRIORITY_COLORS[r.priority]}>
                    {r.priority}
                  </Badge>
                ) : null}
              </span>
              <Text>{move}</Text>
              <Text size={200} className={styles.muted}>
                {facts}
              </Text>
              <Text
                size={200}
                className={mergeClasses(styles.muted, styles.clamp)}
                title={r.action}
              >
                {action}
              </Text>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Changes({
  changes,
  sheet,
  onSelect,
  styles,
}: {
  changes: RoleChange[] | null;
  sheet: string;
  onSelect: (c: RoleChange) => void;
  styles: Styles;
}): JSX.Element {
  const report = changesReport(changes, sheet);
  return (
    <section className={styles.section} aria-labelledby="changes-heading" data-testid="changes">
      <Text as="h2" id="changes-heading" size={400} weight="semibold" className={styles.heading}>
        Since last refresh
      </Text>
      <Text>{report.headline}</Text>
      {report.items.length > 0 ? (
        <ul className={styles.list}>
          {report.items.map(({ change: c, text }) => (
            <li
              key={`${c.kind}:${c.sheet}:${c.row}:${c.id ?? c.name ?? ''}`}
              className={styles.itemHead}
            >
              {/* A removed initiative has no row to go to any more. */}
              {c.kind === 'removed' ? (
                <Text>{text}</Text>
              ) : (
                <Link as="button" className={styles.link} onClick={() => onSelect(c)}>
                  {text}
                </Link>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {report.more !== null ? (
        <Text size={200} className={styles.muted}>
          {report.more}
        </Text>
      ) : null}
    </section>
  );
}

/** Items listed per page inside a group: a 5,000-row inventory never renders them all. */
const ISSUES_PAGE = 10;

function groupTitle(g: IssueGroup): string {
  const field = g.field !== null ? FIELD_LABELS[g.field] : null;
  if (g.code === 'unknown-value' && g.value !== null) {
    return `${field ?? 'Value'}: “${g.value}” not recognised`;
  }
  return field !== null ? `${ISSUE_GROUP_TITLES[g.code]} (${field})` : ISSUE_GROUP_TITLES[g.code];
}

function Issues({
  rows,
  onSelect,
  renderGroupAction,
  styles,
}: {
  rows: RowResult[];
  onSelect: (row: number, col: number | null, sheet: string | null) => void;
  renderGroupAction: ResultsProps['renderGroupAction'];
  styles: Styles;
}): JSX.Element {
  const groups = groupIssues(rows);
  const issues = groups.reduce((n, g) => n + g.items.length, 0);
  return (
    <section className={styles.section} aria-labelledby="issues-heading">
      <Text as="h2" id="issues-heading" size={400} weight="semibold" className={styles.heading}>
        Rows to review ({formatCount(rows.length)})
      </Text>
      {groups.length === 0 ? (
        <Text>No data issues: every row could be read as written.</Text>
      ) : (
        <>
          <Text size={200} className={styles.muted}>
            {formatCount(issues)} {issues === 1 ? 'issue' : 'issues'} from{' '}
            {formatCount(groups.length)} {groups.length === 1 ? 'cause' : 'causes'}, largest first.
            Select a cell to go to it.
          </Text>
          <ul className={styles.list} data-testid="issues">
            {groups.map((g, i) => (
              <GroupRow
                key={g.key}
                group={g}
                defaultOpen={i === 0}
                onSelect={onSelect}
                action={renderGroupAction?.(g)}
                styles={styles}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function GroupRow({
  group,
  defaultOpen,
  onSelect,
  action,
  styles,
}: {
  group: IssueGroup;
  defaultOpen: boolean;
  onSelect: (row: number, col: number | null, sheet: string | null) => void;
  action: ReactNode;
  styles: Styles;
}): JSX.Element {
  const [open, setOpen] = useState(defaultOpen);
  const [pages, setPages] = useState(1);
  const panelId = useId();
  const shown = group.items.slice(0, pages * ISSUES_PAGE);
  const left = group.items.length - shown.length;
  return (
    <li className={styles.group} data-group={group.key}>
      <Text as="h3" size={300} className={styles.heading}>
        <Button
          appearance="subtle"
          className={styles.groupToggle}
          icon={open ? <ChevronDownRegular /> : <ChevronRightRegular />}
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen(!open)}
        >
          {groupTitle(group)} · {formatCount(group.items.length)}
        </Button>
      </Text>
      {action ?? null}
      <div id={panelId} className={styles.groupBody} hidden={!open}>
        {open ? (
          <>
            <ul className={styles.list}>
              {shown.map((l) => (
                <IssueLine key={l.key} item={l} onSelect={onSelect} styles={styles} />
              ))}
            </ul>
            {left > 0 ? (
              <Button appearance="subtle" size="small" onClick={() => setPages(pages + 1)}>
                Show {formatCount(Math.min(ISSUES_PAGE, left))} more of {formatCount(left)}
              </Button>
            ) : null}
          </>
        ) : null}
      </div>
    </li>
  );
}

function IssueLine({
  item,
  onSelect,
  styles,
}: {
  item: IssueItem;
  onSelect: (row: number, col: number | null, sheet: string | null) => void;
  styles: Styles;
}): JSX.Element {
  const where = item.col !== null ? cellLabel(item.row, item.col) : item.address;
  return (
    <li className={styles.item}>
      <span className={styles.itemHead}>
        <Text weight="semibold" className={styles.clamp}>
          {item.name ?? '(no name)'}
        </Text>
        <Link
          as="button"
          className={styles.link}
          data-cell={where}
          onClick={() => onSelect(item.row, item.col, item.sheet)}
          aria-label={`${item.address}: ${item.message} Select cell ${where}.`}
        >
          {item.address}
        </Link>
      </span>
      <Text size={200} className={mergeClasses(styles.muted, styles.clamp)} title={item.message}>
        {item.message}
      </Text>
    </li>
  );
}
