import { describe, expect, it } from 'vitest';
import { emptyCandleSeries, type Market } from '../../../shared/domain/market';
import type { Position } from '../../../shared/domain/position';
import { defaultSettings } from '../../../shared/domain/settings';
import type { Snapshot } from '../../../shared/domain/snapshot';
import { buildRiskReport } from '../../../shared/risk/report';
import { fixtureSnapshot } from '../../test-fixtures/snapshot';
import {
  betaAssets,
  betaExtras,
  btcMoveToLiquidation,
  buildStressView,
  gridIndex,
  GRID_SHOCKS,
  parseBeta,
  TABLE_SHOCKS,
  valueAt,
} from './stress-model';

const settings = defaultSettings();

/**
 * risk-method.md E20: one cross wallet, WB = 15,000, longs BTC N 30,000 (β 1, MMR 0.4 %), ETH N 20,000 (β 1.3,
 * 0.5 %), SOL N 20,000 (β 1.8, 1 %), entries at the mark (no unrealised PnL), one tier each with cum 0.
 */
function e20Snapshot(): Snapshot {
  const base = fixtureSnapshot();
  const template = base.markets[0] as Market;
  const legs = [
    { asset: 'BTC', price: 100_000, notional: 30_000, mmr: 0.004 },
    { asset: 'ETH', price: 4_000, notional: 20_000, mmr: 0.005 },
    { asset: 'SOL', price: 200, notional: 20_000, mmr: 0.01 },
  ];
  const markets: Market[] = legs.map((l) => ({
    ...template,
    symbol: `${l.asset}/USDT:USDT`,
    base: l.asset,
    markPrice: l.price,
    indexPrice: l.price,
    // Too few candles for a beta estimate: the engine would take the §5.1 defaults; the test sets them explicitly.
    candles: { '1h': emptyCandleSeries(), '1d': emptyCandleSeries() },
    tiers: [
      {
        tier: 1,
        minNotional: 0,
        maxNotional: 1e12,
        maintenanceMarginRate: l.mmr,
        maintenanceAmount: 0,
        maxLeverage: 50,
      },
    ],
  }));
  const positions: Position[] = legs.map((l) => {
    const size = l.notional / l.price;
    return {
      id: `acct-1|${l.asset}/USDT:USDT|long`,
      accountId: 'acct-1',
      venue: 'binance',
      symbol: `${l.asset}/USDT:USDT`,
      base: l.asset,
      quote: 'USDT',
      settle: 'USDT',
      kind: 'linear',
      side: 'long',
      contracts: size,
      contractSize: 1,
      sizeBase: size,
      notionalUsd: l.notional,
      entryPrice: l.price,
      markPrice: l.price,
      leverage: null,
      marginMode: 'cross',
      positionMode: 'one-way',
      isolatedMarginSettle: null,
      maintenanceMarginSettle: l.notional * l.mmr,
      maintenanceMarginRate: l.mmr,
      initialMarginSettle: null,
      unrealizedPnlSettle: 0,
      exchangeLiquidationPrice: null,
      updatedAt: base.takenAt,
      missing: [],
    };
  });
  return {
    ...base,
    markets,
    positions,
    balances: base.balances.map((b) => ({
      ...b,
      equity: 15_000,
      walletBalance: 15_000,
      equityUsd: 15_000,
      crossMaintenanceMargin: 420,
      crossUnrealizedPnl: 0,
    })),
  };
}

const close = (actual: number | null | undefined, expected: number, tolerance: number) => {
  expect(actual).not.toBeNull();
  expect(actual).toBeDefined();
  expect(Math.abs((actual ?? NaN) - expected)).toBeLessThanOrEqual(tolerance);
};

describe('stress view, risk-method.md E20 (cross-margin stress with betas)', () => {
  const snapshot = e20Snapshot();
  const view = buildStressView({ snapshot, settings, regimeMemory: null, betas: { ETH: 1.3, SOL: 1.8 } });
  const account = view.accounts[0];

  it('runs the 1 % grid from −20 % to +10 %', () => {
    expect(view.shocks).toHaveLength(31);
    expect(view.shocks[0]).toBe(-0.2);
    expect(view.shocks[30]).toBe(0.1);
    expect(TABLE_SHOCKS.map(gridIndex)).toEqual([0, 5, 10, 15, 25, 30]);
  });

  it('sums the account PnL at each shock: −4,600 / −9,200 / −13,800 / −18,400 (E20 table)', () => {
    const at = (shock: number) => account?.pnl[gridIndex(shock)] ?? NaN;
    close(at(-0.05), -4_600, 1e-6);
    close(at(-0.1), -9_200, 1e-6);
    close(at(-0.15), -13_800, 1e-6);
    close(at(-0.2), -18_400, 1e-6);
  });

  it('finds the BTC move that liquidates the account, −15.954 % (E20), and marks −20 % liquidated', () => {
    close(account?.cross?.btcMoveToLiquidation.value, -0.15954, 5e-6);
    const rows = account?.cross?.rows;
    close(rows?.maintenance[gridIndex(-0.05)], 389.5, 1e-6); // E20: MM at −5 %
    expect(rows?.liquidated[gridIndex(-0.15)]).toBe(false); // E20: −15 % ok (amber/red)
    expect(rows?.liquidated[gridIndex(-0.2)]).toBe(true); // E20: −20 % liquidated
    expect(account?.cross?.highBeta).toEqual(['SOL']); // β 1.8 ≥ 1.5
  });

  it('passes edited betas to the engine: with SOL at 1.0 the account survives a deeper fall', () => {
    const calmer = buildStressView({ snapshot, settings, regimeMemory: null, betas: { ETH: 1.3, SOL: 1 } });
    // §5.2 closed form with SOL β 1: Σ N·β = 30,000 + 26,000 + 20,000 = 76,000; Σ N·β·MMR = 120 + 130 + 200 = 450
    // → x = (420 − 15,000)/(76,000 − 450) = −0.192985.
    close(calmer.accounts[0]?.cross?.btcMoveToLiquidation.value, -0.192985, 5e-6);
    const sol = calmer.accounts[0]?.positions.find((p) => p.base === 'SOL');
    expect(sol?.beta).toBe(1);
    expect(sol?.betaSource).toBe('input');
  });
});

describe('btcMoveToLiquidation', () => {
  it('E20 isolated alternative: SOL 5× isolated (MMR 1 %) dies at SOL −19.19 %, i.e. BTC −10.66 % at β 1.8', () => {
    const lp = (200 * (1 - 1 / 5)) / (1 - 0.01); // §1.5 isolated long, cum 0
    close(btcMoveToLiquidation('long', 200, lp, 1.8).value, -0.1066, 5e-5);
    close(lp / 200 - 1, -0.1919, 5e-5);
  });

  it('a short dies on a rise; a position past its price is at 0; an out-of-reach price has no move, with a reason', () => {
    close(btcMoveToLiquidation('short', 100, 110, 2).value, 0.05, 1e-12);
    expect(btcMoveToLiquidation('long', 100, 101, 1)).toEqual({
      value: 0,
      reason: 'the mark is already at or beyond the liquidation price',
    });
    expect(btcMoveToLiquidation('long', 100, 4, 1).value).toBeNull(); // −96 %: beyond the −95 % asset cap
    expect(btcMoveToLiquidation('long', 100, 50, 0.2).reason).toBe('BTC would have to fall more than 100 % at β 0.20');
  });
});

describe('betas', () => {
  const cases: readonly [string, ReturnType<typeof parseBeta>][] = [
    ['', { kind: 'engine' }],
    ['  ', { kind: 'engine' }],
    ['1.3', { kind: 'value', value: 1.3 }],
    ['.5', { kind: 'value', value: 0.5 }],
    ['10', { kind: 'value', value: 10 }],
    ['abc', { kind: 'invalid', error: "SOL's beta must be a number, e.g. 1.3." }],
    ['1,3', { kind: 'invalid', error: "Write SOL's beta with a dot, e.g. 1.3." }],
    ['0', { kind: 'invalid', error: "SOL's beta must be above 0 (it scales the BTC shock onto SOL)." }],
    ['-1.8', { kind: 'invalid', error: "SOL's beta must be above 0 (it scales the BTC shock onto SOL)." }],
    ['10.5', { kind: 'invalid', error: "SOL's beta must be at most 10 (§5.1: small caps run 2–4)." }],
    ['1e3', { kind: 'invalid', error: "SOL's beta must be a number, e.g. 1.3." }],
  ];
  it.each(cases)('parseBeta(%j)', (text, expected) => expect(parseBeta(text, 'SOL')).toEqual(expected));

  it('lists every non-BTC asset held with the engine’s betas and the §5.1 defaults', () => {
    const snapshot = e20Snapshot();
    const report = buildRiskReport({ now: snapshot.takenAt, snapshot, settings });
    const assets = betaAssets(report);
    expect(assets.map((a) => [a.asset, a.stressDefault])).toEqual([
      ['ETH', 1.3], // §5.1 stress defaults
      ['SOL', 1.8],
    ]);
    expect(assets[0]?.engine[0]).toMatchObject({ venue: 'binance', symbol: 'ETH/USDT:USDT', source: 'default' });
  });

  it('gives every market of an edited asset the trader’s beta', () => {
    expect(betaExtras(e20Snapshot(), { SOL: 2.5 })).toEqual({ 'binance|SOL/USDT:USDT': { beta: 2.5 } });
  });
});

describe('valueAt', () => {
  it('interpolates linearly between grid points and refuses outside the grid', () => {
    const values = GRID_SHOCKS.map((x) => 1000 * x);
    close(valueAt(GRID_SHOCKS, values, -0.155), -155, 1e-9);
    expect(valueAt(GRID_SHOCKS, values, -0.3)).toBeNull();
  });
});
