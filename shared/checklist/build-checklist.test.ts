import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEVERITIES, type RiskReport } from '../domain/risk-report';
import { positionLadderOrders } from '../risk/ladder-orders';
import { warningText } from '../risk/warning-text';
import { buildChecklist, checklistItems, summaryLine } from './build-checklist';
import {
  BTC_A,
  ETH_A,
  ETH_B,
  fixtureReport,
  fixtureSettings,
  fixtureSnapshot,
  GENERATED_AT,
  SOL_A,
} from './testing/checklist-fixture';
import { toJson } from './to-json';

const meta = { generatedAt: GENERATED_AT, appVersion: '0.1.0' };
const build = (report: RiskReport = fixtureReport(), snapshot = fixtureSnapshot()) =>
  buildChecklist(report, snapshot, fixtureSettings(), meta);

describe('buildChecklist over the hand-built report (testing/checklist-fixture.ts)', () => {
  const c = build();

  it('lists positions worst first, whatever order the report had', () => {
    // The fixture's report lists BTC, ETH long, ETH short, SOL; severities critical SOL, danger ETH short, watch ETH long, safe BTC.
    expect(c.positions.map((p) => [p.positionId, p.severity])).toEqual([
      [SOL_A.positionId, 'critical'],
      [ETH_B.positionId, 'danger'],
      [ETH_A.positionId, 'watch'],
      [BTC_A.positionId, 'safe'],
    ]);
  });

  it('summarises counts, positions at risk and sources not ok', () => {
    expect(c.summary).toEqual({
      positions: 4,
      worstSeverity: 'critical',
      bySeverity: { safe: 1, watch: 1, danger: 1, critical: 1 },
      atRisk: 2,
      sourcesNotOk: 1,
      line: '4 positions: 1 critical, 1 danger, 1 watch, 1 safe',
    });
    expect(c.generatedAt).toBe(GENERATED_AT);
    expect(c.dataTakenAt).toBe(1_722_827_518_000);
    expect(c.title).toBe('Pre-trade risk checklist');
  });

  it.each([
    // [accountId, state, item severity, status] — the fixture's statuses: acct-a ok at 03:11:58, acct-b stale since 03:05:00.
    ['acct-a', 'ok', 'safe', 'ok, data at 2024-08-05 03:11:58 UTC'],
    [
      'acct-b',
      'stale',
      'watch',
      'stale since 2024-08-05 03:05:00 UTC: Bybit did not answer within 10 s. Check your connection; the last good data is shown.',
    ],
  ] as const)('data source %s is %s', (accountId, state, severity, status) => {
    const v = c.venues.find((x) => x.accountId === accountId);
    expect(v?.state).toBe(state);
    expect(v?.status).toBe(status);
    expect(v?.item.severity).toBe(severity);
    expect(v?.item.kind).toBe('status');
  });

  it.each([
    // Items under each position: its warnings (report order), then actions in the order a trader acts (size, margin,
    // leverage, stops), each stop rung with its trigger price (fixture SOL_STOPS: 133.70 / 130.55, mark trigger).
    [
      SOL_A.positionId,
      [
        [
          'warning',
          'liquidation_near',
          'SOL/USDT:USDT long: liquidation at 128.0000 is 8.57 % away (0.95 daily σ); touch probability 35.00 % in 24 h, 80.0 % in 7 days',
        ],
        // 57.1 / (20,000 / 140 = 142.857…) = 39.97 % → "40 %".
        ['action', 'reduce_position', 'Reduce SOL/USDT:USDT long by 57.1 SOL (40 % of 142.8571)'],
        ['action', 'stop_ladder', 'Place 2 staggered stops for SOL/USDT:USDT long (stop-market, reduce-only)'],
        [
          'order',
          'stop_order',
          'Stop 1/2: sell 30 SOL at 133.7000 (mark trigger, reduce-only); expected fill 133.4300 (slippage 0.20 %), loss if filled 496.20 USDT',
        ],
        [
          'order',
          'stop_order',
          'Stop 2/2: sell 27 SOL at 130.5500 (mark trigger, reduce-only); expected fill 130.2900 (slippage 0.20 %), loss if filled 531.57 USDT',
        ],
      ],
    ],
    [
      ETH_B.positionId,
      [
        [
          'warning',
          'liquidation_near',
          'ETH/USDT:USDT short: liquidation at 3,140.00 is 4.67 % away (1.60 daily σ); touch probability 12.00 % in 24 h, 45.0 % in 7 days',
        ],
        ['action', 'add_margin', 'Add 250.50 USDT of margin to ETH/USDT:USDT short'],
        ['action', 'leverage_cap', 'Cap the leverage of ETH/USDT:USDT short at 10×'],
      ],
    ],
    [
      ETH_A.positionId,
      [
        [
          'warning',
          'liquidation_near',
          'ETH/USDT:USDT long: liquidation at 2,500.00 is 16.67 % away (3.50 daily σ); touch probability 2.00 % in 24 h, 10.0 % in 7 days',
        ],
      ],
    ],
    [BTC_A.positionId, []],
  ])('items of %s', (positionId, expected) => {
    const p = c.positions.find((x) => x.positionId === positionId);
    expect(p?.items.map((i) => [i.kind, i.code, i.text])).toEqual(expected);
  });

  it.each([
    // [position, cells] — the fixture's figures through shared/risk/format.ts (fmtPrice: 4 decimals under 1,000).
    [
      SOL_A.positionId,
      {
        account: 'Main (…abcd)',
        size: '142.8571 SOL',
        notional: '20,000 USD',
        leverage: '10×',
        entry: '150.0000',
        mark: '140.0000',
        liquidation: '128.0000',
        distance: '8.57 % · 0.95 σ',
        touch24h: '35.00 %',
      },
    ],
    [
      BTC_A.positionId,
      {
        account: 'Main (…abcd)',
        size: '0.5 BTC',
        notional: '30,000 USD',
        leverage: '10×',
        entry: '58,000.00',
        mark: '60,000.00',
        liquidation: '31,000.00',
        distance: '48.33 % · 16.10 σ',
        touch24h: '0.01 %',
      },
    ],
  ])('table cells of %s', (positionId, cells) => {
    expect(c.positions.find((x) => x.positionId === positionId)?.cells).toEqual(cells);
  });

  it.each([
    // Stress rows from stressPosition on the default grid (fixture header): mildest liquidating shock per position.
    [SOL_A.positionId, -0.05, 'liquidated at BTC −5 % (SOL −9.0 %, β 1.80)'],
    [ETH_B.positionId, 0.05, 'liquidated at BTC +5 % (ETH +6.5 %, β 1.30)'],
    [ETH_A.positionId, -0.15, 'liquidated at BTC −15 % (ETH −19.5 %, β 1.30)'],
    [BTC_A.positionId, null, 'not liquidated within the grid (β 1.00)'],
  ])('stress: %s liquidates at %s', (positionId, shock, text) => {
    const s = c.stress.positions.find((x) => x.positionId === positionId);
    expect(s?.liquidatesAt).toBe(shock);
    expect(s?.text).toBe(text);
  });

  it('gives each cross account the BTC move that liquidates it (risk-method.md E20: −15.954 %, −26.51 % without SOL)', () => {
    expect(c.stress.accounts).toEqual([
      {
        subjectId: 'acct-a|USDT',
        label: 'Binance · Main (…abcd) (USDT)',
        btcMoveToLiquidation: -0.15954,
        withoutHighBeta: -0.2651,
        text: 'liquidated by a BTC move of −15.95 %; −26.51 % without SOL',
      },
    ]);
    expect(c.stress.shocks).toEqual([-0.05, -0.1, -0.15, -0.2, 0.05, 0.1]);
  });

  it('summarises the regime per market, with the signals that weigh most', () => {
    const sol = c.markets.find((m) => m.symbol === 'SOL/USDT:USDT');
    expect(sol?.summary).toBe(
      'longs CROWDED (score 0.62): size × 0.5, isolated leverage ≤ 5×; shorts NORMAL (score 0.05); confidence 88 %',
    );
    // 0.0005 per 8 h × 1,095 = 54.75 % APR (peers.md §d: ×1095 for 8 h).
    expect(sol?.funding).toBe('funding 0.0500 % per 8 h (54.8 % APR)');
    // Contributions 0.30 funding, 0.25 depth, 0.20 long/short; basis has no value.
    expect(sol?.signals).toEqual([
      'funding 0.0500 % per 8 h is above the 0.03 % crowding level',
      '±1 % depth is half its 30-day median',
      'long/short accounts 2.70 is above 2.0',
    ]);
    expect(sol?.items.map((i) => i.code)).toEqual(['regime_crowded']);
  });

  it('puts account warnings and suggestions under the account, and unknown subjects under general', () => {
    const a = c.accounts.find((x) => x.subjectId === 'acct-a|USDT');
    expect(a?.summary).toBe('3 positions, equity 15,000.00 USDT, gross leverage 4.67× (regime cap 3×)');
    expect(a?.items.map((i) => [i.kind, i.code])).toEqual([
      ['warning', 'cross_account_fragile'],
      ['action', 'isolate_high_beta'],
    ]);
    expect(c.general.map((i) => [i.code, i.text])).toEqual([
      ['stale_data', 'DOGE/USDT:USDT long: position data is 12 min old'],
    ]);
  });

  it('shows every warning and every suggestion exactly once', () => {
    const report = fixtureReport();
    const items = checklistItems(c);
    expect(
      items
        .filter((i) => i.kind === 'warning')
        .map((i) => i.text)
        .sort(),
    ).toEqual(report.warnings.map(warningText).sort());
    const actions = items
      .filter((i) => i.kind === 'action')
      .map((i) => i.code)
      .sort();
    expect(actions).toEqual(report.suggestions.map((s) => s.kind).sort());
    const orders = report.positions.flatMap((p) => positionLadderOrders(p));
    expect(orders).toHaveLength(2); // the fixture's SOL ladder (SOL_STOPS)
    expect(items.filter((i) => i.kind === 'order')).toHaveLength(orders.length);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it.each([
    ['riskPercent', '1 % of equity'],
    ['severity.touch24h', 'watch ≥ 1 %, danger ≥ 5 %, critical ≥ 20 %'],
    ['severity.sigma', 'watch ≤ 4, danger ≤ 2, critical ≤ 1'],
    ['stopLadder', '1.5 / 2.25 / 3 ATR, weights 40 % / 30 % / 30 %'],
    ['regimeMultipliers', 'NORMAL × 1, ELEVATED × 0.75, CROWDED × 0.5, EXTREME × 0.25'],
    ['discrepancyTolerancePercent', '0.5 %'],
    ['stressShocks', '−5 %, −10 %, −15 %, −20 %, +5 %, +10 %'],
  ])('records the setting %s (settings.ts defaults) as %s', (key, value) => {
    expect(c.settings.find((s) => s.key === key)?.value).toBe(value);
  });
});

describe('buildChecklist edge cases', () => {
  it('marks demo data in the title and the notes', () => {
    const c = build(fixtureReport(), { ...fixtureSnapshot(), demo: true });
    expect(c.title).toBe('Pre-trade risk checklist (demo data)');
    expect(c.notes[0]).toMatch(/^Demo data/u);
  });

  it('handles an empty report and a source in error', () => {
    const report: RiskReport = {
      ...fixtureReport(),
      summary: { positions: 0, worstSeverity: 'safe', bySeverity: { safe: 0, watch: 0, danger: 0, critical: 0 } },
      positions: [],
      markets: [],
      accounts: [],
      warnings: [],
      suggestions: [],
    };
    const snapshot = {
      ...fixtureSnapshot(),
      statuses: [
        {
          accountId: 'acct-a',
          venue: 'binance' as const,
          state: 'error' as const,
          lastOkAt: null,
          error: { code: 'auth' as const, message: 'Binance refused the key.' },
        },
      ],
    };
    const c = build(report, snapshot);
    expect(c.summary.line).toBe('0 positions');
    expect(c.summary.atRisk).toBe(0);
    expect(c.venues[0]?.status).toBe('error: Binance refused the key.');
    expect(c.venues[0]?.item.severity).toBe('danger');
    expect(checklistItems(c)).toHaveLength(1);
  });

  it('names an account the snapshot does not list by venue and id', () => {
    const c = build(fixtureReport(), { ...fixtureSnapshot(), accounts: [] });
    expect(c.positions[0]?.account).toBe('Binance · acct-a');
  });

  it.each([
    [{ safe: 0, watch: 0, danger: 0, critical: 0 }, 0, '0 positions'],
    [{ safe: 1, watch: 0, danger: 0, critical: 0 }, 1, '1 position: 1 safe'],
    [{ safe: 1, watch: 0, danger: 1, critical: 1 }, 3, '3 positions: 1 critical, 1 danger, 1 safe'],
  ])('summary line %j', (bySeverity, positions, line) => {
    expect(summaryLine({ summary: { positions, worstSeverity: 'safe', bySeverity } })).toBe(line);
  });
});

describe('buildChecklist invariants (fast-check)', () => {
  const base = fixtureReport();
  it('is worst first and byte-identical whatever order the report lists positions in', () => {
    const reference = toJson(build(base));
    fc.assert(
      fc.property(fc.shuffledSubarray(base.positions, { minLength: 4, maxLength: 4 }), (positions) => {
        expect(toJson(build({ ...base, positions }))).toBe(reference);
      }),
      { numRuns: 30 },
    );
  });

  it('orders any mix of severities worst first', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SEVERITIES), { minLength: 4, maxLength: 4 }), (severities) => {
        const positions = base.positions.map((p, i) => ({ ...p, severity: severities[i] ?? 'safe' }));
        const ranks = build({ ...base, positions }).positions.map((p) => SEVERITIES.indexOf(p.severity));
        expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
      }),
      { numRuns: 50 },
    );
  });
});

describe('inverse (coin-margined) positions: contracts of $F and coin amounts', () => {
  // The fixture's SOL long as a COIN-M SOLUSD position ($10 contracts at 140: 1 SOL = 14 contracts), settled in SOL.
  // The report gives reductions in contracts (unit "contracts of $10"), margin and stop losses in SOL (report.ts).
  const base = fixtureReport();
  const sol = base.positions.find((p) => p.positionId === SOL_A.positionId)!;
  const inverse: RiskReport = {
    ...base,
    positions: base.positions.map((p) =>
      p !== sol
        ? p
        : {
            ...sol,
            kind: 'inverse',
            settle: 'SOL',
            ladder: {
              ...sol.ladder!,
              rungs: {
                ...sol.ladder!.rungs,
                contracts: sol.ladder!.rungs.quantity.map((q) => q * 14),
                loss: sol.ladder!.rungs.loss.map((l) => l / 140),
              },
            },
          },
    ),
    suggestions: base.suggestions.map((s) =>
      s.kind === 'reduce_position' ? { ...s, amount: 800, unit: 'contracts of $10' } : s,
    ),
  };
  inverse.suggestions.push({
    kind: 'add_margin',
    subject: { kind: 'position', id: SOL_A.positionId },
    // As report.ts makes it for an isolated inverse position (suggestion-text.ts): margin, 4 σ target, target
    // liquidation, contracts held, no reduction, face value $10, mark 140 and lot step 1 contract.
    label: 'SOL/USDT:USDT long',
    reduction: {
      addMargin: 0.0123456,
      targetSigma: 4,
      targetLiquidation: 120,
      reduceBy: null,
      newQuantity: null,
      liquidationAfter: null,
      achievedSigma: null,
    },
    marginMode: 'isolated',
    asset: 'SOL',
    settle: 'SOL',
    quantity: 420,
    inverse: { faceValue: 10, mark: 140, lotStep: 1 },
    ladderMargin: null,
    amount: 0.0123456,
    unit: 'SOL',
  });
  const items = build(inverse).positions.find((p) => p.positionId === SOL_A.positionId)!.items;
  const texts = items.map((i) => i.text);

  it('reduce in contracts, without a share of the base quantity (the units differ)', () =>
    expect(texts).toContain('Reduce SOL/USDT:USDT long by 800 contracts of $10'));
  it('margin in the coin with 6 decimals (0.01 would hide most of it)', () =>
    expect(texts).toContain('Add 0.012346 SOL of margin to SOL/USDT:USDT long'));
  it('stop orders: coin amount with the contracts, loss in the coin (496.20/140 = 3.544286 SOL)', () =>
    expect(texts).toContain(
      'Stop 1/2: sell 30 SOL (420 contracts) at 133.7000 (mark trigger, reduce-only); expected fill 133.4300 (slippage 0.20 %), loss if filled 3.544286 SOL',
    ));
});
