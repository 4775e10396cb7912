import { describe, expect, it } from 'vitest';
import type { Market } from '../../../shared/domain/market';
import type { MarketRisk, RiskReport } from '../../../shared/domain/risk-report';
import { defaultSettings } from '../../../shared/domain/settings';
import type { Snapshot } from '../../../shared/domain/snapshot';
import { REGIME_PARAMS } from '../../../shared/risk/regime';
import { buildRiskReport } from '../../../shared/risk/report';
import { ladderRungList } from '../../../shared/risk/stops';
import { fixtureSnapshot } from '../../test-fixtures/snapshot';
import {
  computePlan,
  defaultListedSymbol,
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
  const rungs = plan.ladder === null ? [] : ladderRungList(plan.ladder.rungs);

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

/**
 * Coin-margined (inverse) markets: Binance COIN-M BTC/USD:BTC, $100 contracts, lot 1 contract, the same worked
 * inputs as above (entry 100,000, ATR 2,400, σ 60 %, ELEVATED, fees 0.05 %, MMR 0.4 % cum 0, no book) with the
 * equity held in BTC: 0.5 BTC (= 50,000 USD at the entry). Hand-worked numbers: shared/risk/sizing.test.ts
 * ("inverse size pipeline") and stops.test.ts (inverse E19).
 */
function inverseContext(
  venue: 'binance' | 'okx' = 'binance',
  state: 'ELEVATED' | 'NORMAL' = 'ELEVATED',
): PlannerContext {
  const ctx = exampleContext(state);
  const linear = ctx.snapshot.markets[0] as Market;
  const market: Market = {
    ...linear,
    venue,
    symbol: 'BTC/USD:BTC',
    quote: 'USD',
    settle: 'BTC',
    kind: 'inverse',
    contractSize: 100,
    amountStep: 1,
    minAmount: 1,
    // Tier notional in BTC for inverse markets (domain/market.ts TierSchema).
    tiers: [
      {
        tier: 1,
        minNotional: 0,
        maxNotional: 0.1,
        maintenanceMarginRate: 0.004,
        maintenanceAmount: 0,
        maxLeverage: 125,
      },
      {
        tier: 2,
        minNotional: 0.1,
        maxNotional: 1e6,
        maintenanceMarginRate: 0.01,
        maintenanceAmount: 0.03,
        maxLeverage: 20,
      },
    ],
  };
  const account = { ...(ctx.snapshot.accounts[0] as Snapshot['accounts'][number]), venue };
  const usdt = ctx.snapshot.balances[0] as Snapshot['balances'][number];
  const snapshot: Snapshot = {
    ...ctx.snapshot,
    accounts: [account],
    markets: [market],
    balances: [
      { ...usdt, venue },
      { ...usdt, venue, currency: 'BTC', equity: 0.5, walletBalance: 0.5, equityUsd: 50_000 },
    ],
    statuses: ctx.snapshot.statuses.map((st) => ({ ...st, venue })),
  };
  const risk = ctx.report.markets[0] as MarketRisk;
  const report: RiskReport = { ...ctx.report, markets: [{ ...risk, marketKey: `${venue}|BTC/USD:BTC` }] };
  return { snapshot, report, settings };
}

const planInverse = (patch: Partial<PlannerInput>, ctx = inverseContext()) =>
  computePlan({ ...defaultPlannerInput(ctx.snapshot, settings), ...patch }, ctx);

describe('planner on an inverse market (Binance COIN-M BTC/USD:BTC, $100 contracts, 0.5 BTC equity)', () => {
  const plan = planInverse({ entry: '100000', stopMode: 'atr', atrMultiple: '2', leverage: '5' });

  it('is offered, and sizes from the account’s BTC equity (not its USDT): 69 contracts of $100', () => {
    expect(plannerChoices(inverseContext().snapshot).markets.binance?.map((m) => m.symbol)).toEqual(['BTC/USD:BTC']);
    expect(plan.errors).toEqual({});
    expect(plan.inverse).toEqual({ faceValue: 100, coin: 'BTC', equityUsd: 50_000 });
    expect(plan.equity.value).toBe(0.5);
    expect(plan.currency).toBe('BTC');
    // ℓ_c = 100·(1.0005/94,962 − 0.9995/100,000) = 0.0000540793 BTC; R = 0.75 % × 0.5 = 0.00375 BTC → 69.34 → 69.
    expect(plan.size?.quantity).toBe(69);
    expect(plan.size?.binding).toBe('risk');
    close(plan.size?.notional, 6_900, 1e-9); // 69 × $100
    close(plan.size?.lossPerUnit, 0.0000540793265, 1e-12);
  });

  it('caps in contracts: volatility 12,500 USD/100 = 125, gross 2 × 50,000/100 = 1,000', () => {
    const caps = Object.fromEntries((plan.size?.caps ?? []).map((c) => [c.id, c.quantity]));
    close(caps['volatility'] ?? null, 125, 1e-9);
    close(caps['gross'] ?? null, 1_000, 1e-9);
  });

  it('leverage from the stop: inverse L_max 7.3667 capped at 5×; at 5× Binance COIN-M liquidates at 83,666.67', () => {
    expect(plan.size?.leverage?.suggested).toBe(5);
    close(plan.size?.leverage?.maxForStop, 7.366667, 1e-5);
    // liquidation.md §2 one-way, WB = 69 × 100/(100,000 × 5) = 0.0138 BTC, cum 0:
    // LP = 6,900 × (0.004 + 1)/(0.0138 + 6,900/100,000) = 6,927.6/0.0828 = 83,666.67.
    close(plan.liquidation?.price.value, 83_666.666667, 1e-6);
    close(plan.liquidation?.margin.value, 0.0138, 1e-12);
    expect(plan.liquidation?.warning).toBeNull();
  });

  it('the regime sentence speaks in contracts', () =>
    expect(plan.regime?.sentence).toMatch(
      /contracts of \$100; the ELEVATED regime for longs cuts it by \d+ % to 69 contracts of \$100\.$/u,
    ));

  it('the ladder covers the 69 contracts in whole contracts, losses in BTC within the budget', () => {
    const ladder = plan.ladder!;
    expect(ladder.orders.reduce((sum, o) => sum + o.amount, 0)).toBe(69);
    // Weights 0.4/0.3/0.3 of 69: floor(27.6) = 27, floor(20.7) = 20, the rest 22.
    expect(ladder.orders.map((o) => o.amount)).toEqual([27, 20, 22]);
    close(ladder.quantity, 0.069, 1e-12); // base units at the entry: 69 × 100/100,000
    close(ladder.riskBudget, 0.00375, 1e-12);
    expect(ladder.worstCaseLoss).toBeLessThanOrEqual(ladder.riskBudget);
  });

  it('E19 on the inverse contract: the deepest fill 91,816.175 clears liquidation with the 1.2 % buffer up to 9×', () => {
    const deep = planInverse({ entry: '100000', atrMultiple: '3' });
    // b_liq = max(1 %, 0.5 × 2,400/100,000) = 1.2 %; bound = 91,816.175/1.012 = 90,727.45; d = 9.27255 %;
    // inverse L_max = (1 − 0.0927255)/(0.0927255 + 0.004) = 0.9072745/0.0967255 = 9.379885 → 9; Binance COIN-M at 9×: 100,400/(10/9) = 90,360.
    close(deep.ladder?.liquidation.liquidationBound, 90_727.445652, 1e-5);
    close(deep.ladder?.liquidation.maxLeverage, 9.379885, 1e-6);
    expect(deep.ladderMaxLeverage).toBe(9);
    // 10× would liquidate at 100,400/1.1 = 91,272.73, inside the buffer: the planner says so.
    const ten = planInverse({ entry: '100000', atrMultiple: '3', leverage: '10' });
    expect(ten.liquidation?.warning).toMatch(
      /^At 10\.00× liquidation \(91,272\.73\) sits inside the 1\.20 % buffer .*use at most 9×\.$/u,
    );
  });

  it('a short sizes on the mirrored stop: ℓ_c 0.0000491570 → 76 contracts; at 5× liquidation at 124,500', () => {
    const short = planInverse({ entry: '100000', side: 'short', atrMultiple: '2', leverage: '5' });
    expect(short.size?.quantity).toBe(76);
    close(short.liquidation?.price.value, 124_500, 1e-6); // 100,000 × 0.996/(1 − 1/5)
  });

  it('an account with no BTC balance is named under the account field, never sized from its USDT', () => {
    const ctx = inverseContext();
    const noCoin = {
      ...ctx,
      snapshot: { ...ctx.snapshot, balances: ctx.snapshot.balances.filter((b) => b.currency !== 'BTC') },
    };
    const p = planInverse({ entry: '100000' }, noCoin);
    expect(p.errors).toEqual({ account: 'Binance main has no BTC balance: choose another account.' });
    expect(p.size).toBeNull();
  });

  it('leverage above the tier the coin value lands in is refused in BTC and USD', () => {
    // Tier 2 starts at 0.1 BTC. Risk 10 % with a 0.1 % stop: the volatility cap binds at 50,000 × 0.2/0.6 = 16,667 USD
    // = 166 contracts = 0.166 BTC, in tier 2 (max 20×).
    const p = planInverse(
      { entry: '100000', stopMode: 'price', stopPrice: '99900', riskPercent: '10', leverage: '50' },
      inverseContext('binance', 'NORMAL'),
    );
    const q = p.size?.quantity ?? 0;
    expect(q).toBe(166);
    expect(p.errors.leverage).toMatch(
      /^At [\d.]+ BTC position value \([\d,]+ USD\), Binance's tier 2 allows at most 20×\.$/u,
    );
  });

  it('OKX: its fee term steps the suggested leverage down (7× → 6×, LP 86,100), as in sizing.test.ts', () => {
    // NORMAL, stop 94,937.5: d_req 12.125 %, bound 87,875; OKX inverse at 7× liquidates at 87,893.75, at 6× at 86,100.
    const okx = planInverse(
      { entry: '100000', stopMode: 'price', stopPrice: '94937.5', leverage: '6' },
      inverseContext('okx', 'NORMAL'),
    );
    expect(okx.size?.leverage?.suggested).toBe(6);
    close(okx.size?.leverage?.liquidationPrice, 86_100, 1e-6);
    close(okx.liquidation?.price.value, 86_100, 1e-6);
  });
});

describe('planner venues: an account with no open position still gives its venue', () => {
  it('lists the venue (after those with markets) with no market loaded; the plan asks for a market', () => {
    const base = fixtureSnapshot();
    const okxAccount = {
      ...(base.accounts[0] as Snapshot['accounts'][number]),
      accountId: 'acct-okx',
      venue: 'okx' as const,
      label: 'OKX flat',
    };
    const snapshot: Snapshot = { ...base, accounts: [...base.accounts, okxAccount] };
    const choices = plannerChoices(snapshot);
    expect(choices.venues).toEqual(['binance', 'okx']);
    expect(choices.markets.okx).toBeUndefined();
    expect(choices.accounts.okx).toEqual([{ accountId: 'acct-okx', label: 'OKX flat' }]);
    const input = defaultPlannerInput(snapshot, settings, { venue: 'okx' });
    expect(input).toMatchObject({ venue: 'okx', symbol: '', entry: '', accountId: 'acct-okx' });
    const report = buildRiskReport({ now: snapshot.takenAt, snapshot, settings });
    const plan = computePlan(input, { snapshot, report, settings });
    expect(plan.errors).toEqual({ symbol: 'You hold no OKX position: choose one of its markets to read it from OKX.' });
    // Only accounts matter: with no market at all, the venue is still offered.
    expect(plannerChoices({ ...snapshot, markets: [] }).venues).toEqual(['binance', 'okx']);
  });

  it('starts such a venue on its BTC linear perpetual', () => {
    expect(
      defaultListedSymbol([
        { symbol: 'ADA/USDT:USDT', base: 'ADA', kind: 'linear' },
        { symbol: 'BTC/USD:BTC', base: 'BTC', kind: 'inverse' },
        { symbol: 'BTC/USDT:USDT', base: 'BTC', kind: 'linear' },
      ]),
    ).toBe('BTC/USDT:USDT');
    expect(defaultListedSymbol([])).toBeNull();
  });
});
