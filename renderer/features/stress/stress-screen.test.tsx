import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/domain/settings';
import type { Snapshot } from '../../../shared/domain/snapshot';
import type { Api } from '../../../shared/ipc/contract';
import { createAppStore, StoreContext } from '../../store';
import { FIXTURE_NOW, fixtureSnapshot } from '../../test-fixtures/snapshot';
import { StressScreen } from './stress-screen';

const fakeApi = { on: () => () => undefined } as unknown as Api;

function renderStress(snapshot: Snapshot | null) {
  const store = createAppStore(fakeApi);
  store.setState({ settings: defaultSettings() });
  store.setState({ snapshot });
  render(
    <StoreContext.Provider value={store}>
      <StressScreen />
    </StoreContext.Provider>,
  );
  return store;
}

const row = (positionId: string) => {
  const found = screen.getAllByTestId('stress-grid-row').find((r) => r.getAttribute('data-position-id') === positionId);
  if (found === undefined) throw new Error(`no row ${positionId}`);
  return found;
};
const cellAt = (positionId: string, shock: number) => {
  const found = within(row(positionId))
    .getAllByTestId('stress-grid-cell')
    .find((c) => Number(c.getAttribute('data-shock')) === shock);
  if (found === undefined) throw new Error(`no cell at ${shock}`);
  return found;
};
const BTC_LONG = 'acct-1|BTC/USDT:USDT|long';
const ETH_SHORT = 'acct-1|ETH/USDT:USDT|short';
const noBadNumbers = () => expect(document.body.textContent).not.toMatch(/NaN|Infinity|undefined/);

describe('stress test states', () => {
  it('no data: says why and offers the two ways in', () => {
    renderStress(null);
    expect(screen.getByTestId('stress-empty-message').textContent).toContain('connect an account or try the demo');
    expect(screen.getByTestId('accounts-empty-demo-button')).toBeTruthy();
  });

  it('no positions: says there is nothing to stress', () => {
    renderStress({ ...fixtureSnapshot(), positions: [] });
    expect(screen.getByTestId('stress-empty-message').textContent).toBe('No open positions to stress.');
  });

  it('ok: one row per position, liquidation marked where the shock crosses it, PnL per account, chart and cross', () => {
    renderStress(fixtureSnapshot());
    expect(screen.getAllByTestId('stress-grid-row')).toHaveLength(2);
    expect(screen.getAllByTestId('stress-grid-shock').map((h) => h.textContent)).toEqual([
      'BTC −20 %',
      'BTC −15 %',
      'BTC −10 %',
      'BTC −5 %',
      'BTC +5 %',
      'BTC +10 %',
    ]);
    // test-fixtures/snapshot.ts: the BTC long is 20× isolated, mark 96,000, liquidation ≈95,400 (0.6 % away):
    // every fall on the grid crosses it; no rise does. The ETH short (3× cross) never reaches its price here.
    for (const shock of [-0.2, -0.15, -0.1, -0.05]) {
      expect(cellAt(BTC_LONG, shock).getAttribute('data-liquidated')).toBe('true');
      expect(cellAt(BTC_LONG, shock).textContent).toContain('LIQ');
    }
    for (const shock of [0.05, 0.1]) expect(cellAt(BTC_LONG, shock).getAttribute('data-liquidated')).toBe('false');
    for (const shock of [-0.2, -0.1, 0.1])
      expect(cellAt(ETH_SHORT, shock).getAttribute('data-liquidated')).toBe('false');
    // Uncapped, PnL = side·Q·mark·β·x: BTC 0.5 × 96,000 × −10 % = −4,800. But the BTC long is isolated and −10 % is
    // past its liquidation price: it is liquidated and loses what is left of its margin, no more (risk-method.md
    // §5.2): margin 0.5 × 100,000 / 20 = 2,500 plus uPnL 0.5 × (96,000 − 100,000) = −2,000 → −500 on every fall.
    for (const shock of [-0.2, -0.1, -0.05]) expect(cellAt(BTC_LONG, shock).textContent).toContain('−500');
    expect(cellAt(BTC_LONG, -0.1).textContent).not.toContain('−4,800');
    expect(cellAt(BTC_LONG, -0.1).getAttribute('title')).toContain('loses its margin of −500, no more');
    // A rise is not capped: +5 % → 0.5 × 96,000 × 5 % = +2,400.
    expect(cellAt(BTC_LONG, 0.05).textContent).toContain('+2,400');
    expect(screen.getAllByTestId('stress-grid-account-total')).toHaveLength(1);
    expect(screen.getAllByTestId('stress-chart-series')).toHaveLength(1);
    expect(screen.getAllByTestId('stress-chart-marker').length).toBeGreaterThanOrEqual(1);
    expect(screen.getAllByTestId('stress-cross-account')).toHaveLength(1);
    noBadNumbers();
  });

  it('stale data: says which venue is stale and keeps the grid on the last good data', () => {
    renderStress(
      fixtureSnapshot({
        statuses: [
          {
            accountId: 'acct-1',
            venue: 'binance',
            state: 'stale',
            lastOkAt: FIXTURE_NOW - 120_000,
            error: { code: 'network', message: 'Binance did not answer in time.' },
          },
        ],
      }),
    );
    expect(screen.getByTestId('stress-stale-callout').textContent).toContain('Binance data is stale since');
    expect(screen.getAllByTestId('stress-grid-row')).toHaveLength(2);
  });
});

describe('stress test betas', () => {
  it('a bad beta is named under its field and the engine’s beta stays in use', () => {
    renderStress(fixtureSnapshot());
    const before = row(ETH_SHORT).getAttribute('data-beta');
    for (const [text, message] of [
      ['abc', "ETH's beta must be a number, e.g. 1.3."],
      ['-1', "ETH's beta must be above 0 (it scales the BTC shock onto ETH)."],
      ['12', "ETH's beta must be at most 10 (§5.1: small caps run 2–4)."],
    ] as const) {
      fireEvent.change(screen.getByTestId('stress-beta-ETH-input'), { target: { value: text } });
      expect(screen.getByTestId('stress-beta-ETH-input-error').textContent).toBe(
        `${message} The engine’s beta is used until then.`,
      );
      expect(row(ETH_SHORT).getAttribute('data-beta')).toBe(before);
    }
    noBadNumbers();
  });

  it('a valid beta recomputes the grid live', () => {
    renderStress(fixtureSnapshot());
    fireEvent.change(screen.getByTestId('stress-beta-ETH-input'), { target: { value: '3' } });
    expect(screen.queryByTestId('stress-beta-ETH-input-error')).toBeNull();
    expect(row(ETH_SHORT).getAttribute('data-beta')).toBe('3');
    // Short 4 ETH at mark 3,480, ETH moves 3 × −10 % = −30 %: PnL = −1 × 4 × 3,480 × −0.3 = +4,176.
    expect(cellAt(ETH_SHORT, -0.1).textContent).toContain('+4,176');
  });

  it('“Use the §5.1 defaults” fills every field; “Use the engine’s” empties them', () => {
    renderStress(fixtureSnapshot());
    fireEvent.click(screen.getByTestId('stress-beta-defaults-button'));
    expect(screen.getByTestId<HTMLInputElement>('stress-beta-ETH-input').value).toBe('1.3');
    expect(row(ETH_SHORT).getAttribute('data-beta')).toBe('1.3');
    fireEvent.click(screen.getByTestId('stress-beta-reset-button'));
    expect(screen.getByTestId<HTMLInputElement>('stress-beta-ETH-input').value).toBe('');
  });
});
