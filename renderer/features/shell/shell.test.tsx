import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/domain/settings';
import { err, ok } from '../../../shared/result';
import { App } from '../../app';
import { createAppStore } from '../../store';
import { fakeApi } from '../../test-fixtures/fake-api';

describe('app shell', () => {
  it('names the shell and version once connected', async () => {
    render(<App store={createAppStore(fakeApi())} />);
    expect(await screen.findByTestId('shell-status-shell')).toHaveProperty('textContent', 'Electron');
    expect(screen.getByTestId('shell-status-version').textContent).toBe('v1.2.3');
    expect(screen.getByTestId('shell-header-title').textContent).toBe('Liquidation Guard');
  });

  it('says it is connecting before the services answer', () => {
    render(<App store={createAppStore(fakeApi({ getAppInfo: () => new Promise(() => undefined) }))} />);
    expect(screen.getByTestId('shell-status-bar').textContent).toContain('Connecting');
  });

  it('shows a service error in words', async () => {
    const api = fakeApi({
      getAppInfo: () => Promise.resolve(err('network', 'The background service is not answering.')),
    });
    render(<App store={createAppStore(api)} />);
    expect((await screen.findByTestId('shell-status-error')).textContent).toBe(
      'The background service is not answering.',
    );
  });

  it('shows the settings notice when the stored file was repaired', async () => {
    const api = fakeApi({
      getSettings: () =>
        Promise.resolve(ok({ settings: defaultSettings(), notice: 'Some stored values were invalid.' })),
    });
    render(<App store={createAppStore(api)} />);
    expect((await screen.findByTestId('shell-status-notice')).textContent).toBe('Some stored values were invalid.');
  });

  it('offers both ways in: adding a key opens the accounts screen with its form', async () => {
    render(<App store={createAppStore(fakeApi())} />);
    expect(screen.getByTestId('accounts-empty-demo-button').textContent).toBe('Try the demo');
    screen.getByTestId('accounts-empty-add-button').click();
    expect(await screen.findByTestId('accounts-add-form')).toBeTruthy();
  });
});
