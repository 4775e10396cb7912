import { describe, expect, it } from 'vitest';
import type { Market } from '../../../shared/domain/market';
import type { MarketRisk, RiskReport } from '../../../shared/domain/risk-report';
import { defaultSettings } from '../../../shared/domain/settings';
import type { Snapshot } from '../../../shared/domain/snapshot';
import { REGIME_PARAMS } from '../../../shared/risk/regime';
import { buildRiskReport } from '../../../shared/risk/report';
import { fixtureSnapshot } from '../../test-fixtures/snapshot';
import {
  computePlan,
  defaultPlannerInput,
  parseDecimal,
  plannerChoices,
  reconcileInput,
  type PlannerContext,
  type PlannerInput,
} from './planner-model';

/**
 * The planner reproduces risk-method.md's worked examples when its market carries their inputs: BTC long, entry
 * 100,000, E = 50,000, ATR 2,400, σ 60 %, regime ELEVATED, fees 0.05 %/0.05 %, MMR 0.4 % (one tier, cum 0), no book.
 */
const settings = defaultSettings();

function exampleContext(state: 'ELEVATED' | 'NORMAL' = 'ELEVATED'): PlannerContext {
  const base = fixtureSnapshot();
  const btc = base.markets.find((m) => m.base === 'BTC') as Market;
  const market: Market = {
    ...btc,
    markPrice: 100_000,
    indexPrice: 100_000,
    takerFee: 0.0005,
    tickSize: 0.1,
    amountStep: 0.001,
    orderBook: null,
    maxLeverage: 125,
    tiers: [
      {
        tier: 1,
        minNotional: 0,
        maxNotional: 1e12,
        maintenanceMarginRate: 0.004,
        maintenanceAmount: 0,
        maxLeverage: 125,
      },
    ],
  };
  const snapshot: Snapshot = {
    ...base,
    markets: [market],
    positions: [],
    balances: base.balances.map((b) => ({ ...b, equity: 50_000, walletBalance: 50_000, equityUsd: 50_000 })),
  };
  const built = buildRiskReport({ now: snapshot.takenAt, snapshot, settings });
  const risk = built.markets[0] as MarketRisk;
  const figure = (value: number | null) => ({ value, source: 'input' as const, reason: value === null ? 'n/a' : null });
  const patched: MarketRisk = {
    ...risk,
    volatility: { ...risk.volatility, sigmaAnnual: figure(0.6), garmanKlassAnnual: figure(null), atr14: figure(2_400) },
    regime: {
      ...risk.regime,
      long: {
        ...risk.regime.long,
        state,
        sizeMultiplier: settings.regimeMultipliers[state],
      },
    },
  };
  const report: RiskReport = { ...built, markets: [patched] };
  return { snapshot, report, settings };
}

const planWith = (patch: Partial<PlannerInput>, ctx = exampleContext()) =>
  computePlan({ ...defaultPlannerInput(ctx.snapshot, settings), ...patch }, ctx);

const close = (actual: number | null | undefined, expected: number, tolerance: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual ?? NaN) - expected)).toBeLessThanOrEqual(tolerance);
};

describe('planner sizing, risk-method.md E12 (ELEVATED, ATR stop at 2 × 2,400)', () => {
  const plan = planWith({ entry: '100000', stopMode: 'atr', atrMultiple: '2', leverage: '5' });

  it('stops at 95,200 and sizes on the risk budget: Q_risk 0.073021 floored to the 0.001 lot', () => {
    expect(plan.errors).toEqual({});
    close(plan.stop.value, 95_200, 1e-6); // E3/E12: S = 100,000 − 2 × 2,400
    close(plan.size?.lossPerUnit, 5_135.481, 1e-3); // E12: ℓ = 5,038 + 50 + 47.481
    expect(plan.size?.quantity).toBe(0.073); // E12: Q_sugg 0.073021, floored to the lot
    expect(plan.size?.binding).toBe('risk');
    expect(plan.size?.reason).toMatch(/^capped by risk budget: 0\.75 % of equity/);
  });

  it('lists every cap with its size: volatility 0.125 (E12), gross 1.0 (E12 G_max 2×), depth unavailable', () => {
    const caps = Object.fromEntries((plan.size?.caps ?? []).map((c) => [c.id, c.quantity]));
    close(caps['risk'] ?? null, 375 / 5_135.481, 1e-6);
    close(caps['volatility'] ?? null, 0.125, 1e-9); // E12: 50,000 × 0.15 / 0.60 / 100,000
    close(caps['gross'] ?? null, 1, 1e-9); // E12: Q_gross = 1.0
    expect(caps['depth']).toBeNull(); // no order book in this context
  });

  it('suggests 5× (regime cap over the stop’s 8.366×), and at 5× liquidation sits at 80,321.29 (E12)', () => {
    expect(plan.size?.leverage?.suggested).toBe(5);
    close(plan.size?.leverage?.maxForStop, 8.366, 5e-4);
    close(plan.liquidation?.price.value, 80_321.29, 0.01); // venue-exact Binance isolated, MMR 0.4 %, cum 0
    close(plan.liquidation?.margin.value, (0.073 * 100_000) / 5, 1e-6);
  });

  it('says how the regime changed it: NORMAL would give 0.100 BTC (E3: Q 0.100145), ELEVATED cuts 27 % to 0.073', () => {
    expect(plan.regime?.state).toBe('ELEVATED');
    expect(plan.regime?.normalQuantity).toBe(0.1);
    expect(plan.regime?.sentence).toBe(
      'Under NORMAL conditions the suggestion would be 0.100 BTC; the ELEVATED regime for longs cuts it by 27 % to 0.073 BTC.',
    );
    expect(plan.regime?.changes).toContain('risk per trade capped at 0.75 % of equity (you asked 1.00 %)');
    expect(plan.regime?.changes).toContain('isolated leverage ≤ 5× (NORMAL 10×)');
  });

  it('under NORMAL nothing is scaled down', () => {
    const normal = planWith({ entry: '100000', atrMultiple: '2' }, exampleContext('NORMAL'));
    expect(normal.regime?.sentence).toBe('The market is NORMAL for longs: nothing is scaled down.');
    expect(normal.size?.quantity).toBe(0.1); // E3
  });
});

describe('planner liquidation distance and 24 h touch, risk-method.md E6, E13–E15', () => {
  // E6: 10× isolated long at 100,000, MMR 0.4 % → LP 90,361.4458, whatever the size (one tier, cum 0).
  const plan = planWith({ entry: '100000', leverage: '10' });

  it('prices liquidation at 90,361.45 and measures it in %, ATR and daily σ (E13)', () => {
    close(plan.liquidation?.price.value, 90_361.4458, 1e-3);
    close(plan.liquidation?.distance?.fraction, 0.096386, 1e-6);
    close(plan.liquidation?.distance?.atr, 4.016, 5e-4);
    close(plan.liquidation?.distance?.sigma, 3.2272, 5e-4);
  });

  it('gives the Gaussian 24 h touch 0.12500 % (E14) and the jump overlay 0.34102 % (E15 c); P_fat is the largest', () => {
    const t = plan.liquidation?.touch24h;
    close(t?.gaussian, 0.00125, 0.00125 * 0.005);
    close(t?.jumpOverlay ?? null, 0.0034102, 0.0034102 * 0.005);
    expect(t?.fat).toBe(Math.max(t?.gaussian ?? 0, t?.stressedSigma ?? 0, t?.jumpOverlay ?? 0));
  });

  it('warns when the chosen leverage liquidates before the stop fills', () => {
    const tight = planWith({ entry: '100000', leverage: '40' });
    expect(tight.liquidation?.warning).toMatch(/^At 40\.00× the position is liquidated at .* before the stop fills/);
  });
});

describe('planner stop ladder, risk-method.md E19 (deepest rung at a 3 ATR stop)', () => {
  const plan = planWith({ entry: '100000', atrMultiple: '3' });
  const rungs = plan.ladder?.rungs ?? [];

  it('uses the settings’ multiples (1.5, 2.25, 3) and weights, moving the 92,800 rung off the 93,000 cluster', () => {
    expect(rungs.map((r) => r.atrMultiple)).toEqual([1.5, 2.25, 3]);
    expect(rungs.map((r) => r.trigger)).toEqual([96_400, 94_600, 92_510]); // E19 raw stops, the last moved
    rungs.forEach((r, i) => close(r.fill, [96_159, 94_127, 91_816.175][i] ?? NaN, 1e-6)); // E19 fills
    rungs.forEach((r, i) => close(r.lossPerUnit, [3_939.0795, 5_970.0635, 8_279.7331][i] ?? NaN, 1e-3)); // E19 ℓ_i
  });

  it('covers the suggested size and gives each rung its 7-day touch probability (E19: 0.65903 / 0.50407 / 0.34878)', () => {
    close(plan.ladder?.quantity, plan.size?.quantity ?? NaN, 1e-9);
    rungs.forEach((r, i) => close(r.touchProbability, [0.65903, 0.50407, 0.34878][i] ?? NaN, 5e-5));
    expect(plan.ladder?.worstCaseLoss).toBeLessThanOrEqual(plan.ladder?.riskBudget ?? 0);
  });
});

describe('planner bad input is named per field', () => {
  // Each row: the field typed, what was typed, the field whose error shows, the words.
  const cases: readonly [string, Partial<PlannerInput>, string, string][] = [
    ['empty entry', { entry: '' }, 'entry', 'Enter the entry price.'],
    ['entry not a number', { entry: 'abc' }, 'entry', 'The entry price must be a number, e.g. 100000.0.'],
    ['entry with commas', { entry: '100,000' }, 'entry', 'Write the entry price without commas, e.g. 100000.0.'],
    ['negative entry', { entry: '-5' }, 'entry', 'The entry price must be above zero.'],
    [
      'long stop above entry',
      { entry: '100000', stopMode: 'price', stopPrice: '101000' },
      'stopPrice',
      'For a long the stop must be below the entry (100,000.00).',
    ],
    [
      'short stop below entry',
      { entry: '100000', side: 'short', stopMode: 'price', stopPrice: '99000' },
      'stopPrice',
      'For a short the stop must be above the entry (100,000.00).',
    ],
    ['empty stop', { stopMode: 'price', stopPrice: '' }, 'stopPrice', 'Enter the stop price.'],
    ['negative stop', { stopMode: 'price', stopPrice: '-1' }, 'stopPrice', 'The stop price must be above zero.'],
    ['zero ATR multiple', { atrMultiple: '0' }, 'atrMultiple', 'The ATR multiple must be above zero.'],
    ['huge ATR multiple', { atrMultiple: '50' }, 'atrMultiple', 'Use an ATR multiple of at most 20.'],
    ['empty risk', { riskPercent: ' ' }, 'riskPercent', 'Enter the risk per trade.'],
    ['negative risk', { riskPercent: '-1' }, 'riskPercent', 'The risk per trade must be above 0 %.'],
    [
      'risk above 10 %',
      { riskPercent: '12' },
      'riskPercent',
      "The risk per trade is at most 10 % of equity (the settings' limit).",
    ],
    ['empty leverage', { leverage: '' }, 'leverage', 'Enter the leverage.'],
    ['leverage below 1', { leverage: '0.5' }, 'leverage', 'The leverage must be at least 1×.'],
    ['leverage above the venue max', { leverage: '150' }, 'leverage', 'Binance allows at most 125× on BTC/USDT:USDT.'],
    ['hex is not a number', { leverage: '0x10' }, 'leverage', 'The leverage must be a number, e.g. 5.'],
    ['unknown account', { accountId: 'nobody' }, 'account', 'Choose an account.'],
  ];
  it.each(cases)('%s', (_name, patch, field, message) => {
    const plan = planWith(patch);
    expect(plan.errors).toEqual({ [field]: message });
  });

  it('an ATR multiple that would put the stop at or below zero is refused', () => {
    const ctx = exampleContext();
    const risk = ctx.report.markets[0] as MarketRisk;
    const wide: MarketRisk = {
      ...risk,
      volatility: { ...risk.volatility, atr14: { value: 10_000, source: 'input', reason: null } },
    };
    const plan = computePlan(
      { ...defaultPlannerInput(ctx.snapshot, settings), entry: '100000', atrMultiple: '12' },
      { ...ctx, report: { ...ctx.report, markets: [wide] } },
    );
    expect(plan.errors).toEqual({ atrMultiple: '12.00 × ATR (10,000.00) puts the stop at or below zero.' });
    expect(plan.size).toBeNull();
  });

  it('a bad stop blocks the size and the ladder with the reason, never a number', () => {
    const plan = planWith({ stopMode: 'price', stopPrice: 'abc' });
    expect(plan.size).toBeNull();
    expect(plan.sizeReason).toBe('Fix the stop.');
    expect(plan.ladder).toBeNull();
    expect(plan.liquidation).toBeNull();
  });

  it('a bad leverage keeps the size but withholds the liquidation price', () => {
    const plan = planWith({ leverage: '150' });
    expect(plan.size?.quantity).toBeGreaterThan(0);
    expect(plan.liquidation).toBeNull();
    expect(plan.liquidationReason).toBe('Fix the leverage.');
  });

  it('leverage above the tier the notional lands in is refused with the tier named', () => {
    const ctx = exampleContext();
    const market = ctx.snapshot.markets[0] as Market;
    const tiers = [
      {
        tier: 1,
        minNotional: 0,
        maxNotional: 5_000,
        maintenanceMarginRate: 0.004,
        maintenanceAmount: 0,
        maxLeverage: 125,
      },
      {
        tier: 2,
        minNotional: 5_000,
        maxNotional: 1e12,
        maintenanceMarginRate: 0.01,
        maintenanceAmount: 30,
        maxLeverage: 20,
      },
    ];
    const snapshot = { ...ctx.snapshot, markets: [{ ...market, tiers }] };
    const plan = computePlan(
      { ...defaultPlannerInput(snapshot, settings), entry: '100000', leverage: '50' },
      { ...ctx, snapshot },
    );
    // 0.073 BTC × 100,000 = 7,300 USDT: tier 2, max 20×.
    expect(plan.errors).toEqual({ leverage: "At 7,300 USDT notional, Binance's tier 2 allows at most 20×." });
  });
});

describe('planner choices and defaults', () => {
  it('offers linear markets of connected venues, BTC first, and starts from the mark and the settings’ risk', () => {
    const snapshot = fixtureSnapshot();
    const choices = plannerChoices(snapshot);
    expect(choices.venues).toEqual(['binance']);
    expect(choices.markets.binance?.map((m) => m.symbol)).toEqual(['BTC/USDT:USDT', 'ETH/USDT:USDT']);
    const input = defaultPlannerInput(snapshot, settings);
    expect(input).toMatchObject({
      venue: 'binance',
      symbol: 'BTC/USDT:USDT',
      entry: '96000.0', // test-fixtures/snapshot.ts: BTC mark 96,000, tick 0.1
      riskPercent: '1', // SETTINGS_DEFAULTS.riskPercent
      stopMode: 'atr',
      atrMultiple: '2',
      accountId: 'acct-1',
      countOpenPositions: true,
    });
  });

  it('counts the open gross toward the cap unless told not to', () => {
    const ctx = { snapshot: fixtureSnapshot(), settings, report: null as unknown as RiskReport };
    const report = buildRiskReport({ now: ctx.snapshot.takenAt, snapshot: ctx.snapshot, settings });
    const counted = computePlan(defaultPlannerInput(ctx.snapshot, settings), { ...ctx, report });
    const flat = computePlan(
      { ...defaultPlannerInput(ctx.snapshot, settings), countOpenPositions: false },
      { ...ctx, report },
    );
    // test-fixtures/snapshot.ts: 0.5 BTC × 96,000 + 4 ETH × 3,480 = 61,920 USDT open.
    expect(counted.openGross).toBeCloseTo(61_920, 6);
    const gross = (plan: typeof counted) => plan.size?.caps.find((c) => c.id === 'gross')?.quantity ?? NaN;
    // §1.7: Q_gross = (G_max·E − open gross)/P0, never below 0; E = 25,000 and P0 = 96,000 in the fixture.
    const gMax = REGIME_PARAMS[report.markets.find((m) => m.base === 'BTC')?.regime.long.state ?? 'NORMAL'].grossCap;
    expect(gross(flat)).toBeCloseTo((gMax * 25_000) / 96_000, 9);
    expect(gross(counted)).toBeCloseTo(Math.max(0, (gMax * 25_000 - 61_920) / 96_000), 9);
  });

  it('re-bases the plan when the data changes under it, keeping what still applies', () => {
    const full = fixtureSnapshot();
    const empty = { ...full, markets: [] };
    // Opened before any market arrived: the account's venue, no market yet; the first markets then give the defaults.
    const early = defaultPlannerInput(empty, settings);
    expect(early).toMatchObject({ venue: 'binance', symbol: '', entry: '' });
    expect(reconcileInput(early, full, settings)).toMatchObject({ venue: 'binance', symbol: 'BTC/USDT:USDT' });
    // Still valid: the very same plan, typed entry included.
    const eth = {
      ...defaultPlannerInput(full, settings, { venue: 'binance', symbol: 'ETH/USDT:USDT' }),
      entry: '3000',
    };
    expect(reconcileInput(eth, full, settings)).toBe(eth);
    // Its market gone: back to BTC at the mark, the trader's risk and side kept.
    const gone = { ...full, markets: full.markets.filter((m) => m.base !== 'ETH') };
    const rebased = reconcileInput({ ...eth, riskPercent: '0.5', side: 'short' }, gone, settings);
    expect(rebased).toMatchObject({ symbol: 'BTC/USDT:USDT', entry: '96000.0', riskPercent: '0.5', side: 'short' });
  });

  it('parses strictly: no blanks as zero, no hex, no thousands separators', () => {
    expect(parseDecimal(' 1.5 ', 'x', '1')).toEqual({ ok: true, value: 1.5 });
    expect(parseDecimal('1e3', 'x', '1')).toEqual({ ok: true, value: 1000 });
    expect(parseDecimal('', 'the x', '1')).toEqual({ ok: false, problem: 'Enter the x.' });
    expect(parseDecimal('1e999', 'the x', '1')).toEqual({ ok: false, problem: 'The x is too large.' });
    expect(parseDecimal('Infinity', 'the x', '1').ok).toBe(false);
    expect(parseDecimal('NaN', 'the x', '1').ok).toBe(false);
  });
});
