import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/domain/settings';
import type { Api } from '../../../shared/ipc/contract';
import { ok } from '../../../shared/result';
import { createAppStore, StoreContext, type AppState } from '../../store';
import { FIXTURE_NOW, fixtureSnapshot } from '../../test-fixtures/snapshot';
import { Dashboard } from './dashboard';

const fakeApi = {
  refresh: () => Promise.resolve(ok(fixtureSnapshot())),
  on: () => () => undefined,
} as unknown as Api;

function renderDashboard(setup: Partial<AppState>) {
  const store = createAppStore(fakeApi);
  store.setState({ settings: defaultSettings() });
  store.setState(setup);
  render(
    <StoreContext.Provider value={store}>
      <Dashboard />
    </StoreContext.Provider>,
  );
  return store;
}

describe('dashboard states', () => {
  it('empty: no snapshot offers the two ways in', () => {
    renderDashboard({ snapshot: null });
    expect(screen.getByTestId('accounts-empty-state')).toBeTruthy();
    expect(screen.getByTestId('positions-empty-message')).toBeTruthy();
  });

  it('ok: one row per position, the near-liquidation BTC long first, with the account strip and warnings', () => {
    renderDashboard({ snapshot: fixtureSnapshot() });
    const rows = screen.getAllByTestId('positions-row');
    expect(rows.map((row) => row.getAttribute('data-position-id'))).toEqual([
      // test-fixtures/snapshot.ts: the BTC long is 20× isolated with mark 96,000 vs liquidation ≈95,400.
      'acct-1|BTC/USDT:USDT|long',
      'acct-1|ETH/USDT:USDT|short',
    ]);
    expect(rows[0]?.getAttribute('data-severity')).toMatch(/danger|critical/);
    expect(screen.getByTestId('dashboard-account-strip').textContent).toContain('Binance main');
    expect(screen.getByTestId('dashboard-source-acct-1').getAttribute('data-state')).toBe('ok');
    expect(screen.getAllByTestId('dashboard-warning-group').length).toBeGreaterThan(0);
  });

  it('stale: the last good data stays, the source says since when and why', () => {
    const snapshot = fixtureSnapshot({
      statuses: [
        {
          accountId: 'acct-1',
          venue: 'binance',
          state: 'stale',
          lastOkAt: FIXTURE_NOW - 120_000,
          error: { code: 'rate_limited', message: 'Binance is rate-limiting requests; retrying in 30 s.' },
        },
      ],
    });
    renderDashboard({ snapshot });
    const source = screen.getByTestId('dashboard-source-acct-1');
    expect(source.getAttribute('data-state')).toBe('stale');
    expect(source.textContent).toContain('stale since');
    expect(source.textContent).toContain('rate-limiting');
    expect(screen.getAllByTestId('positions-row')).toHaveLength(2);
  });

  it('error: a failed refresh is reported beside the data, which stays', () => {
    renderDashboard({
      snapshot: fixtureSnapshot(),
      snapshotError: { code: 'network', message: 'The background service is not answering.' },
    });
    expect(screen.getByRole('alert').textContent).toContain('The figures below are from the last successful refresh.');
    expect(screen.getAllByTestId('positions-row')).toHaveLength(2);
  });

  it('never shows NaN, Infinity or undefined anywhere', () => {
    renderDashboard({ snapshot: fixtureSnapshot() });
    const text = document.body.textContent;
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    const firstRow = screen.getAllByTestId('positions-row')[0]!;
    expect(within(firstRow).getByText('BTC/USDT:USDT')).toBeTruthy();
  });
});
