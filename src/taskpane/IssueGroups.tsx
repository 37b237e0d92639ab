/**
 * Rows to review: the data issues grouped by cause (largest first), each group opened in
 * place and paged, each issue a link to its cell, with an action beside a group (Treat as).
 */

import { Button, Link, Text, mergeClasses } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { RowResult } from '../core/results';
import { groupIssues } from './issues';
import type { IssueGroup, IssueItem } from './issues';
import { FIELD_LABELS, ISSUE_GROUP_TITLES, cellLabel, formatCount } from './labels';
import { useResultStyles } from './resultStyles';
import { PANE_WORDS } from '../core/messages';

/** Items listed per page inside a group: a 5,000-row inventory never renders them all. */
const ISSUES_PAGE = 10;

function groupTitle(g: IssueGroup): string {
  const field = g.field !== null ? FIELD_LABELS[g.field] : null;
  if (g.code === 'unknown-value' && g.value !== null) {
    return PANE_WORDS.results.unknownValue(field, g.value);
  }
  return field !== null ? `${ISSUE_GROUP_TITLES[g.code]} (${field})` : ISSUE_GROUP_TITLES[g.code];
}

/** The data issues grouped by cause, largest first. */
export function Issues({
  rows,
  onSelect,
  renderGroupAction,
}: {
  rows: RowResult[];
  onSelect: (row: number, col: number | null, sheet: string | null) => void;
  renderGroupAction: ((group: IssueGroup) => ReactNode) | undefined;
}): JSX.Element {
  const styles = useResultStyles();
  const groups = groupIssues(rows);
  const issues = groups.reduce((n, g) => n + g.items.length, 0);
  return (
    <section className={styles.section} aria-labelledby="issues-heading">
      <Text as="h2" id="issues-heading" size={400} weight="semibold" className={styles.heading}>
        {PANE_WORDS.results.review(formatCount(rows.length))}
      </Text>
      {groups.length === 0 ? (
        <Text>{PANE_WORDS.results.noIssues}</Text>
      ) : (
        <>
          <Text size={200} className={styles.muted}>
            {PANE_WORDS.results.issuesFrom(issues, groups.length)}
          </Text>
          <ul className={styles.list} data-testid="issues">
            {groups.map((g, i) => (
              <GroupRow
                key={g.key}
                group={g}
                defaultOpen={i === 0}
                onSelect={onSelect}
                action={renderGroupAction?.(g)}
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
}: {
  group: IssueGroup;
  defaultOpen: boolean;
  onSelect: (row: number, col: number | null, sheet: string | null) => void;
  action: ReactNode;
}): JSX.Element {
  const styles = useResultStyles();
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
                <IssueLine key={l.key} item={l} onSelect={onSelect} />
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
}: {
  item: IssueItem;
  onSelect: (row: number, col: number | null, sheet: string | null) => void;
}): JSX.Element {
  const styles = useResultStyles();
  const where = item.col !== null ? cellLabel(item.row, item.col) : item.address;
  return (
    <li className={styles.item}>
      <span className={styles.itemHead}>
        <Text weight="semibold" className={styles.clamp}>
          {item.name ?? PANE_WORDS.results.noName}
        </Text>
        <Link
          as="button"
          className={mergeClasses(styles.link, styles.nowrap)}
          data-cell={where}
          onClick={() => onSelect(item.row, item.col, item.sheet)}
          aria-label={PANE_WORDS.results.issueCell(item.address, item.message, where)}
        >
          {item.address}
        </Link>
      </span>
      <Text size={200} className={styles.muted}>
        {item.message}
      </Text>
    </li>
  );
}
