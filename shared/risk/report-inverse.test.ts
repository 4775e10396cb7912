import { describe, expect, it } from 'vitest';
import type { Balance } from '../domain/account';
import { emptyCandleSeries, type CandleSeries, type Market, type Tier } from '../domain/market';
import { seriesFromBars } from '../domain/test-candles';
import { sideFromLevels } from '../domain/test-book';
import type { Position } from '../domain/position';
import { RiskReportSchema, type RiskReport } from '../domain/risk-report';
import { defaultSettings } from '../domain/settings';
import { fmt } from './format';
import { singleTier } from './liquidation';
import { positionLadderOrders } from './ladder-orders';
import { buildRiskReport } from './report';
import { reportLadderOnDemand } from './position-ladder';
import { ladderRung, ladderRungList } from './stops';
import { suggestionText } from './suggestion-text';
import { ladderProblemText } from './ladder-problem-text';

const NOW = 1_750_000_000_000;
const DAY = 86_400_000;

/** Daily bars alternating ±r in log price, ending at `last` (as in report.test.ts): EWMA σ_d is exactly r. */
function alternating(last: number, sigmaAnnual: number, n = 60): CandleSeries {
  const r = sigmaAnnual / Math.sqrt(365);
  const closes = Array.from({ length: n }, (_, i) => last * Math.exp(((n - 1 - i) % 2) * r));
  return seriesFromBars(
    closes.map((c, i) => {
      const o = i === 0 ? c * Math.exp(r) : closes[i - 1]!;
      return { time: NOW - (n - i) * DAY, open: o, high: Math.max(o, c), low: Math.min(o, c), close: c, volume: 1 };
    }),
  );
}

/** Binance COIN-M BTCUSD perpetual: $100 contracts, settled in BTC. */
const market = (price: number, sigma: number, tiers: Tier[] = [singleTier(0.004)]): Market => ({
  venue: 'binance',
  symbol: 'BTC/USD:BTC',
  base: 'BTC',
  quote: 'USD',
  settle: 'BTC',
  kind: 'inverse',
  contractSize: 100,
  tickSize: 0.1,
  amountStep: 1,
  minAmount: 0,
  maxLeverage: 125,
  takerFee: 0.0005,
  markPrice: price,
  indexPrice: null,
  funding: null,
  openInterest: null,
  longShortRatio: null,
  orderBook: null,
  candles: { '1h': emptyCandleSeries(), '1d': alternating(price, sigma) },
  tiers,
  updatedAt: NOW,
  missing: [],
});

const position = (side: 'long' | 'short', contracts: number, entry: number, over: Partial<Position> = {}): Position => {
  const mark = over.markPrice ?? entry;
  return {
    id: `acct-1|BTC/USD:BTC|${side}`,
    accountId: 'acct-1',
    venue: 'binance',
    symbol: 'BTC/USD:BTC',
    base: 'BTC',
    quote: 'USD',
    settle: 'BTC',
    kind: 'inverse',
    side,
    contracts,
    contractSize: 100,
    sizeBase: (contracts * 100) / mark,
    notionalUsd: contracts * 100,
    entryPrice: entry,
    markPrice: mark,
    leverage: null,
    marginMode: 'isolated',
    positionMode: 'one-way',
    isolatedMarginSettle: null,
    maintenanceMarginSettle: null,
    maintenanceMarginRate: null,
    initialMarginSettle: null,
    unrealizedPnlSettle: null,
    exchangeLiquidationPrice: null,
    updatedAt: NOW,
    missing: [],
    ...over,
  };
};

const balance = (equity: number, price: number): Balance => ({
  accountId: 'acct-1',
  venue: 'binance',
  currency: 'BTC',
  equity,
  walletBalance: equity,
  availableMargin: null,
  crossMaintenanceMargin: null,
  crossUnrealizedPnl: null,
  marginRatio: null,
  equityUsd: equity * price,
  updatedAt: NOW,
});

const build = (positions: Position[], balances: Balance[], markets: Market[]): RiskReport =>
  buildRiskReport({ now: NOW, settings: defaultSettings(), snapshot: { positions, markets, balances } });

const close = (actual: number, expected: number, relTol: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * relTol);

// Shared numbers (all from the fixtures above):
// - σ = 60 % a year from the alternating candles, σ_d = 0.6/√365 = 0.0314054; ATR(14) = 3,190.6194 (stats.ts on
//   the same candles, read back from report.markets).
// - Regime NORMAL (no crowding signals): r = 1 %, s_i = 0.1 / 0.2 / 0.3 %, depth haircut 1 (risk-method.md §3.5);
//   default ladder 1.5 / 2.25 / 3 ATR weighted 0.4 / 0.3 / 0.3 (§4.1); taker fee 0.05 % in and out.
// - Inverse PnL (liquidation.md §2): a $100 contract long from P0 loses F·(1/X − 1/P0) BTC at X, so with fees the
//   coin loss per contract is ℓ_c = F·(1.0005/X − 0.9995/P0) (sizing.ts inverseLossPerContract, §4.3 in the coin).

describe('inverse isolated long through the report: 500 × $100 BTCUSD (0.5 BTC at 100,000), 0.05 BTC margin, 1 BTC equity', () => {
  const report = build(
    [position('long', 500, 100_000, { isolatedMarginSettle: 0.05, leverage: 10 })],
    [balance(1, 100_000)],
    [market(100_000, 0.6)],
  );
  const p = report.positions[0]!;
  const ladder = p.ladder!;

  it('is valid against the report schema and no longer lists the ladder as missing', () => {
    expect(RiskReportSchema.parse(report)).toEqual(report);
    expect(p.missing.map((m) => m.field)).not.toContain('ladder');
  });
  it('liquidation.md §2 one-way: LP = Q·CS·(MMR + 1)/(WB + Q·CS/EP) = 50,000 × 1.004/(0.05 + 0.5) = 91,272.73', () => {
    close(p.liquidation.used.value!, 91_272.7273, 1e-9);
    close(report.markets[0]!.volatility.atr14.value!, 3_190.6194, 1e-7);
  });
  it.each([
    // tranche, raw trigger P0 − k·ATR, trigger (round-number move §4.1, tick 0.1 up), fill S·(1 − s_i), ℓ_c, contracts
    [1, 95_214.0709, 95_214.1, 95_118.8859, 0.0000523415881, 200],
    // 92,821.11 sits in the 93,000 zone (92,750, 93,050]: 93,000 − (250 + 0.1 × 3,190.62) = 92,430.94 → 92,431.0
    [2, 92_821.1063, 92_431, 92_246.138, 0.0000850982517, 150],
    [3, 90_428.1418, 90_428.2, 90_156.9154, 0.000110231844, 150],
  ] as const)(
    'rung %i: raw %f → trigger %f, fills at %f, loses %f BTC per contract, %i contracts',
    (t, raw, trig, fill, lc, n) => {
      const r = ladderRung(ladder.rungs, t - 1);
      close(r.rawTrigger, raw, 1e-9);
      expect(r.trigger).toBe(trig);
      close(r.fill, fill, 1e-12);
      // 500 contracts split 0.4 / 0.3 / 0.3 in whole contracts: 200 / 150 / 150 (the last takes the remainder).
      expect(r.contracts).toBe(n);
      // Base units at the mark: contracts × 100/100,000.
      close(r.quantity, (n * 100) / 100_000, 1e-12);
      close(r.loss, n * lc, 1e-8);
    },
  );
  it('loss if every rung fills 0.0104683 + 0.0127647 + 0.0165348 = 0.0397678 BTC against the budget 1 % × 1 BTC = 0.01 BTC', () => {
    close(ladder.worstCaseLoss, 0.0397678, 1e-6);
    expect(ladder.riskBudget).toBe(0.01);
    // Σ q_i·ℓ_i·P_hit,i with the driftless 7-day touch probabilities (§4.3, §2.2).
    const expected = ladderRungList(ladder.rungs).reduce((sum, r) => sum + r.loss * r.touchProbability!, 0);
    close(ladder.expectedLoss7d!, expected, 1e-12);
    close(ladder.expectedLoss7d!, 0.013931, 1e-5);
  });
  it('risk budget: N = R/Σw·ℓ_c = 0.01/0.0000795357 = 125.73 → keep 125 contracts, reduce 375 ($100 each, 0.375 BTC)', () => {
    // Σw·ℓ_c = 0.4 × 0.0000523416 + 0.3 × 0.0000850983 + 0.3 × 0.000110232 = 0.0000795357 BTC per contract.
    const prob = ladder.problems.find((x) => x.constraint === 'risk_budget')!;
    close(prob.reduceBy, 0.375, 1e-12);
    expect(ladderProblemText(prob).fix).toBe(
      'reduce the position by 375 contracts of $100 (0.375000 BTC) to 125 contracts, or move the stops closer',
    );
    expect(ladderProblemText(prob).detail).toBe(
      'if every rung fills the loss is 0.039768 BTC, above the 0.010000 BTC budget',
    );
  });
  it('liquidation buffer (§4.2): bound 90,156.92/(1 + 1.5953 %) = 88,741.22; margin N·F·(1 + MMR)·(1/bound − 1/LP) = 0.0156898 BTC', () => {
    // b_liq = max(1 %, 0.5 × 3,190.62/100,000) = 1.5953 %. 50,000 × 1.004 × (1/88,741.218 − 1/91,272.727) = 0.0156898.
    const prob = ladder.problems.find((x) => x.constraint === 'liquidation_buffer')!;
    close(prob.addMargin!, 0.0156898, 1e-5);
    expect(prob.reduceBy).toBeNull(); // isolated: reducing shrinks the margin too
    expect(ladderProblemText(prob).fix).toMatch(
      /^add 0\.015690 BTC of margin so the deepest stop fills before liquidation/u,
    );
  });
  it('add margin for 4 daily σ: target 100,000·e^(−4 × 0.0314054) = 88,194.84; 50,200 × (1/88,194.84 − 1/91,272.73) = 0.0191943 BTC', () => {
    const s = report.suggestions.find((x) => x.kind === 'add_margin')!;
    expect(s.unit).toBe('BTC');
    close(s.amount!, 0.0191943, 1e-5);
    expect(suggestionText(s)).toMatch(
      /^BTC\/USD:BTC long: add 0\.019194 BTC of margin to bring liquidation to 4\.0 daily σ \(88,194\.84\)/u,
    );
    // The ladder's 0.015690 is smaller, so this 0.019194 meets both goals.
    expect(suggestionText(s)).toMatch(
      /needs 0\.015690 BTC of margin for a different goal .*: this 0\.019194 meets both$/u,
    );
  });
  it('leverage when the exchange reports none: $50,000 / (0.05 BTC × 100,000) = 10× (the margin is coin, valued at the mark)', () => {
    const r = build(
      [position('long', 500, 100_000, { isolatedMarginSettle: 0.05, leverage: null })],
      [balance(1, 100_000)],
      [market(100_000, 0.6)],
    );
    expect(r.positions[0]!.leverage).toEqual({ value: 10, source: 'computed', reason: null });
  });
  it('the stop-ladder suggestion names contracts and coin amounts', () => {
    expect(suggestionText(report.suggestions.find((x) => x.kind === 'stop_ladder')!)).toBe(
      '3 staggered reduce-only stop-market orders in contracts of $100 on the mark price at 1.50 / 2.25 / 3.00 ATR: loss if all fill 0.039768 BTC (budget 0.010000), expected over 7 days 0.013931',
    );
  });
  it('suggested orders (ladder-orders.ts): reduce-only sell stop-markets on the mark, amounts in contracts, triggers on the tick', () => {
    const orders = positionLadderOrders(p);
    expect(orders.map((o) => [o.type, o.side, o.reduceOnly, o.triggerType, o.amount, o.triggerPrice])).toEqual([
      ['stop-market', 'sell', true, 'mark', 200, 95_214.1],
      ['stop-market', 'sell', true, 'mark', 150, 92_431],
      ['stop-market', 'sell', true, 'mark', 150, 90_428.2],
    ]);
    for (const o of orders) expect(Math.abs(o.triggerPrice * 10 - Math.round(o.triggerPrice * 10))).toBeLessThan(1e-6);
    close(orders[0]!.lossIfFilled, 200 * 0.0000523415881, 1e-8);
  });
});

describe('inverse cross long at watch: the reduction in contracts and coin (liquidation.md §2, risk-method.md §2.1)', () => {
  // WB 0.06 BTC, 500 × $100 at 100,000, MMR 0.4 %: LP = 50,200/(0.06 + 0.5) = 89,642.86, ln(100,000/89,642.86)/σ_d
  // = 3.48 daily σ ≤ 4 → watch. A = N·F·[(MMR + 1)/LP − 1/P] = 0.06 BTC; to reach T = 88,194.84 (4 σ):
  // N' = A/(F·[1.004/T − 1/P]) = 0.06/(100 × 1.38391e-8) = 433.56 → 433, reduce 67 contracts (0.067 BTC at mark);
  // then LP' = 43,300 × 1.004/(0.06 + 0.433) = 88,180.93 (4.005 σ). Or add 50,200 × (1/T − 1/LP) = 0.0091943 BTC.
  const report = build(
    [position('long', 500, 100_000, { marginMode: 'cross' })],
    [balance(0.06, 100_000)],
    [market(100_000, 0.6)],
  );
  const p = report.positions[0]!;

  it('LP 89,642.86, 3.48 daily σ → watch', () => {
    close(p.liquidation.used.value!, 89_642.857, 1e-7);
    close(p.distance.sigma!, 3.48146, 1e-5);
    expect(p.severity).toBe('watch');
  });
  it('reduce 67 contracts of $100 (0.067 BTC), or add 0.009194 BTC of margin', () => {
    const s = report.suggestions.find((x) => x.kind === 'reduce_position')!;
    expect(s).toMatchObject({ amount: 67, unit: 'contracts of $100' });
    expect(suggestionText(s)).toBe(
      'BTC/USD:BTC long: reduce 67 contracts of $100 (0.067000 BTC at mark; to 433) to bring liquidation to 4.0 daily σ (88,180.93), or add 0.009194 BTC of margin; the stop ladder needs 0.005690 BTC of margin for a different goal (its deepest stop filling before liquidation with the buffer): this 0.009194 meets both',
    );
  });
  it('the ladder (§4.2, bound 88,741.22): add 50,200 × (1/88,741.22 − 1/89,642.86) = 0.0056898 BTC, or keep 0.06/(100 × [1.004/88,741.22 − 10⁻⁵]) = 456.69 → 456 contracts', () => {
    const prob = p.ladder!.problems.find((x) => x.constraint === 'liquidation_buffer')!;
    close(prob.addMargin!, 0.0056898, 1e-5);
    // reduceBy is in base units at the mark (LadderProblem): 44 contracts × 100/100,000 = 0.044 BTC.
    close(prob.reduceBy!, 0.044, 1e-12);
    expect(ladderProblemText(prob).fix).toMatch(
      /^add 0\.005690 BTC of margin so the deepest stop fills before liquidation with the 1\.60 % buffer, or reduce the position by 44 contracts of \$100 \(0\.044000 BTC\), or keep the deepest stop above /u,
    );
  });
  it('budget 1 % × 0.06 BTC = 0.0006 BTC: N = 0.0006/0.0000795357 = 7.54 → keep 7 contracts', () => {
    const prob = p.ladder!.problems.find((x) => x.constraint === 'risk_budget')!;
    expect(p.ladder!.riskBudget).toBe(0.0006);
    expect(ladderProblemText(prob).fix).toBe(
      'reduce the position by 493 contracts of $100 (0.493000 BTC) to 7 contracts, or move the stops closer',
    );
  });
});

describe('inverse short with an order book: per-rung slippage from the book (§1.6, §4.2)', () => {
  // Asks (a short exits by buying) 100,010 × 0.05 BTC then 101,000 × 10 BTC; bids 99,990 × 10: mid 100,000.
  // 100 × $100 short = 0.1 BTC at 100,000 → rungs 40 / 30 / 30 contracts = 0.04 / 0.03 / 0.03 BTC, each filled
  // within the first ask: VWAP 100,010 → slippage 0.01 % < s_i, so the regime's s_i holds. With a thinner first
  // ask (0.01 BTC): rung 1 buys 0.01 @ 100,010 + 0.03 @ 101,000 → VWAP 100,752.5 → 0.7525 % > 0.1 %: the book's.
  const book = (first: number) => ({
    bids: sideFromLevels([[99_990, 10]]),
    asks: sideFromLevels([
      [100_010, first],
      [101_000, 10],
    ]),
    time: NOW,
  });
  // A safe short in a NORMAL regime: the report keeps its stop-ladder suggestion but not its rungs, which are made
  // on demand from the same snapshot (position-ladder.ts reportLadderOnDemand), inverse as linear.
  const snapshotFor = (first: number) => ({
    positions: [position('short', 100, 100_000, { marginMode: 'isolated', isolatedMarginSettle: 0.05, leverage: 2 })],
    markets: [{ ...market(100_000, 0.6), orderBook: book(first) }],
    balances: [balance(1, 100_000)],
  });
  const run = (first: number) => {
    const snapshot = snapshotFor(first);
    const report = build(snapshot.positions, snapshot.balances, snapshot.markets);
    const p = report.positions[0]!;
    expect([p.severity, p.regime.state, p.ladder]).toEqual(['safe', 'NORMAL', null]);
    return reportLadderOnDemand(report, snapshot, defaultSettings(), p)!;
  };

  it('the on-demand ladder is the one the report priced: its suggestion names the same coin loss and budget', () => {
    const snapshot = snapshotFor(0.05);
    const report = build(snapshot.positions, snapshot.balances, snapshot.markets);
    const ladder = reportLadderOnDemand(report, snapshot, defaultSettings(), report.positions[0]!)!;
    expect(ladder.rungs.contracts).toEqual([40, 30, 30]);
    // Budget 1 % × 1 BTC = 0.01 BTC, in the coin with 6 decimals as the report's sentence gives it.
    expect(ladder.riskBudget).toBe(0.01);
    expect(suggestionText(report.suggestions.find((x) => x.kind === 'stop_ladder')!)).toContain(
      `in contracts of $100 on the mark price at 1.50 / 2.25 / 3.00 ATR: loss if all fill ${fmt(ladder.worstCaseLoss, 6)} BTC (budget 0.010000)`,
    );
  });

  it.each([
    // first ask size, rung 1 book slippage, slippage used
    [0.05, 0.0001, 0.001],
    [0.01, 0.007525, 0.007525],
  ] as const)('first ask %f BTC: rung 1 book slippage %f, used %f', (first, bookSlip, used) => {
    const r = ladderRung(run(first).rungs, 0);
    expect(r.contracts).toBe(40);
    close(r.bookSlippage!, bookSlip, 1e-9);
    close(r.slippage, used, 1e-9);
    // A short fills at S·(1 + s) and loses F·(1/P0 − 1/X) BTC per contract (liquidation.md §2 with side −1), plus
    // fees F·(0.0005/P0 + 0.0005/X) (sizing.ts inverseLossPerContract).
    close(r.fill, r.trigger * (1 + used), 1e-12);
    const lc = 100 * (-(1 / r.fill - 1 / 100_000) + 0.0005 / 100_000 + 0.0005 / r.fill);
    close(r.loss, 40 * lc, 1e-9);
  });
});
