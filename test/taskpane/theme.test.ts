import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { fluentTheme, luminance, themeNameFromOffice } from '../../src/taskpane/theme';

describe('following the Office theme', () => {
  it.each([
    ['no Office theme (older hosts, tests)', undefined, 'light'],
    ['isDarkTheme true', { isDarkTheme: true, bodyBackgroundColor: '#FFFFFF' }, 'dark'],
    [
      'isDarkTheme false wins over a dark body',
      { isDarkTheme: false, bodyBackgroundColor: '#000000' },
      'light',
    ],
    ['Black theme body colour without isDarkTheme', { bodyBackgroundColor: '#262626' }, 'dark'],
    ['Dark gray body colour without isDarkTheme', { bodyBackgroundColor: '#474747' }, 'dark'],
    ['Colorful/White body colour without isDarkTheme', { bodyBackgroundColor: '#FFFFFF' }, 'light'],
    ['an unreadable colour falls back to light', { bodyBackgroundColor: 'transparent' }, 'light'],
  ] as const)('%s → %s', (_name, theme, expected) => {
    expect(themeNameFromOffice(theme)).toBe(expected);
  });

  it('computes relative luminance of hex colours', () => {
    expect(luminance('#FFFFFF')).toBeCloseTo(1, 5);
    expect(luminance('000000')).toBeCloseTo(0, 5);
    expect(luminance('#0072B2')).toBeGreaterThan(0.1);
    expect(luminance('red')).toBeNull();
  });

  it('maps theme names to Fluent themes', () => {
    expect(fluentTheme('dark')).toBe(webDarkTheme);
    expect(fluentTheme('light')).toBe(webLightTheme);
  });
});
