import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/domain/settings';
import type { Snapshot } from '../../../shared/domain/snapshot';
import type { Api } from '../../../shared/ipc/contract';
import { createAppStore, StoreContext } from '../../store';
import { FIXTURE_NOW, fixtureSnapshot } from '../../test-fixtures/snapshot';
import { PlannerScreen } from './planner-screen';

const fakeApi = { on: () => () => undefined } as unknown as Api;

function renderPlanner(snapshot: Snapshot | null) {
  const store = createAppStore(fakeApi);
  store.setState({ settings: defaultSettings() });
  store.setState({ snapshot });
  render(
    <StoreContext.Provider value={store}>
      <PlannerScreen />
    </StoreContext.Provider>,
  );
  return store;
}

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const errorOf = (testId: string) => screen.queryByTestId(`${testId}-error`)?.textContent ?? null;
const noBadNumbers = () => expect(document.body.textContent).not.toMatch(/NaN|Infinity|undefined/);

describe('planner states', () => {
  it('no data: says why and offers the two ways in', () => {
    renderPlanner(null);
    expect(screen.getByTestId('planner-empty-message').textContent).toContain('connect an account or try the demo');
    expect(screen.getByTestId('accounts-empty-demo-button')).toBeTruthy();
  });

  it('ok: starts on BTC at the mark and names the binding cap; with the account flat it gives a size and a ladder', () => {
    renderPlanner(fixtureSnapshot());
    // test-fixtures/snapshot.ts: one Binance account, BTC mark 96,000 (tick 0.1).
    expect(screen.getByTestId<HTMLSelectElement>('planner-venue-select').value).toBe('binance');
    expect(screen.getByTestId<HTMLSelectElement>('planner-symbol-select').value).toBe('BTC/USDT:USDT');
    expect(screen.getByTestId<HTMLInputElement>('planner-entry-input').value).toBe('96000.0');
    expect(screen.getByTestId<HTMLInputElement>('planner-risk-input').value).toBe('1');
    // Every cap is listed and exactly one row is marked binding.
    const caps = within(screen.getByTestId('planner-caps-table'));
    expect(caps.getAllByRole('row')).toHaveLength(5); // header + risk, volatility, depth, gross
    expect(screen.getAllByText('binding')).toHaveLength(1);
    noBadNumbers();

    // The fixture account already holds 61,920 USDT gross on 25,000 equity: untick to plan it flat.
    fireEvent.click(screen.getByTestId('planner-count-open-input'));
    expect(screen.getByTestId('planner-size-value').textContent).toMatch(/^\d+\.\d{3} BTC$/);
    expect(screen.getByTestId('planner-size-value').textContent).not.toBe('0.000 BTC');
    expect(screen.getByTestId('planner-size-reason').textContent).toMatch(/^Capped by /);
    expect(screen.getAllByTestId('planner-ladder-row')).toHaveLength(3); // settings: 3 rungs
    expect(screen.getByTestId('planner-liq-value').textContent).toMatch(/^\d{2},\d{3}\.\d{2}$/);
    expect(screen.getByTestId('planner-touch-value').textContent).toMatch(/ %$/);
    expect(screen.getByTestId('planner-regime-text').textContent).not.toBe('');
    noBadNumbers();
  });

  it('the binding cap is shown with more decimals than the size, never rounded up past it', () => {
    renderPlanner(fixtureSnapshot());
    fireEvent.click(screen.getByTestId('planner-count-open-input'));
    // A stop at 1.4 ATR: the risk-budget cap is between 0.0095 and 0.0100 BTC, so the size, rounded down to the
    // 0.001 BTC lot (test-fixtures/snapshot.ts), is 0.009 BTC; shown with 3 decimals the cap read "0.010 BTC".
    type('planner-atr-input', '1.4');
    expect(screen.getByTestId('planner-size-value').textContent).toBe('0.009 BTC');
    const cap = screen.getByTestId('planner-cap-risk-row');
    expect(cap.getAttribute('data-binding')).toBe('true');
    expect(cap.querySelectorAll('td')[1]?.textContent).toMatch(/^0\.009\d{2} BTC$/);
    noBadNumbers();
  });

  it('stale data: says which venue is stale and since when, and still plans on the last good data', () => {
    renderPlanner(
      fixtureSnapshot({
        statuses: [
          {
            accountId: 'acct-1',
            venue: 'binance',
            state: 'stale',
            lastOkAt: FIXTURE_NOW - 120_000,
            error: { code: 'rate_limited', message: 'Binance is rate-limiting requests; retrying in 30 s.' },
          },
        ],
      }),
    );
    const callout = screen.getByTestId('planner-stale-callout').textContent;
    expect(callout).toContain('Binance data is stale since');
    expect(callout).toContain('rate-limiting');
    expect(screen.getByTestId('planner-caps-table')).toBeTruthy();
  });
});

describe('planner bad input is named under its field, live', () => {
  // Each row: field, what the trader typed, the words under the field.
  const cases: readonly [string, string, string][] = [
    ['planner-entry-input', '', 'Enter the entry price.'],
    ['planner-entry-input', 'abc', 'The entry price must be a number, e.g. 96000.0.'],
    ['planner-entry-input', '-96000', 'The entry price must be above zero.'],
    ['planner-atr-input', '', 'Enter the ATR multiple.'],
    ['planner-atr-input', '-2', 'The ATR multiple must be above zero.'],
    ['planner-risk-input', '', 'Enter the risk per trade.'],
    ['planner-risk-input', '-1', 'The risk per trade must be above 0 %.'],
    ['planner-risk-input', 'one', 'The risk per trade must be a number, e.g. 1.'],
    ['planner-leverage-input', '', 'Enter the leverage.'],
    // test-fixtures/snapshot.ts: maxLeverage 125 on every market.
    ['planner-leverage-input', '126', 'Binance allows at most 125× on BTC/USDT:USDT.'],
  ];
  it.each(cases)('%s ← %j', (testId, value, message) => {
    renderPlanner(fixtureSnapshot());
    type(testId, value);
    expect(errorOf(testId)).toBe(message);
    expect(screen.getByTestId(testId).getAttribute('aria-invalid')).toBe('true');
    noBadNumbers();
  });

  it('a stop price on the wrong side of the entry', () => {
    renderPlanner(fixtureSnapshot());
    fireEvent.click(screen.getByLabelText('Price'));
    // Switching to a price starts from the ATR stop, below the entry for a long: valid.
    expect(errorOf('planner-stop-input')).toBeNull();
    type('planner-stop-input', '97000');
    expect(errorOf('planner-stop-input')).toBe('For a long the stop must be below the entry (96,000.00).');
    expect(screen.getByTestId('planner-size-blocked').textContent).toBe('Fix the stop.');
    expect(screen.getByTestId('planner-ladder-blocked').textContent).toBe('Fix the stop.');
    fireEvent.click(screen.getByLabelText('Short'));
    expect(errorOf('planner-stop-input')).toBeNull();
    noBadNumbers();
  });

  it('fixing the input clears the message', () => {
    renderPlanner(fixtureSnapshot());
    type('planner-risk-input', '-1');
    expect(errorOf('planner-risk-input')).not.toBeNull();
    type('planner-risk-input', '0.5');
    expect(errorOf('planner-risk-input')).toBeNull();
  });
});
