import { describe, expect, it } from 'vitest';
import type { Balance } from '../domain/account';
import { emptyCandleSeries, type CandleSeries, type Market, type Tier } from '../domain/market';
import { seriesFromBars } from '../domain/test-candles';
import type { Position } from '../domain/position';
import { RiskReportSchema, type RiskReport } from '../domain/risk-report';
import { defaultSettings } from '../domain/settings';
import { singleTier } from './liquidation';
import { fmt } from './format';
import { positionLadderOrders } from './ladder-orders';
import { buildRiskReport, type RiskReportInput } from './report';
import { suggestionText } from './suggestion-text';
import { ladderOnDemand } from './position-ladder';
import { distanceFigure } from './report-figures';
import { syntheticSnapshot } from './synthetic';
import { warningText } from './warning-text';
import { ladderProblemText } from './ladder-problem-text';

const NOW = 1_750_000_000_000;
const DAY = 86_400_000;
const close = (actual: number, expected: number, relTol: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * relTol);

/** Daily bars alternating ±r in log price, ending at `last`: EWMA σ_d is exactly r (seed and every r² equal). */
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

function market(
  base: string,
  price: number,
  sigma: number,
  tiers: Tier[] = [singleTier(0.004)],
  over: Partial<Market> = {},
): Market {
  return {
    venue: 'binance',
    symbol: `${base}/USDT:USDT`,
    base,
    quote: 'USDT',
    settle: 'USDT',
    kind: 'linear',
    contractSize: 1,
    tickSize: 0.1,
    amountStep: 0.001,
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
    ...over,
  };
}

function position(
  base: string,
  side: 'long' | 'short',
  qty: number,
  entry: number,
  over: Partial<Position> = {},
): Position {
  const accountId = over.accountId ?? 'acct-1';
  const symbol = `${base}/USDT:USDT`;
  const mark = over.markPrice ?? entry;
  return {
    id: `${accountId}|${symbol}|${side}`,
    accountId,
    venue: 'binance',
    symbol,
    base,
    quote: 'USDT',
    settle: 'USDT',
    kind: 'linear',
    side,
    contracts: qty,
    contractSize: 1,
    sizeBase: qty,
    notionalUsd: qty * mark,
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
}

const balance = (equity: number, over: Partial<Balance> = {}): Balance => ({
  accountId: 'acct-1',
  venue: 'binance',
  currency: 'USDT',
  equity,
  walletBalance: equity,
  availableMargin: null,
  crossMaintenanceMargin: null,
  crossUnrealizedPnl: null,
  marginRatio: null,
  equityUsd: equity,
  updatedAt: NOW,
  ...over,
});

const build = (over: Partial<RiskReportInput['snapshot']> & { extras?: RiskReportInput['marketExtras'] }): RiskReport =>
  buildRiskReport({
    now: NOW,
    settings: defaultSettings(),
    snapshot: { positions: over.positions ?? [], markets: over.markets ?? [], balances: over.balances ?? [] },
    ...(over.extras === undefined ? {} : { marketExtras: over.extras }),
  });

describe('one isolated BTC long: risk-method.md E6, E13, E14, E15 through the report', () => {
  // E6: Q 0.5 @ 100,000, WB 5,000 (10×), MMR 0.4 %; σ 60 % from candles; BTC jump overlay λ 6, η 5 %.
  const report = build({
    markets: [market('BTC', 100_000, 0.6)],
    positions: [
      position('BTC', 'long', 0.5, 100_000, {
        isolatedMarginSettle: 5_000,
        leverage: 10,
        exchangeLiquidationPrice: 90_361.45,
      }),
    ],
    balances: [balance(50_000)],
  });
  const p = report.positions[0]!;

  it('is valid against the report schema (every figure finite or null with a reason)', () => {
    expect(RiskReportSchema.parse(report)).toEqual(report);
  });
  it('LP 90,361.4458 from the Binance model, matching the exchange within tolerance', () => {
    close(p.liquidation.computed.value!, 90_361.4458, 1e-9);
    expect(p.liquidation).toMatchObject({ model: 'binance-usdm', tier: 1, used: { source: 'computed' } });
    expect(p.liquidation.discrepancy).toMatchObject({ exceeds: false });
  });
  it('E13: 9.6386 % and 3.2272 daily σ', () => {
    close(p.distance.fraction!, 0.096386, 5e-5);
    close(p.distance.sigma!, 3.2272, 5e-5);
  });
  it('E14/E15: Gaussian 0.1250 % (24 h) and 22.255 % (7 d); jump overlay 0.34102 % / 23.424 %', () => {
    close(p.touch24h.gaussian!, 0.00125, 5e-4);
    close(p.touch7d.gaussian!, 0.22255, 5e-4);
    close(p.touch24h.jumpOverlay!, 0.0034102, 5e-4);
    close(p.touch7d.jumpOverlay!, 0.23424, 5e-4);
    expect(p.touch24h.fat).toBe(Math.max(p.touch24h.gaussian!, p.touch24h.stressedSigma!, p.touch24h.jumpOverlay!));
  });
  it('severity from settings: 3.23 σ ≤ watch (4 σ) and 0.34 % < 1 % → watch, with the reason', () => {
    expect(p.severity).toBe('watch');
    expect(p.severityReasons[0]).toMatch(/^liquidation is 3\.23 daily σ away/u);
    expect(report.warnings.find((w) => w.code === 'liquidation_near')).toMatchObject({
      severity: 'watch',
      subject: { id: p.positionId },
    });
  });
  it('an isolated position gets added margin (not a reduction) to restore 4 σ', () => {
    const s = report.suggestions.find((x) => x.kind === 'add_margin')!;
    expect(s.unit).toBe('USDT');
    expect(suggestionText(s)).toMatch(
      /^BTC\/USDT:USDT long: add [\d,.]+ USDT of margin to bring liquidation to 4\.0 daily σ/u,
    );
  });
  it('stress: past its liquidation price the isolated position loses its 5,000 margin, no more (§5.2)', () => {
    // Grid −5, −10, −15, −20, +5, +10 % at β 1; LP 90,361: −10 % and beyond cross it. Uncapped −15 % would be
    // 0.5 × 100,000 × −15 % = −7,500; the margin (entry = mark, so no uPnL) caps it at −5,000.
    expect(p.stress.maxLoss).toBe(5_000);
    expect(p.stress.liquidated).toEqual([false, true, true, true, false, false]);
    expect(p.stress.pnl.map((x) => Math.round(x))).toEqual([-2_500, -5_000, -5_000, -5_000, 2_500, 5_000]);
  });
  it('two margin figures for one position each say which goal they serve, and which one meets both', () => {
    // The 4 σ target (reduction.ts) and the ladder's liquidation buffer (stops.ts, §4.2) are different goals: the
    // trader must never see two unexplained margin numbers. E6's 3-ATR stop sits below LP 90,361, so both apply.
    const s = report.suggestions.find((x) => x.kind === 'add_margin')!;
    const prob = p.ladder!.problems.find((x) => x.constraint === 'liquidation_buffer')!;
    const target = s.amount!;
    const ladderNeed = prob.addMargin!;
    expect(ladderNeed).toBeGreaterThan(0);
    expect(ladderProblemText(prob).fix).toMatch(
      /^add [\d,.]+ USDT of margin so the deepest stop fills before liquidation with the [\d.]+ % buffer, or /u,
    );
    expect(suggestionText(s)).toContain(`add ${fmt(target)} USDT of margin to bring liquidation to 4.0 daily σ`);
    expect(suggestionText(s)).toContain(
      `the stop ladder needs ${fmt(ladderNeed)} USDT of margin for a different goal (its deepest stop filling before liquidation with the buffer)`,
    );
    expect(suggestionText(s)).toMatch(
      ladderNeed >= target
        ? new RegExp(`that ${fmt(ladderNeed)} also meets the 4\\.0 daily σ target$`, 'u')
        : new RegExp(`this ${fmt(target)} meets both$`, 'u'),
    );
    // The larger of the two does meet the 4 σ target: LP moves by ΔM/(Q·(1 − MMR)) (reduction.ts).
    const sigmaD = report.markets[0]!.volatility.sigmaDaily.value!;
    const lp = p.liquidation.used.value!;
    const mmr = p.liquidation.maintenanceMarginRate.value!;
    const after = lp - Math.max(target, ladderNeed) / (0.5 * (1 - mmr));
    expect(after).toBeLessThanOrEqual(100_000 * Math.exp(-4 * sigmaD) * (1 + 1e-9));
    // The ladder warning carries the same goal in words.
    expect(
      warningText(report.warnings.find((w) => w.code === 'stop_ladder_infeasible' && w.severity === 'danger')!),
    ).toContain('so the deepest stop fills before liquidation');
  });
  it('a stop ladder of three reduce-only mark-triggered orders is suggested', () => {
    expect(suggestionText(report.suggestions.find((x) => x.kind === 'stop_ladder')!)).toMatch(
      /^3 staggered reduce-only/u,
    );
    // The report carries the rungs; the orders are made from them on demand (shared/risk/ladder-orders.ts).
    const orders = positionLadderOrders(p);
    expect(orders).toHaveLength(3);
    expect(new Set(orders.map((o) => `${o.type}/${o.triggerType}/${o.side}`))).toEqual(
      new Set(['stop-market/mark/sell']),
    );
    expect(p.ladder?.rungs.tranche).toEqual([1, 2, 3]);
    expect(orders.map((o) => o.amount)).toEqual(p.ladder?.rungs.contracts);
  });
  it('provenance: exchange-reported inputs vs computed figures', () => {
    expect(p.markPrice.source).toBe('exchange');
    expect(p.liquidation.exchange).toEqual({ value: 90_361.45, source: 'exchange', reason: null });
    expect(distanceFigure(p.distance, 'fraction').source).toBe('computed');
    expect(report.markets[0]!.beta).toEqual({ value: 1, source: 'default', reason: null });
  });
});

describe('severity, warnings and discrepancies', () => {
  const m = market('BTC', 100_000, 0.6);
  it.each([
    // [label, margin → LP, expected severity, expected warning]
    ['far (2× leverage)', 50_000, 'safe', null],
    ['near (40×)', 2_500, 'critical', 'liquidation_near'],
  ] as const)('%s', (_l, margin, severity, code) => {
    const r = build({
      markets: [m],
      positions: [position('BTC', 'long', 1, 100_000, { isolatedMarginSettle: margin })],
      balances: [balance(100_000)],
    });
    expect(r.positions[0]!.severity).toBe(severity);
    if (code !== null) expect(r.warnings.map((w) => w.code)).toContain(code);
  });
  it('mark beyond the liquidation price → critical liquidation_crossed', () => {
    const r = build({
      markets: [m],
      positions: [position('BTC', 'long', 1, 100_000, { markPrice: 80_000, isolatedMarginSettle: 10_000 })],
      balances: [balance(100_000)],
    });
    expect(r.positions[0]!.severity).toBe('critical');
    expect(r.warnings[0]).toMatchObject({ code: 'liquidation_crossed', severity: 'critical' });
  });
  it('exchange figure 2 % away → liquidation_discrepancy naming the isolated margin as the likely cause', () => {
    const r = build({
      markets: [m],
      positions: [
        position('BTC', 'long', 0.5, 100_000, { isolatedMarginSettle: 5_000, exchangeLiquidationPrice: 92_168.67 }),
      ],
      balances: [balance(50_000)],
    });
    const d = r.positions[0]!.liquidation.discrepancy!;
    expect(d).toMatchObject({ exceeds: true, likelyCause: 'margin_input', tolerance: 0.005 });
    expect(r.warnings.map((w) => w.code)).toContain('liquidation_discrepancy');
  });
  it('exchange figure from another tier → cause "tier"', () => {
    // Tiers 0.4 % below 50k and 2.5 % above (deduction left at 0 so the exchange's figure is plainly tier 2's): a 0.5 BTC
    // position sits in tier 1 at its liquidation price; the exchange used tier 2.
    const tiers: Tier[] = [
      {
        tier: 1,
        minNotional: 0,
        maxNotional: 50_000,
        maintenanceMarginRate: 0.004,
        maintenanceAmount: 0,
        maxLeverage: 125,
      },
      {
        tier: 2,
        minNotional: 50_000,
        maxNotional: 1e12,
        maintenanceMarginRate: 0.025,
        maintenanceAmount: 0,
        maxLeverage: 20,
      },
    ];
    const exchange = (50_000 - 5_000) / (0.5 * (1 - 0.025));
    const r = build({
      markets: [market('BTC', 100_000, 0.6, tiers)],
      positions: [
        position('BTC', 'long', 0.5, 100_000, { isolatedMarginSettle: 5_000, exchangeLiquidationPrice: exchange }),
      ],
      balances: [balance(50_000)],
    });
    expect(r.positions[0]!.liquidation.discrepancy).toMatchObject({ exceeds: true, likelyCause: 'tier' });
  });
  it('no market data: the position is reported with reasons instead of numbers, and a warning', () => {
    const r = build({
      positions: [position('BTC', 'long', 1, 100_000, { isolatedMarginSettle: 10_000, maintenanceMarginRate: 0.004 })],
      balances: [balance(100_000)],
    });
    const p = r.positions[0]!;
    expect(distanceFigure(p.distance, 'sigma')).toMatchObject({ value: null, reason: 'no volatility estimate' });
    expect(r.warnings.map((w) => w.code)).toContain('missing_market_data');
    expect(p.liquidation.assumptions[0]).toMatch(/one tier from the exchange-reported maintenance-margin rate/u);
    expect(RiskReportSchema.safeParse(r).success).toBe(true);
  });
  it('cross without a balance → missing_balance and liquidation_unavailable, never a NaN', () => {
    const r = build({ markets: [m], positions: [position('BTC', 'long', 1, 100_000, { marginMode: 'cross' })] });
    const codes = r.warnings.filter((w) => w.subject.kind === 'position').map((w) => w.code);
    expect(codes.sort()).toEqual(['liquidation_unavailable', 'missing_balance']);
    expect(r.positions[0]!.liquidation.used).toMatchObject({ value: null });
    expect(RiskReportSchema.safeParse(r).success).toBe(true);
  });
});

describe('cross account stress: risk-method.md E20 through the report', () => {
  // WB 15,000; longs BTC 0.3 @ 100,000, ETH 20,000/4,000 = 5 @ 4,000, SOL 20,000/200 = 100 @ 200; betas as §5.1 defaults
  // (given as inputs here so candle noise cannot move them), MMR 0.4 / 0.5 / 1 %.
  const markets = [
    market('BTC', 100_000, 0.6),
    market('ETH', 4_000, 0.8, [singleTier(0.005)]),
    market('SOL', 200, 1, [singleTier(0.01)]),
  ];
  const cross = { marginMode: 'cross' as const };
  const r = build({
    markets,
    positions: [
      position('BTC', 'long', 0.3, 100_000, cross),
      position('ETH', 'long', 5, 4_000, cross),
      position('SOL', 'long', 100, 200, cross),
    ],
    balances: [balance(15_000)],
    extras: { 'binance|ETH/USDT:USDT': { beta: 1.3 }, 'binance|SOL/USDT:USDT': { beta: 1.8 } },
  });
  const a = r.accounts[0]!;
  it('x_liq = −15.954 %; without the high-beta SOL leg −26.51 %', () => {
    close(a.crossStress!.btcMoveToLiquidation.value!, -0.15954, 5e-5);
    close(a.crossStress!.withoutHighBeta.value!, -0.2651, 5e-4);
    expect(a.crossStress!.highBeta).toEqual(['SOL']);
  });
  it('the −20 % row is liquidated with equity −3,400 (E20 table)', () => {
    const rows = a.crossStress!.rows;
    const i = rows.shock.indexOf(-0.2);
    expect(i).toBeGreaterThanOrEqual(0);
    close(rows.equity[i]!, -3_400, 1e-9);
    expect(rows.liquidated[i]).toBe(true);
  });
  it('warns cross_account_fragile and high_beta_in_cross, and suggests isolating the high-beta leg', () => {
    const codes = r.warnings.filter((w) => w.subject.kind === 'account').map((w) => [w.code, w.severity]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['cross_account_fragile', 'watch'],
        ['high_beta_in_cross', 'watch'],
      ]),
    );
    expect(suggestionText(r.suggestions.find((s) => s.kind === 'isolate_high_beta')!)).toMatch(/SOL \(β 1\.80\)/u);
  });
  it('per-account totals: gross 70,000, 4.67× equity, above the NORMAL 3× gross cap → trim suggestion', () => {
    expect(a.grossNotionalUsd.value).toBe(70_000);
    close(a.grossLeverage.value!, 4.6667, 1e-4);
    expect(a.grossCap.value).toBe(3);
    expect(r.suggestions.find((s) => s.kind === 'reduce_gross_exposure')).toMatchObject({
      amount: 25_000,
      unit: 'USD',
    });
  });
  it('each cross position uses the other positions’ maintenance margin and PnL (E9: BTC LP with ETH and SOL at entry)', () => {
    // TMM1 = 20,000·0.5 % + 20,000·1 % = 300, UPNL1 = 0 → LP = (15,000 − 300 − 30,000)/(0.3·0.004 − 0.3).
    close(
      r.positions.find((p) => p.base === 'BTC')!.liquidation.computed.value!,
      (15_000 - 300 - 30_000) / (0.3 * 0.004 - 0.3),
      1e-12,
    );
  });
});

describe('regime through the report', () => {
  const hot = market('BTC', 100_000, 0.6, [singleTier(0.004)], {
    funding: { rate: 0.0016, intervalHours: 8, nextFundingTime: null, history: [] },
    longShortRatio: { ratio: 1.8, source: 'accounts', history: [] },
  });
  const extras = { 'binance|BTC/USDT:USDT': { basisAnnual: 0.4, elrPercentile: 0.95, oiPercentile: 0.97 } };
  it('crowded longs: market warning, the position’s side regime, and the memory to pass back', () => {
    const r = build({
      markets: [hot],
      positions: [position('BTC', 'long', 0.5, 100_000, { isolatedMarginSettle: 5_000 })],
      balances: [balance(50_000)],
      extras,
    });
    expect(r.markets[0]!.regime.long.state).toBe('EXTREME');
    expect(r.positions[0]!.regime.state).toBe('EXTREME');
    expect(r.warnings.map((w) => w.code)).toContain('regime_extreme');
    expect(r.regimeMemory['binance|BTC/USDT:USDT']!.long.state).toBe('EXTREME');
    // Next hour the funding is calm; with the memory the state steps down only after 8 hourly readings.
    const calm = {
      ...hot,
      funding: { rate: 0.0001, intervalHours: 8, nextFundingTime: null, history: [] },
      longShortRatio: null,
    };
    const next = buildRiskReport({
      now: NOW + 3_600_000,
      settings: defaultSettings(),
      snapshot: { positions: [], markets: [calm], balances: [] },
      regimeMemory: r.regimeMemory,
      marketExtras: {},
    });
    expect(next.markets[0]!.regime.long.state).toBe('EXTREME');
    expect(next.markets[0]!.regime.long.level).not.toBe('EXTREME');
  });
});

describe('stop ladders: rungs in the report for at-risk positions, on demand for the others', () => {
  it('a safe position in a NORMAL regime keeps its suggestion but not its rungs; ladderOnDemand makes them', () => {
    const m = market('BTC', 100_000, 0.6);
    const positions = [
      position('BTC', 'long', 1, 100_000, { isolatedMarginSettle: 50_000 }),
      position('BTC', 'short', 1, 100_000, { isolatedMarginSettle: 2_500, accountId: 'acct-2' }),
    ];
    const balances = [balance(1_000_000), balance(1_000_000, { accountId: 'acct-2' })];
    const settings = defaultSettings();
    const r = buildRiskReport({ now: NOW, settings, snapshot: { positions, markets: [m], balances } });
    expect(r.positions.map((p) => [p.severity, p.ladder !== null])).toEqual([
      ['safe', false],
      ['critical', true],
    ]);
    expect(r.positions[0]!.missing).toEqual([]);
    const safe = r.positions[0]!;
    expect(r.suggestions.filter((s) => s.kind === 'stop_ladder').map((s) => s.subject.id)).toEqual(
      r.positions.map((p) => p.positionId),
    );
    const made = ladderOnDemand({
      risk: safe,
      position: positions[0]!,
      market: m,
      atr: r.markets[0]!.volatility.atr14.value,
      sigmaAnnual: r.markets[0]!.volatility.sigmaAnnual.value,
      equity: 1_000_000,
      settings,
    });
    expect(made?.rungs.tranche).toEqual([1, 2, 3]);
    // The report's suggestion says what the rungs made on demand hold.
    const suggestion = r.suggestions.find((s) => s.kind === 'stop_ladder' && s.subject.id === safe.positionId);
    expect(suggestion?.kind === 'stop_ladder' && [suggestion.worstCaseLoss, suggestion.riskBudget]).toEqual([
      made!.worstCaseLoss,
      made!.riskBudget,
    ]);
  });

  it("makes on demand exactly the report's ladder (at-risk positions of a synthetic book)", () => {
    const settings = defaultSettings();
    const snapshot = syntheticSnapshot({ markets: 6, positions: 150, bookLevels: 40, candles: 120, seed: 5, now: NOW });
    const r = buildRiskReport({ now: NOW, settings, snapshot });
    let compared = 0;
    for (const risk of r.positions) {
      // Severity does not enter the ladder: an at-risk position in a NORMAL regime, taken as safe, is one the report
      // would have left to the screens.
      if (risk.ladder === null || risk.regime.state !== 'NORMAL') continue;
      const p = snapshot.positions.find((x) => x.id === risk.positionId)!;
      const m = snapshot.markets.find((x) => x.venue === p.venue && x.symbol === p.symbol)!;
      const mr = r.markets.find((x) => x.marketKey === risk.marketKey)!;
      const made = ladderOnDemand({
        risk: { ...risk, ladder: null, severity: 'safe' },
        position: p,
        market: m,
        atr: mr.volatility.atr14.value,
        sigmaAnnual: mr.volatility.sigmaAnnual.value,
        equity: snapshot.balances.find((b) => b.accountId === p.accountId && b.currency === p.settle)!.equity,
        settings,
      });
      expect(JSON.stringify(made)).toBe(JSON.stringify(risk.ladder));
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });
});

describe('determinism', () => {
  const snapshot = syntheticSnapshot({ markets: 8, positions: 120, bookLevels: 50, candles: 120, seed: 3, now: NOW });
  const input: RiskReportInput = { now: NOW, snapshot, settings: defaultSettings() };
  it('the same input gives byte-identical JSON', () => {
    const same = JSON.stringify(buildRiskReport(input)) === JSON.stringify(buildRiskReport(input));
    expect(same).toBe(true);
  });
  it('input order does not matter', () => {
    const shuffled = {
      ...snapshot,
      positions: [...snapshot.positions].reverse(),
      markets: [...snapshot.markets].reverse(),
      balances: [...snapshot.balances].reverse(),
    };
    const same =
      JSON.stringify(buildRiskReport({ ...input, snapshot: shuffled })) === JSON.stringify(buildRiskReport(input));
    expect(same).toBe(true);
  });
  it('a synthetic book of 120 positions passes the schema (no NaN, no Infinity, no negative price)', () => {
    const r = buildRiskReport(input);
    expect(RiskReportSchema.safeParse(r).success).toBe(true);
    expect(r.positions).toHaveLength(120);
    expect(r.positions.every((p) => p.liquidation.used.value === null || p.liquidation.used.value > 0)).toBe(true);
  });
});
