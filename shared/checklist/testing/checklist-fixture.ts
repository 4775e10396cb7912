import type { Account } from '../../domain/account';
import type {
  AccountRisk,
  Figure,
  MarketRisk,
  PositionRisk,
  Provenance,
  RiskReport,
  Severity,
} from '../../domain/risk-report';
import { defaultSettings, type Settings } from '../../domain/settings';
import type { Snapshot } from '../../domain/snapshot';
import type { Side, Venue } from '../../domain/venue';
import { type LadderRung, ladderRungColumns } from '../../risk/stops';
import { DEFAULT_SHOCKS, stressPosition } from '../../risk/stress';

/**
 * A hand-built risk report and the snapshot behind it, for the checklist's tests (shared and electron/services/export).
 * Sources of the numbers:
 * - Account A (Binance, cross, USDT): the three longs of risk-method.md E20 (BTC N 30,000 β 1 MMR 0.4 %; ETH N 20,000
 *   β 1.3 MMR 0.5 %; SOL N 20,000 β 1.8 MMR 1 %; wallet 15,000). Its cross stress is E20's: x_liq = −15.954 %, and
 *   −26.51 % without the high-beta SOL leg ((220 − 15,000)/(56,000 − 250), stress.test.ts).
 * - Marks, liquidation prices, σ distances and touch probabilities are chosen by hand so that the four positions land
 *   in the four severities under the default thresholds (settings.ts: watch ≤ 4 σ or ≥ 1 %, danger ≤ 2 σ or ≥ 5 %,
 *   critical ≤ 1 σ or ≥ 20 %).
 * - Stress rows come from shared/risk/stress.ts `stressPosition` on the default grid (risk-method.md §5.1) with the
 *   §5.1 default betas: SOL (β 1.8, LP 128, mark 140) is first liquidated at BTC −5 % (SOL −9 % → 127.40 ≤ 128);
 *   ETH long (β 1.3, LP 2,500, mark 3,000) at −15 % (−19.5 % → 2,415); the ETH short (LP 3,140) at +5 % (+6.5 % →
 *   3,195); BTC (LP 31,000) never within the grid.
 */

export const GENERATED_AT = 1_722_827_520_000; // 2024-08-05 03:12:00 UTC
export const TAKEN_AT = 1_722_827_518_000; // 2024-08-05 03:11:58 UTC
export const STALE_SINCE = 1_722_827_100_000; // 2024-08-05 03:05:00 UTC

/** Secrets that exist only to prove none of them reaches an export (smuggled onto an account object below). */
export const SMUGGLED_SECRETS = {
  apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
  secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
  walletAddress: '0x8ba1f109551bD432803012645Ac136ddd64DBA72',
} as const;

const f = (value: number, source: Provenance = 'computed'): Figure => ({ value, source, reason: null });
const nf = (reason: string, source: Provenance = 'computed'): Figure => ({ value: null, source, reason });

const account = (accountId: string, venue: Venue, label: string, keyHint: string): Account => ({
  accountId,
  venue,
  label,
  keyHint,
  permissions: {
    read: true,
    trade: false,
    withdraw: false,
    transfer: false,
    venueFlags: ['enableReading'],
    checkedAt: TAKEN_AT,
  },
  enabled: true,
  disabledReason: null,
  sessionOnly: false,
  demo: false,
  addedAt: 1_722_000_000_000,
});

interface PositionSpec {
  readonly accountId: string;
  readonly venue: Venue;
  readonly symbol: string;
  readonly base: string;
  readonly side: Side;
  readonly marginMode: 'cross' | 'isolated';
  readonly notional: number;
  readonly entry: number;
  readonly mark: number;
  readonly leverage: number;
  readonly lp: number;
  readonly exchangeLp: number | null;
  readonly beta: number;
  readonly sigma: number;
  readonly touch: number;
  readonly severity: Severity;
  readonly reasons: readonly string[];
}

function positionRisk(s: PositionSpec): PositionRisk {
  const q = s.notional / s.mark;
  const fraction = s.side === 'long' ? (s.mark - s.lp) / s.mark : (s.lp - s.mark) / s.mark;
  const touch = {
    horizonHours: 24,
    gaussian: s.touch * 0.8,
    stressedSigma: s.touch * 0.9,
    jumpOverlay: s.touch * 0.95,
    fat: s.touch,
  };
  return {
    positionId: `${s.accountId}|${s.symbol}|${s.side}`,
    accountId: s.accountId,
    venue: s.venue,
    symbol: s.symbol,
    marketKey: `${s.venue}|${s.symbol}`,
    base: s.base,
    settle: 'USDT',
    kind: 'linear',
    side: s.side,
    marginMode: s.marginMode,
    positionMode: 'one-way',
    quantityBase: q,
    notionalUsd: s.notional,
    entryPrice: s.entry,
    markPrice: f(s.mark, 'exchange'),
    leverage: f(s.leverage, 'exchange'),
    liquidation: {
      computed: f(s.lp),
      model: s.venue === 'binance' ? 'binance-usdm' : 'bybit-linear-isolated',
      tier: 1,
      maintenanceMarginRate: f(0.005),
      exchange: s.exchangeLp === null ? nf('the exchange reports none', 'exchange') : f(s.exchangeLp, 'exchange'),
      used: f(s.lp),
      discrepancy: null,
      assumptions: [],
    },
    distance: { fraction, atr: fraction * 10, sigma: s.sigma },
    touch24h: touch,
    touch7d: { ...touch, horizonHours: 168 },
    severity: s.severity,
    severityReasons: [...s.reasons],
    regime: { state: 'NORMAL', score: 0.1, confidence: 0.875 },
    beta: f(s.beta, 'default'),
    stress: stressPosition(
      { side: s.side, quantity: q, mark: s.mark, liquidation: s.lp, beta: s.beta },
      DEFAULT_SHOCKS,
    ),
    ladder: null,
    missing: [],
  };
}

export const SOL_A = positionRisk({
  accountId: 'acct-a',
  venue: 'binance',
  symbol: 'SOL/USDT:USDT',
  base: 'SOL',
  side: 'long',
  marginMode: 'cross',
  notional: 20_000,
  entry: 150,
  mark: 140,
  leverage: 10,
  lp: 128,
  exchangeLp: 128.2,
  beta: 1.8,
  sigma: 0.95,
  touch: 0.35,
  severity: 'critical',
  reasons: ['liquidation is 0.95 daily σ away (critical at ≤ 1.0)', '24 h touch probability 35.00 % (fat-tailed)'],
});
export const ETH_B = positionRisk({
  accountId: 'acct-b',
  venue: 'bybit',
  symbol: 'ETH/USDT:USDT',
  base: 'ETH',
  side: 'short',
  marginMode: 'isolated',
  notional: 6_000,
  entry: 2_950,
  mark: 3_000,
  leverage: 20,
  lp: 3_140,
  exchangeLp: 3_140,
  beta: 1.3,
  sigma: 1.6,
  touch: 0.12,
  severity: 'danger',
  reasons: ['liquidation is 1.60 daily σ away (danger at ≤ 2.0)', '24 h touch probability 12.00 % (fat-tailed)'],
});
export const ETH_A = positionRisk({
  accountId: 'acct-a',
  venue: 'binance',
  symbol: 'ETH/USDT:USDT',
  base: 'ETH',
  side: 'long',
  marginMode: 'cross',
  notional: 20_000,
  entry: 2_900,
  mark: 3_000,
  leverage: 10,
  lp: 2_500,
  exchangeLp: 2_510,
  beta: 1.3,
  sigma: 3.5,
  touch: 0.02,
  severity: 'watch',
  reasons: ['liquidation is 3.50 daily σ away (watch at ≤ 4.0)', '24 h touch probability 2.00 % (fat-tailed)'],
});
export const BTC_A = positionRisk({
  accountId: 'acct-a',
  venue: 'binance',
  symbol: 'BTC/USDT:USDT',
  base: 'BTC',
  side: 'long',
  marginMode: 'cross',
  notional: 30_000,
  entry: 58_000,
  mark: 60_000,
  leverage: 10,
  lp: 31_000,
  exchangeLp: 31_050,
  beta: 1,
  sigma: 16.1,
  touch: 0.0001,
  severity: 'safe',
  reasons: [],
});

const regimeSide = (state: 'NORMAL' | 'CROWDED', score: number, sizeMultiplier: number, leverageCap: number) => ({
  score,
  level: state,
  state,
  sizeMultiplier,
  leverageCap,
  grossCap: state === 'NORMAL' ? 5 : 3,
  slippage: 0.002,
});

const signal = (
  id: MarketRisk['regime']['crowding']['signals'][number]['id'],
  axis: 'crowding' | 'fragility',
  value: number | null,
  contribution: number,
  explanation: string,
) => ({
  id,
  axis,
  value,
  neutral: 0,
  threshold: 1,
  subScore: value === null ? null : contribution,
  weight: 0.25,
  contribution,
  explanation,
});

function marketRisk(venue: Venue, symbol: string, base: string, mark: number, crowdedLong: boolean): MarketRisk {
  return {
    marketKey: `${venue}|${symbol}`,
    venue,
    symbol,
    base,
    markPrice: f(mark, 'exchange'),
    volatility: {
      timeframe: '1d',
      sigmaAnnual: f(0.6),
      sigmaDaily: f(0.0314),
      garmanKlassAnnual: f(0.55),
      atr14: f(mark * 0.03),
    },
    depth: { bids1pct: f(1e6), asks1pct: f(1.1e6), bids2pct: f(2e6), asks2pct: f(2.2e6) },
    fundingPer8h: f(crowdedLong ? 0.0005 : 0.0001, 'exchange'),
    fundingApr: f(crowdedLong ? 0.5475 : 0.1095),
    beta: f(base === 'SOL' ? 1.8 : 1, 'default'),
    regime: {
      long: crowdedLong ? regimeSide('CROWDED', 0.62, 0.5, 5) : regimeSide('NORMAL', 0.12, 1, 20),
      short: regimeSide('NORMAL', 0.05, 1, 20),
      confidence: 0.875,
      crowding: {
        value: crowdedLong ? 0.62 : 0.12,
        coverage: 1,
        signals: crowdedLong
          ? [
              signal('funding', 'crowding', 0.0005, 0.3, 'funding 0.0500 % per 8 h is above the 0.03 % crowding level'),
              signal('long_short', 'crowding', 2.7, 0.2, 'long/short accounts 2.70 is above 2.0'),
              signal('basis', 'crowding', null, 0, 'basis not available'),
            ]
          : [signal('funding', 'crowding', 0.0001, 0.05, 'funding 0.0100 % per 8 h is neutral')],
      },
      fragility: {
        value: 0.4,
        coverage: 0.75,
        signals: [signal('depth', 'fragility', 0.5, crowdedLong ? 0.25 : 0, '±1 % depth is half its 30-day median')],
      },
      missing: ['elr'],
    },
  };
}

const E20_ACCOUNT: AccountRisk = {
  accountId: 'acct-a',
  venue: 'binance',
  currency: 'USDT',
  positions: 3,
  worstSeverity: 'critical',
  equity: f(15_000, 'exchange'),
  equityUsd: f(15_000, 'exchange'),
  grossNotionalUsd: f(70_000),
  netNotionalUsd: f(70_000),
  grossLeverage: f(70_000 / 15_000),
  grossCap: f(3, 'default'),
  maintenanceMargin: f(420, 'exchange'),
  crossStress: {
    btcMoveToLiquidation: f(-0.15954),
    withoutHighBeta: f(-0.2651),
    highBeta: ['SOL'],
    explanation: 'the high-beta positions SOL (β 1.80) share this margin',
    rows: { shock: [], pnl: [], equity: [], maintenance: [], marginRatio: [], liquidated: [] },
  },
};
const B_ACCOUNT: AccountRisk = {
  accountId: 'acct-b',
  venue: 'bybit',
  currency: 'USDT',
  positions: 1,
  worstSeverity: 'danger',
  equity: f(2_000, 'exchange'),
  equityUsd: f(2_000, 'exchange'),
  grossNotionalUsd: f(6_000),
  netNotionalUsd: f(-6_000),
  grossLeverage: f(3),
  grossCap: f(5, 'default'),
  maintenanceMargin: nf('not reported', 'exchange'),
  crossStress: null,
};

/** A ladder rung whose suggested order (shared/risk/ladder-orders.ts) is a sell of `amount` SOL at `trigger`. */
const stopRung = (tranche: number, trigger: number, amount: number, fill: number, loss: number): LadderRung => ({
  tranche,
  weight: 0.5,
  atrMultiple: tranche === 1 ? 1.5 : 2.25,
  rawTrigger: trigger,
  trigger,
  movedFrom: null,
  regimeSlippage: 0.002,
  bookSlippage: null,
  slippage: 0.002,
  fill,
  lossPerUnit: loss / amount,
  quantity: amount,
  contracts: amount,
  loss,
  touchProbability: null,
});

/** SOL_A's two stops: 133.70 and 130.55, mark trigger (the checklist's order items). */
export const SOL_STOPS: readonly LadderRung[] = [
  stopRung(1, 133.7, 30, 133.43, 496.2),
  stopRung(2, 130.55, 27, 130.29, 531.57),
];

const SOL_A_WITH_LADDER: PositionRisk = {
  ...SOL_A,
  ladder: {
    rungs: ladderRungColumns(SOL_STOPS),
    quantity: 57,
    worstCaseLoss: 1_027.77,
    riskBudget: 150,
    expectedLoss7d: null,
    feasible: false,
    problems: [
      {
        constraint: 'risk_budget',
        // "if every rung fills the loss is 1,027.77 USDT, above the 150.00 budget": reduce by 49 SOL (to 8).
        terms: {
          asset: 'SOL',
          settle: 'USDT',
          kind: 'linear',
          side: 'long',
          contractSize: 1,
          amountStep: 1,
          reference: 140,
        },
        worstCaseLoss: 1_027.77,
        riskBudget: 150,
        quantity: 57,
        reduceBy: 49,
        addMargin: null,
        maxLeverage: null,
      },
    ],
  },
};

export function fixtureReport(): RiskReport {
  return {
    schemaVersion: 1,
    generatedAt: GENERATED_AT,
    summary: { positions: 4, worstSeverity: 'critical', bySeverity: { safe: 1, watch: 1, danger: 1, critical: 1 } },
    // Deliberately not worst-first: the checklist sorts.
    positions: [BTC_A, ETH_A, ETH_B, SOL_A_WITH_LADDER],
    markets: [
      marketRisk('binance', 'BTC/USDT:USDT', 'BTC', 60_000, false),
      marketRisk('binance', 'SOL/USDT:USDT', 'SOL', 140, true),
    ],
    accounts: [E20_ACCOUNT, B_ACCOUNT],
    stressShocks: [...DEFAULT_SHOCKS],
    warnings: [
      {
        code: 'liquidation_near',
        severity: 'critical',
        subject: { kind: 'position', id: SOL_A.positionId },
        label: 'SOL/USDT:USDT long',
        liquidationPrice: 128,
        distance: 0.0857,
        sigmaDistance: 0.95,
        touch24h: 0.35,
        touch7d: 0.8,
      },
      {
        code: 'liquidation_near',
        severity: 'danger',
        subject: { kind: 'position', id: ETH_B.positionId },
        label: 'ETH/USDT:USDT short',
        liquidationPrice: 3_140,
        distance: 0.0467,
        sigmaDistance: 1.6,
        touch24h: 0.12,
        touch7d: 0.45,
      },
      {
        code: 'cross_account_fragile',
        severity: 'watch',
        subject: { kind: 'account', id: 'acct-a|USDT' },
        label: 'acct-a (USDT)',
        reason: 'the account is liquidated by a BTC move of −15.95 %',
      },
      {
        code: 'regime_crowded',
        severity: 'watch',
        subject: { kind: 'market', id: 'binance|SOL/USDT:USDT' },
        label: 'SOL/USDT:USDT',
        side: 'long',
        score: 0.62,
        sizeMultiplier: 0.5,
        leverageCap: 5,
        slippage: 0.002,
      },
      {
        code: 'liquidation_near',
        severity: 'watch',
        subject: { kind: 'position', id: ETH_A.positionId },
        label: 'ETH/USDT:USDT long',
        liquidationPrice: 2_500,
        distance: 0.1667,
        sigmaDistance: 3.5,
        touch24h: 0.02,
        touch7d: 0.1,
      },
      {
        code: 'stale_data',
        severity: 'watch',
        subject: { kind: 'position', id: 'acct-gone|DOGE/USDT:USDT|long' },
        label: 'DOGE/USDT:USDT long',
        minutes: 12,
      },
    ],
    suggestions: [
      {
        kind: 'isolate_high_beta',
        subject: { kind: 'account', id: 'acct-a|USDT' },
        label: 'acct-a (USDT)',
        explanation:
          'the high-beta positions SOL (β 1.80) share this margin: the account survives a BTC move of −15.95 % with them and −26.51 % without',
        amount: null,
        unit: null,
      },
      {
        kind: 'leverage_cap',
        subject: { kind: 'position', id: ETH_B.positionId },
        label: 'ETH/USDT:USDT short',
        leverage: 20,
        leverageCap: 10,
        regime: 'NORMAL',
        amount: 10,
        unit: '×',
      },
      {
        kind: 'add_margin',
        subject: { kind: 'position', id: ETH_B.positionId },
        label: 'ETH/USDT:USDT short',
        reduction: {
          addMargin: 250.5,
          targetSigma: 4,
          targetLiquidation: 3_400,
          reduceBy: null,
          newQuantity: null,
          liquidationAfter: null,
          achievedSigma: null,
        },
        marginMode: 'isolated',
        asset: 'ETH',
        settle: 'USDT',
        quantity: 2,
        ladderMargin: null,
        amount: 250.5,
        unit: 'USDT',
      },
      {
        kind: 'stop_ladder',
        subject: { kind: 'position', id: SOL_A.positionId },
        label: 'SOL/USDT:USDT long',
        orders: 2,
        worstCaseLoss: 1_027.77,
        riskBudget: 150,
        expectedLoss7d: 400,
        settle: 'USDT',
        atrMultiples: '1.50 / 2.25',
        amount: null,
        unit: null,
      },
      {
        kind: 'reduce_position',
        subject: { kind: 'position', id: SOL_A.positionId },
        label: 'SOL/USDT:USDT long',
        reduction: {
          addMargin: 3_000,
          targetSigma: 4,
          targetLiquidation: 120,
          reduceBy: 57.1,
          newQuantity: 85.7571,
          liquidationAfter: 120,
          achievedSigma: 4.02,
        },
        marginMode: 'cross',
        asset: 'SOL',
        settle: 'USDT',
        quantity: 142.8571,
        ladderMargin: null,
        amount: 57.1,
        unit: 'SOL',
      },
    ],
    regimeMemory: {},
  };
}

export function fixtureSnapshot(): Snapshot {
  const a = account('acct-a', 'binance', 'Main', '…abcd');
  const b = account('acct-b', 'bybit', 'Scalps | "fast"', '…wxyz');
  return {
    takenAt: TAKEN_AT,
    demo: false,
    // Secrets smuggled onto the objects (as a careless spread elsewhere could): none may reach an export.
    accounts: [
      { ...a, ...{ apiKey: SMUGGLED_SECRETS.apiKey, secret: SMUGGLED_SECRETS.secret } },
      { ...b, ...{ walletAddress: SMUGGLED_SECRETS.walletAddress } },
    ],
    balances: [],
    positions: [],
    markets: [],
    statuses: [
      {
        accountId: 'acct-b',
        venue: 'bybit',
        state: 'stale',
        lastOkAt: STALE_SINCE,
        error: {
          code: 'network',
          message: 'Bybit did not answer within 10 s. Check your connection; the last good data is shown.',
        },
      },
      { accountId: 'acct-a', venue: 'binance', state: 'ok', lastOkAt: TAKEN_AT, error: null },
    ],
  };
}

export const fixtureSettings = (): Settings => defaultSettings();
