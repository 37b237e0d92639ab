/** @jest-environment jsdom */

import { render, screen } from '@testing-library/react';
import { OutsideOffice } from '../../src/taskpane/Root';

describe('outside Office', () => {
  it('speaks to an Excel user: where the buttons are and whom to ask, no developer commands', () => {
    render(<OutsideOffice theme="light" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'IoT Role Map runs inside Excel',
    );
    const page = screen.getByTestId('outside-office').textContent ?? '';
    expect(page).toContain('Home tab');
    expect(page).toContain('Refresh roles');
    expect(page).toContain('ask your IT administrator');
    expect(page).not.toMatch(/npm|manifest\.xml|dev-server|sideload/i);
  });
});
