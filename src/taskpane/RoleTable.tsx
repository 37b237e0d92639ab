/**
 * The counts per role as a real table (screen readers get the numbers), each role a filter
 * of the inventory sheets where the host can filter them.
 */

import { Button, Text, mergeClasses } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { ROLES_AND_UNCLASSIFIED } from '../core/domain';
import type { RoleOrUnclassified } from '../core/domain';
import type { Glance } from './Answer';
import { formatCount, percent } from './labels';
import { roleColor, useResultStyles } from './resultStyles';
import { PANE_WORDS } from '../core/messages';

/** The role row as a filter of the inventory sheet (absent where the host cannot filter). */
export interface RoleFilterProps {
  /** The role shown alone on the sheet, or null when every role is shown. */
  active: RoleOrUnclassified | null;
  /** Shows only one role's rows on the sheet; null shows them all again. */
  onFilter: (role: RoleOrUnclassified | null) => void;
  disabled?: boolean;
}

/** Initiatives per role, with bars. */
export function RoleTable({
  glance: summary,
  filter,
}: {
  glance: Glance;
  filter: RoleFilterProps | undefined;
}): JSX.Element {
  const styles = useResultStyles();
  const roles = ROLES_AND_UNCLASSIFIED.filter(
    (r) => r !== 'Unclassified' || summary.counts.Unclassified > 0,
  );
  const max = Math.max(1, ...roles.map((r) => summary.counts[r]));
  return (
    <section className={styles.section} aria-labelledby="roles-heading">
      <Text as="h2" id="roles-heading" size={400} weight="semibold" className={styles.heading}>
        {PANE_WORDS.results.roles}
      </Text>
      {filter ? (
        <Text size={200} className={styles.muted} id="roles-filter-hint">
          {filter.active === null
            ? PANE_WORDS.results.roleFilterHint(summary.sheet)
            : PANE_WORDS.results.roleFiltered(summary.sheet, filter.active)}
        </Text>
      ) : null}
      <table className={styles.table} data-testid="role-chart">
        <caption className={styles.srOnly}>{PANE_WORDS.results.rolesCaption}</caption>
        <thead>
          <tr>
            <th scope="col" className={mergeClasses(styles.th, styles.roleCell)}>
              {PANE_WORDS.results.role}
            </th>
            <th scope="col" className={styles.th}>
              <span className={styles.srOnly}>{PANE_WORDS.results.bar}</span>
            </th>
            <th scope="col" className={mergeClasses(styles.th, styles.numCell)}>
              {PANE_WORDS.results.count}
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
            {PANE_WORDS.results.showAll}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
