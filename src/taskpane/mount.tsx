/** Mounting the pane into the page: shared by the Office entry and the browser-test harness. */

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { RoleMapService } from '../core/service';
import { OutsideOffice, PaneRoot } from './Root';
import type { ThemeName } from './theme';

function rootElement(): HTMLElement {
  const el = document.getElementById('root');
  if (!el) throw new Error('The task pane page has no #root element.');
  return el;
}

/** Renders the task pane over a service. */
export function mountPane(service: RoleMapService, theme: ThemeName): void {
  createRoot(rootElement()).render(
    <StrictMode>
      <PaneRoot service={service} theme={theme} />
    </StrictMode>,
  );
}

/** Renders the "runs inside Excel" page. */
export function mountOutsideOffice(theme: ThemeName): void {
  createRoot(rootElement()).render(
    <StrictMode>
      <OutsideOffice theme={theme} />
    </StrictMode>,
  );
}

/** Light or dark for pages without Office: the browser's preference. */
export function browserThemeName(): ThemeName {
  return typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
}
