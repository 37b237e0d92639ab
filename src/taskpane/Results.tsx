/**
 * The result of a refresh: counts per role as a small bar chart (a real table, so screen
 * readers get the numbers), the active-role share beside the article's reference figures,
 * the top opportunities and the data issues, each of which selects its cell.
 */

import { Badge, Button, Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ROLES_AND_UNCLASSIFIED } from '../core/model';
import type { RefreshOutcome, RoleOrUnclassified, RowResult } from '../core/model';
import { ROLE_FILLS } from '../core/styles';
import { cellLabel, formatCount, percent } from './labels';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  heading: { margin: 0 },
  table: { width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' },
  th: {
    textAlign: 'left',
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase200,
    paddingBottom: tokens.spacingVerticalXS,
  },
  roleCell: { width: '34%', fontSize: tokens.fontSizeBase200, paddingBlock: '2px' },
  barCell: { paddingBlock: '2px' },
  numCell: {
    width: '22%',
    textAlign: 'right',
    fontSize: tokens.fontSizeBase200,
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  },
  track: {
    height: '14px',
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusSmall,
    overflow: 'hidden',
  },
  bar: { height: '100%', minWidth: '2px' },
  swatch: {
    display: 'inline-block',
    width: '10px',
    height: '10px',
    marginRight: tokens.spacingHorizontalXS,
    borderRadius: '2px',
    verticalAlign: 'baseline',
  },
  share: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, lineHeight: 1 },
  scale: { position: 'relative', height: '28px', marginTop: tokens.spacingVerticalXS },
  scaleTrack: {
    position: 'absolute',
    left: 0,
    right: 0,
    top: '6px',
    height: '8px',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  scaleFill: {
    position: 'absolute',
    left: 0,
    top: '6px',
    height: '8px',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorBrandBackground,
  },
  tick: {
    position: 'absolute',
    top: '2px',
    width: '2px',
    height: '16px',
    backgroundColor: tokens.colorNeutralForeground1,
  },
  tickLabel: {
    position: 'absolute',
    top: '17px',
    fontSize: tokens.fontSizeBase100,
    color: tokens.colorNeutralForeground2,
    whiteSpace: 'nowrap',
  },
  note: { color: tokens.colorNeutralForeground2 },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  item: { display: 'flex', flexDirection: 'column', rowGap: '2px', minWidth: 0 },
  itemHead: { display: 'flex', alignItems: 'baseline', columnGap: tokens.spacingHorizontalXS },
  link: { textAlign: 'left', overflowWrap: 'anywhere' },
  wrap: { overflowWrap: 'anywhere' },
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

export interface ResultsProps {
  outcome: RefreshOutcome;
  onSelectCell: (sheet: string, row: number, col: number) => void;
}

/** Everything shown after a refresh. */
export function Results({ outcome, onSelectCell }: ResultsProps): JSX.Element {
  const styles = useStyles();
  const { summary } = outcome;
  const sheet = outcome.detection.sheet;
  // Opportunities and rows without a cell of their own select the initiative's name.
  const nameCol = outcome.detection.columns.name.col ?? outcome.plan.inventory.firstCol;
  return (
    <>
      <RoleChart outcome={outcome} styles={styles} />
      <ActiveShare share={summary.activeShare} styles={styles} />
      <Opportunities
        rows={summary.topOpportunities}
        onSelect={(r) => onSelectCell(sheet, r.row, nameCol)}
        styles={styles}
      />
      <Issues
        rows={summary.review}
        onSelect={(row, col) => onSelectCell(sheet, row, col ?? nameCol)}
        styles={styles}
      />
    </>
  );
}

function RoleChart({ outcome, styles }: { outcome: RefreshOutcome; styles: Styles }): JSX.Element {
  const { summary } = outcome;
  const roles = ROLES_AND_UNCLASSIFIED.filter(
    (r) => r !== 'Unclassified' || summary.counts.Unclassified > 0,
  );
  const max = Math.max(1, ...roles.map((r) => summary.counts[r]));
  return (
    <section className={styles.section} aria-labelledby="roles-heading">
      <Text as="h2" id="roles-heading" size={400} weight="semibold" className={styles.heading}>
        Roles in your portfolio
      </Text>
      <Text size={200} data-testid="classified">
        {formatCount(summary.classified)} of {formatCount(summary.total)} initiatives classified on
        “{summary.sheet}”; {formatCount(summary.needsReview)}{' '}
        {summary.needsReview === 1 ? 'needs' : 'need'} review.
      </Text>
      <table className={styles.table} data-testid="role-chart">
        <caption className={styles.srOnly}>Initiatives per I&amp;O role</caption>
        <thead>
          <tr>
            <th scope="col" className={`${styles.th} ${styles.roleCell}`}>
              Role
            </th>
            <th scope="col" className={styles.th}>
              <span className={styles.srOnly}>Bar</span>
            </th>
            <th scope="col" className={`${styles.th} ${styles.numCell}`}>
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
                <th scope="row" className={styles.roleCell} style={{ fontWeight: 'normal' }}>
                  <span
                    className={styles.swatch}
                    style={{ backgroundColor: roleColor(role) }}
                    aria-hidden="true"
                  />
                  {role}
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
    </section>
  );
}

function ActiveShare({ share, styles }: { share: number | null; styles: Styles }): JSX.Element {
  const ticks = [
    { at: 0.05, label: '5% (2018)' },
    { at: 0.4, label: '40% (2020)' },
  ];
  return (
    <section className={styles.section} aria-labelledby="share-heading">
      <Text as="h2" id="share-heading" size={400} weight="semibold" className={styles.heading}>
        I&amp;O active-role share
      </Text>
      {share === null ? (
        <Text size={200}>No initiative could be classified yet, so there is no share to show.</Text>
      ) : (
        <>
          <Text className={styles.share} data-testid="active-share">
            {percent(share)}
          </Text>
          <Text size={200}>
            of classified initiatives have I&amp;O as driver, implementer or operator.
          </Text>
          <div
            className={styles.scale}
            role="img"
            aria-label={`Active-role share ${percent(share)}; Gartner's reference figures: 5% of I&O teams in 2018, 40% expected by 2020.`}
          >
            <div className={styles.scaleTrack} />
            <div className={styles.scaleFill} style={{ width: `${Math.min(share, 1) * 100}%` }} />
            {ticks.map((t) => (
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
          <Text size={100} className={styles.note}>
            Gartner (2019) expected 40% of I&amp;O teams to hold a driver, implementer or operator
            role by 2020, up from 5% in 2018. The article counts I&amp;O teams; this counts the
            initiatives in your inventory.
          </Text>
        </>
      )}
    </section>
  );
}

const PRIORITY_COLORS = { High: 'danger', Medium: 'warning', Low: 'informative' } as const;

function Opportunities({
  rows,
  onSelect,
  styles,
}: {
  rows: RowResult[];
  onSelect: (r: RowResult) => void;
  styles: Styles;
}): JSX.Element {
  const top = rows.slice(0, 5);
  return (
    <section className={styles.section} aria-labelledby="opps-heading">
      <Text as="h2" id="opps-heading" size={400} weight="semibold" className={styles.heading}>
        Top opportunities
      </Text>
      {top.length === 0 ? (
        <Text size={200}>No initiative has a next role for I&amp;O.</Text>
      ) : (
        <ol className={styles.list} data-testid="opportunities">
          {top.map((r) => (
            <li key={r.row} className={styles.item}>
              <span className={styles.itemHead}>
                {r.priority !== '' ? (
                  <Badge appearance="tint" size="small" color={PRIORITY_COLORS[r.priority]}>
                    {r.priority}
                  </Badge>
                ) : null}
                <Link as="button" className={styles.link} onClick={() => onSelect(r)}>
                  {r.initiative.name ?? `Row ${r.row + 1}`}
                </Link>
              </span>
              <Text size={200} className={styles.wrap}>
                {r.role} → {r.nextRole}: {r.action}
              </Text>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

interface IssueLine {
  key: string;
  row: number;
  col: number | null;
  address: string;
  message: string;
}

const ISSUES_SHOWN = 10;

function Issues({
  rows,
  onSelect,
  styles,
}: {
  rows: RowResult[];
  onSelect: (row: number, col: number | null) => void;
  styles: Styles;
}): JSX.Element {
  const [all, setAll] = useState(false);
  const lines: IssueLine[] = rows.flatMap((r) =>
    r.issues.length > 0
      ? r.issues.map((i, n) => ({
          key: `${r.row}:${n}`,
          row: i.row,
          col: i.col,
          address: i.address ?? `Row ${i.row + 1}`,
          message: i.message,
        }))
      : [
          {
            key: `${r.row}:u`,
            row: r.row,
            col: null,
            address: `Row ${r.row + 1}`,
            message: r.action,
          },
        ],
  );
  const shownLines = all ? lines : lines.slice(0, ISSUES_SHOWN);
  return (
    <section className={styles.section} aria-labelledby="issues-heading">
      <Text as="h2" id="issues-heading" size={400} weight="semibold" className={styles.heading}>
        Data issues ({formatCount(lines.length)})
      </Text>
      {lines.length === 0 ? (
        <Text size={200}>No data issues: every row could be read as written.</Text>
      ) : (
        <>
          <ul className={styles.list} data-testid="issues">
            {shownLines.map((l) => (
              <li key={l.key} className={styles.item}>
                <Link
                  as="button"
                  className={styles.link}
                  onClick={() => onSelect(l.row, l.col)}
                  aria-label={`${l.address}: ${l.message} Select cell ${l.col !== null ? cellLabel(l.row, l.col) : l.address}.`}
                >
                  {l.address}
                </Link>
                <Text size={200} className={styles.wrap}>
                  {l.message}
                </Text>
              </li>
            ))}
          </ul>
          {lines.length > ISSUES_SHOWN ? (
            <Button appearance="subtle" size="small" onClick={() => setAll(!all)}>
              {all ? 'Show fewer' : `Show all ${formatCount(lines.length)} issues`}
            </Button>
          ) : null}
        </>
      )}
    </section>
  );
}
