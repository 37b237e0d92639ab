/**
 * A titled section that opens and closes (a disclosure button with aria-expanded). Used
 * instead of Fluent's Accordion, whose closing panel passes `inert={true}`, which React 18
 * rejects with a console error.
 */

import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { useId, useState } from 'react';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  heading: { margin: 0 },
  toggle: {
    width: '100%',
    justifyContent: 'flex-start',
    paddingLeft: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    textAlign: 'left',
  },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalXS,
    minWidth: 0,
  },
});

export interface DisclosureProps {
  title: string;
  defaultOpen?: boolean;
  children: ReactNode;
}

/** A section whose heading button shows or hides its content. */
export function Disclosure({ title, defaultOpen = false, children }: DisclosureProps): JSX.Element {
  const styles = useStyles();
  const [open, setOpen] = useState(defaultOpen);
  const panelId = useId();
  return (
    <section>
      <h2 className={styles.heading}>
        <Button
          appearance="subtle"
          className={styles.toggle}
          icon={open ? <ChevronDownRegular /> : <ChevronRightRegular />}
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen(!open)}
        >
          {title}
        </Button>
      </h2>
      <div id={panelId} className={styles.panel} hidden={!open}>
        {open ? children : null}
      </div>
    </section>
  );
}
