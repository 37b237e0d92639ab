/** @jest-environment jsdom */

import { render, screen } from '@testing-library/react';
import { OutsideOffice } from '../../src/taskpane/Root';

describe('outside Office', () => {
  it('says where the add-in runs and how to sideload it', () => {
    render(<OutsideOffice theme="light" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      'IoT Role Map runs inside Excel',
    );
    const page = screen.getByTestId('outside-office').textContent ?? '';
    expect(page).toContain('npm start');
    expect(page).toContain('manifest.xml');
    expect(page).toContain('Upload My Add-in');
  });
});
