/** Office theme → Fluent theme: the pane follows Excel's light or dark look. */

import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { Theme } from '@fluentui/react-components';

export type ThemeName = 'light' | 'dark';

/** The part of Office.OfficeTheme the pane reads (so tests can pass a plain object). */
export interface OfficeThemeLike {
  isDarkTheme?: boolean;
  bodyBackgroundColor?: string;
}

/** Relative luminance (0..1) of "#RRGGBB" or "RRGGBB"; null when it is not such a colour. */
export function luminance(color: string): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const hex = m[1]!;
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/**
 * Light or dark from Office's theme: `isDarkTheme` where the host reports it, else the body
 * background's luminance (older hosts), else light.
 */
export function themeNameFromOffice(theme: OfficeThemeLike | undefined | null): ThemeName {
  if (!theme) return 'light';
  if (typeof theme.isDarkTheme === 'boolean') return theme.isDarkTheme ? 'dark' : 'light';
  const lum = theme.bodyBackgroundColor ? luminance(theme.bodyBackgroundColor) : null;
  return lum !== null && lum < 0.4 ? 'dark' : 'light';
}

/** The Fluent theme object for a theme name. */
export function fluentTheme(name: ThemeName): Theme {
  return name === 'dark' ? webDarkTheme : webLightTheme;
}
