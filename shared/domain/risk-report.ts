import { z } from 'zod';
import { RegimeStateSchema } from './settings';
import {
  EpochMsSchema,
  FiniteSchema,
  MarginModeSchema,
  MarketKindSchema,
  MissingValueSchema,
  PositionModeSchema,
  SideSchema,
  VenueSchema,
} from './venue';

/**
 * The risk report (shared/risk/report.ts → buildRiskReport): everything the screens and the checklist show. It
 * crosses the IPC boundary, so it is defined here with zod. Every number is a `Figure` carrying its provenance.
 */

/** Which venue formula produced a liquidation price (shared/risk/liquidation/, one file per model). */
export const LIQUIDATION_MODELS = [
  'binance-usdm',
  'binance-coinm',
  'bybit-linear-isolated',
  'bybit-inverse-isolated',
  'bybit-inverse-cross-legacy',
  'bybit-cross',
  'okx-isolated',
  'okx-cross',
  'hyperliquid-isolated',
  'hyperliquid-cross',
] as const;
export const LiquidationModelSchema = z.enum(LIQUIDATION_MODELS);
export type LiquidationModel = z.infer<typeof LiquidationModelSchema>;

/**
 * Why a liquidation price is absent. `no_liquidation`: the margin covers any adverse move (e.g. a fully
 * collateralised long); `insolvent`: the margin is below maintenance at every price; `invalid_input`: the inputs
 * cannot define a price; `missing_input`: a value the formula needs was not available.
 */
export const LIQUIDATION_NULL_REASONS = ['no_liquidation', 'insolvent', 'invalid_input', 'missing_input'] as const;
export const LiquidationNullReasonSchema = z.enum(LIQUIDATION_NULL_REASONS);
export type LiquidationNullReason = z.infer<typeof LiquidationNullReasonSchema>;

/** exchange: reported by the venue; computed: by shared/risk; default: a documented default; input: given by the caller. */
export const ProvenanceSchema = z.enum(['exchange', 'computed', 'default', 'input']);
export type Provenance = z.infer<typeof ProvenanceSchema>;

/** A number with its provenance; a missing value is null with the reason in words, never NaN or a zero. */
export const FigureSchema = z.object({
  value: FiniteSchema.nullable(),
  source: ProvenanceSchema,
  reason: z.string().nullable(),
});
export type Figure = z.infer<typeof FigureSchema>;

export const SEVERITIES = ['safe', 'watch', 'danger', 'critical'] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

export const WARNING_CODES = [
  'liquidation_crossed',
  'liquidation_near',
  'liquidation_unavailable',
  'liquidation_discrepancy',
  'stress_liquidation',
  'cross_account_fragile',
  'high_beta_in_cross',
  'gross_leverage_above_cap',
  'regime_crowded',
  'regime_extreme',
  'regime_low_confidence',
  'stop_ladder_infeasible',
  'missing_market_data',
  'missing_balance',
  'stale_data',
] as const;
export const WarningCodeSchema = z.enum(WARNING_CODES);
export type WarningCode = z.infer<typeof WarningCodeSchema>;

export const SubjectSchema = z.object({
  kind: z.enum(['position', 'market', 'account']),
  /** Position id, market key (`venue|symbol`) or `accountId|currency`. */
  id: z.string().min(1),
});
export type Subject = z.infer<typeof SubjectSchema>;

/** Which constraint of a stop ladder failed (shared/risk/stops.ts). */
export const LadderConstraintSchema = z.enum(['liquidation_buffer', 'risk_budget', 'lot_size', 'stop_side']);
export type LadderConstraint = z.infer<typeof LadderConstraintSchema>;

/**
 * What a ladder problem's sentences need to know of the position or plan (one object shared by a ladder's problems):
 * the base asset and settle currency, linear or inverse, the side, the contract size (base units per contract, or
 * USD per contract for inverse), the amount step in contracts and the reference price the ladder is measured from.
 */
export const LadderTermsSchema = z.object({
  asset: z.string().min(1),
  settle: z.string().min(1),
  kind: MarketKindSchema,
  side: SideSchema,
  contractSize: FiniteSchema,
  amountStep: FiniteSchema,
  reference: FiniteSchema,
});
export type LadderTerms = z.infer<typeof LadderTermsSchema>;

/** Concrete amounts when they apply: base units to reduce, margin to add (settle), leverage to use. */
const ladderAmounts = {
  reduceBy: FiniteSchema.nullable(),
  addMargin: FiniteSchema.nullable(),
  maxLeverage: FiniteSchema.nullable(),
};

/**
 * A constraint a stop ladder fails (shared/risk/stops.ts `stopLadder`), with the figures its sentences name. The
 * sentences (what fails, what to change) are made where they are shown: shared/risk/ladder-problem-text.ts.
 */
export const LadderProblemSchema = z.discriminatedUnion('constraint', [
  z.object({
    constraint: z.literal('stop_side'),
    terms: LadderTermsSchema,
    /** A rung at or below zero, or (a planned trade) every stop on the winning side of the entry. */
    cause: z.enum(['below_zero', 'winning_side']),
    ...ladderAmounts,
  }),
  z.object({
    constraint: z.literal('lot_size'),
    terms: LadderTermsSchema,
    /** The ladder's base quantity, its rung count and one lot in base units. */
    quantity: FiniteSchema,
    rungs: z.number().int().nonnegative(),
    lot: FiniteSchema,
    ...ladderAmounts,
  }),
  z.object({
    constraint: z.literal('risk_budget'),
    terms: LadderTermsSchema,
    /** Loss if every rung fills and the budget (settle), and the position's base quantity. */
    worstCaseLoss: FiniteSchema,
    riskBudget: FiniteSchema,
    quantity: FiniteSchema,
    ...ladderAmounts,
    reduceBy: FiniteSchema,
  }),
  z.object({
    constraint: z.literal('liquidation_buffer'),
    terms: LadderTermsSchema,
    /** The buffer, the deepest rung's trigger and fill, and the bound liquidation must keep (§4.2). */
    buffer: FiniteSchema,
    deepestTrigger: FiniteSchema,
    deepestFill: FiniteSchema,
    bound: FiniteSchema,
    /**
     * An open position: its liquidation price and the tightest deepest stop that keeps the buffer. Null for a
     * planned trade (no leverage keeps liquidation beyond the deepest stop).
     */
    liquidationPrice: FiniteSchema.nullable(),
    tightest: FiniteSchema.nullable(),
    ...ladderAmounts,
  }),
]);
export type LadderProblem = z.infer<typeof LadderProblemSchema>;

/** The fields every warning has besides its code. */
const warningBase = {
  severity: SeveritySchema,
  subject: SubjectSchema,
  /** What the sentence is about: "SYMBOL side" for a position, the symbol for a market, "account (currency)". */
  label: z.string().min(1),
};

/** A side's regime parameters as `regime_crowded` / `regime_extreme` say them. */
const regimeWarningFields = {
  side: SideSchema,
  score: FiniteSchema,
  sizeMultiplier: FiniteSchema,
  leverageCap: FiniteSchema,
  /** The regime's base stop slippage (fraction). */
  slippage: FiniteSchema,
};

/**
 * A warning as data, one member per code with its own named fields: the sentence is made where it is shown, by
 * shared/risk/warning-text.ts (`warningText`). A nullable number is one that may not be finite; it is shown as "–".
 */
export const RiskWarningSchema = z.discriminatedUnion('code', [
  z.object({
    code: z.literal('liquidation_crossed'),
    ...warningBase,
    mark: FiniteSchema,
    liquidationPrice: FiniteSchema,
  }),
  z.object({
    code: z.literal('liquidation_near'),
    ...warningBase,
    liquidationPrice: FiniteSchema,
    /** Distance to liquidation as a fraction of the mark. */
    distance: FiniteSchema,
    /** Distance in daily σ; null when not finite (shown as "–"). */
    sigmaDistance: FiniteSchema.nullable(),
    /** Fat-tailed touch probabilities. */
    touch24h: FiniteSchema,
    touch7d: FiniteSchema,
  }),
  z.object({
    code: z.literal('liquidation_unavailable'),
    ...warningBase,
    /** Why there is no liquidation price, in words. */
    reason: z.string(),
  }),
  z.object({
    code: z.literal('liquidation_discrepancy'),
    ...warningBase,
    /** Ours and the exchange's liquidation price, and |ours − exchange| / exchange. */
    computed: FiniteSchema,
    exchange: FiniteSchema,
    gap: FiniteSchema,
    explanation: z.string(),
  }),
  z.object({
    code: z.literal('stress_liquidation'),
    ...warningBase,
    /** The smallest BTC shock that liquidates the position, the asset's move at its beta, and the beta. */
    btcMove: FiniteSchema,
    asset: z.string(),
    assetMove: FiniteSchema,
    beta: FiniteSchema,
  }),
  z.object({ code: z.literal('cross_account_fragile'), ...warningBase, reason: z.string() }),
  z.object({ code: z.literal('high_beta_in_cross'), ...warningBase, explanation: z.string() }),
  z.object({
    code: z.literal('gross_leverage_above_cap'),
    ...warningBase,
    grossLeverage: FiniteSchema,
    grossCap: FiniteSchema,
  }),
  z.object({ code: z.literal('regime_crowded'), ...warningBase, ...regimeWarningFields }),
  z.object({ code: z.literal('regime_extreme'), ...warningBase, ...regimeWarningFields }),
  z.object({
    code: z.literal('regime_low_confidence'),
    ...warningBase,
    /** Share of the regime's signals available (0..1), and the missing ones. */
    confidence: FiniteSchema,
    missing: z.array(z.string()),
  }),
  z.object({
    code: z.literal('stop_ladder_infeasible'),
    ...warningBase,
    /** The failed constraint with its figures; its sentence comes from shared/risk/ladder-problem-text.ts. */
    problem: LadderProblemSchema,
  }),
  z.object({ code: z.literal('missing_market_data'), ...warningBase, detail: z.string() }),
  z.object({ code: z.literal('missing_balance'), ...warningBase, currency: z.string(), accountId: z.string() }),
  z.object({
    code: z.literal('stale_data'),
    ...warningBase,
    /** Age of the data in minutes. */
    minutes: FiniteSchema,
  }),
]);
export type RiskWarning = z.infer<typeof RiskWarningSchema>;

export const SUGGESTION_KINDS = [
  'reduce_position',
  'add_margin',
  'stop_ladder',
  'leverage_cap',
  'isolate_high_beta',
  'reduce_gross_exposure',
] as const;
export const SuggestionKindSchema = z.enum(SUGGESTION_KINDS);

/** The fields every suggestion has besides its kind. */
const suggestionBase = {
  subject: SubjectSchema,
  /** What the sentence is about: "SYMBOL side" for a position, "account (currency)" for an account. */
  label: z.string().min(1),
  /**
   * Base units to reduce (inverse contracts: contracts, `unit` "contracts of $F"), margin to add (settle currency)
   * or leverage cap, when the suggestion has one.
   */
  amount: FiniteSchema.nullable(),
  unit: z.string().nullable(),
};

/** shared/risk/reduction.ts `ReductionSuggestion`: the reduction or margin that brings liquidation to the target. */
const ReductionSchema = z.object({
  addMargin: FiniteSchema,
  targetSigma: FiniteSchema,
  targetLiquidation: FiniteSchema,
  /** Null for an isolated position (the reduction does not apply). */
  reduceBy: FiniteSchema.nullable(),
  newQuantity: FiniteSchema.nullable(),
  /** Null for isolated, or when the reduction removes the liquidation price. */
  liquidationAfter: FiniteSchema.nullable(),
  achievedSigma: FiniteSchema.nullable(),
});

/** `reduce_position` / `add_margin`: the reduction and what `reductionText` says of the position. */
const reductionFields = {
  reduction: ReductionSchema,
  marginMode: MarginModeSchema,
  asset: z.string(),
  settle: z.string(),
  /** Base units held (inverse: contracts held). */
  quantity: FiniteSchema,
  /**
   * An inverse position: the USD face value of one contract, the mark the coin amounts are valued at and the lot
   * step in contracts (the sentence names contracts and coin amounts); absent for a linear one.
   */
  inverse: z.object({ faceValue: FiniteSchema, mark: FiniteSchema, lotStep: FiniteSchema }).optional(),
  /** Margin the stop ladder needs for its own goal (settle currency); null when it needs none or has no ladder. */
  ladderMargin: FiniteSchema.nullable(),
};

/**
 * A suggestion as data, one member per kind with its own named fields and its amount: what to do and why in words
 * is made where it is shown, by shared/risk/suggestion-text.ts (`suggestionText`). A `stop_ladder` suggestion's
 * orders are not repeated here: they are the position's `ladder.rungs`, made into suggested orders on demand by
 * shared/risk/ladder-orders.ts (`positionLadderOrders`).
 */
export const SuggestionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reduce_position'), ...suggestionBase, ...reductionFields }),
  z.object({ kind: z.literal('add_margin'), ...suggestionBase, ...reductionFields }),
  z.object({
    kind: z.literal('stop_ladder'),
    ...suggestionBase,
    /** Orders with a whole lot; loss if all fill, the risk budget, and the expected loss over 7 days (settle). */
    orders: z.number().int().positive(),
    worstCaseLoss: FiniteSchema,
    riskBudget: FiniteSchema,
    expectedLoss7d: FiniteSchema,
    settle: z.string(),
    /** The ATR multiples in words ("1.50 / 2.25 / 3.00"). */
    atrMultiples: z.string(),
    /** An inverse position's USD face value of one contract (orders in contracts, coin losses); absent for linear. */
    faceValue: FiniteSchema.optional(),
  }),
  z.object({
    kind: z.literal('leverage_cap'),
    ...suggestionBase,
    leverage: FiniteSchema,
    leverageCap: FiniteSchema,
    regime: RegimeStateSchema,
  }),
  z.object({
    kind: z.literal('isolate_high_beta'),
    ...suggestionBase,
    /** The high-beta effect on the cross account, in words. */
    explanation: z.string(),
  }),
  z.object({
    kind: z.literal('reduce_gross_exposure'),
    ...suggestionBase,
    /** Gross exposure to trim (USD) and the regime's gross cap (× equity). */
    trim: FiniteSchema,
    grossCap: FiniteSchema,
  }),
]);
export type Suggestion = z.infer<typeof SuggestionSchema>;

export const DiscrepancyCauseSchema = z.enum(['tier', 'fees', 'cross_account_value', 'margin_input', 'unknown']);
export type DiscrepancyCause = z.infer<typeof DiscrepancyCauseSchema>;

export const DiscrepancySchema = z.object({
  /** |ours − exchange| / exchange. */
  gap: FiniteSchema,
  /** settings.discrepancyTolerancePercent / 100. */
  tolerance: FiniteSchema,
  exceeds: z.boolean(),
  likelyCause: DiscrepancyCauseSchema.nullable(),
  explanation: z.string().nullable(),
});
export type Discrepancy = z.infer<typeof DiscrepancySchema>;

/**
 * Touch probabilities (risk-method.md §2), all computed. A null is a probability that could not be computed; its
 * reason in words, with the figure the screens show, comes from shared/risk/touch-figure.ts (`touchFigure`).
 */
const TouchSchema = z.object({
  horizonHours: z.number().int().positive(),
  gaussian: FiniteSchema.nullable(),
  stressedSigma: FiniteSchema.nullable(),
  jumpOverlay: FiniteSchema.nullable(),
  /** P_fat: the figure severities use. */
  fat: FiniteSchema.nullable(),
});
export type Touch = z.infer<typeof TouchSchema>;

/**
 * Per-position stress (risk-method.md §5.1), one entry per `RiskReport.stressShocks` shock in each column: the
 * asset's move at its beta, the shocked price, the PnL (settle/quote units) and whether the position's own
 * liquidation price is crossed. An isolated position's PnL stops at `maxLoss` (its margin plus uPnL at mark: past
 * its liquidation price it is liquidated and loses that, no more); null for cross positions.
 */
const PositionStressSchema = z.object({
  assetMove: z.array(FiniteSchema).readonly(),
  price: z.array(FiniteSchema).readonly(),
  pnl: z.array(FiniteSchema).readonly(),
  liquidated: z.array(z.boolean()).readonly(),
  maxLoss: FiniteSchema.nullable(),
});

/**
 * A ladder's rungs as columns, like `stress`: one array per field, entry i for tranche i + 1 (every column has one
 * entry per rung). An array of numbers is one object for V8, where an array of rung objects is one object per rung
 * plus one per decimal field, and a report keeps hundreds of ladders. The columns that depend on the market, side
 * and mark only (tranche … regimeSlippage, touchProbability) are the rung plan's own arrays, shared by the ladders
 * of every position on that market and side (shared/risk/stops.ts `planRungs`). shared/risk/stops.ts
 * `ladderRungList` gives the rungs one object each, for a screen.
 */
export const LadderRungsSchema = z.object({
  tranche: z.array(z.number().int().positive()).readonly(),
  /** Share of the position (the configured weights normalised). */
  weight: z.array(FiniteSchema).readonly(),
  atrMultiple: z.array(FiniteSchema).readonly(),
  /** k·ATR from the reference before any adjustment, and the trigger after round-number and tick rounding. */
  rawTrigger: z.array(FiniteSchema).readonly(),
  trigger: z.array(FiniteSchema).readonly(),
  /** The round number the rung was moved away from, or null. */
  movedFrom: z.array(FiniteSchema.nullable()).readonly(),
  /** Regime slippage s_i, the book's (stressed) VWAP slippage, and the one used (the larger). */
  regimeSlippage: z.array(FiniteSchema).readonly(),
  bookSlippage: z.array(FiniteSchema.nullable()).readonly(),
  slippage: z.array(FiniteSchema).readonly(),
  fill: z.array(FiniteSchema).readonly(),
  /** ℓ_i per base unit, the rung's base quantity, and its loss if it fills. */
  lossPerUnit: z.array(FiniteSchema).readonly(),
  quantity: z.array(FiniteSchema).readonly(),
  /** Order amount in contracts (whole amount steps; 0 when the rung holds no whole lot and has no order). */
  contracts: z.array(FiniteSchema).readonly(),
  loss: z.array(FiniteSchema).readonly(),
  /** Probability of touching the trigger within the horizon (driftless), when σ is known. */
  touchProbability: z.array(FiniteSchema.nullable()).readonly(),
});
export type LadderRungs = z.infer<typeof LadderRungsSchema>;

export const PositionRiskSchema = z.object({
  positionId: z.string().min(1),
  accountId: z.string().min(1),
  venue: VenueSchema,
  symbol: z.string().min(1),
  marketKey: z.string().min(1),
  base: z.string().min(1),
  settle: z.string().min(1),
  kind: MarketKindSchema,
  side: SideSchema,
  marginMode: MarginModeSchema,
  positionMode: PositionModeSchema,
  /**
   * Size (base units), notional (USD) and entry price as the exchange reports them (always present); a screen shows
   * them as figures through shared/risk/report-figures.ts (`exchangeFigure`).
   */
  quantityBase: FiniteSchema,
  notionalUsd: FiniteSchema,
  entryPrice: FiniteSchema,
  markPrice: FigureSchema,
  leverage: FigureSchema,
  liquidation: z.object({
    /** Ours, from the venue model. */
    computed: FigureSchema,
    model: LiquidationModelSchema.nullable(),
    tier: z.number().int().nullable(),
    maintenanceMarginRate: FigureSchema,
    /** The venue's own figure. */
    exchange: FigureSchema,
    /** The one distances and probabilities use: ours when we have it, else the exchange's. */
    used: FigureSchema,
    discrepancy: DiscrepancySchema.nullable(),
    /** Inputs that were assumed or derived rather than reported, in words. */
    assumptions: z.array(z.string()),
  }),
  /**
   * Distance to the liquidation price used, computed: as a fraction of the mark, in ATR(14) and in daily σ. A null
   * is a distance that could not be computed; its reason in words, with the figure the screens show, comes from
   * shared/risk/report-figures.ts (`distanceFigure`).
   */
  distance: z.object({
    fraction: FiniteSchema.nullable(),
    atr: FiniteSchema.nullable(),
    sigma: FiniteSchema.nullable(),
  }),
  touch24h: TouchSchema,
  touch7d: TouchSchema,
  severity: SeveritySchema,
  /** Why the severity, in words. */
  severityReasons: z.array(z.string()),
  regime: z.object({ state: RegimeStateSchema, score: FiniteSchema.nullable(), confidence: FiniteSchema }),
  beta: FigureSchema,
  stress: PositionStressSchema,
  ladder: z
    .object({
      rungs: LadderRungsSchema,
      quantity: FiniteSchema,
      worstCaseLoss: FiniteSchema,
      riskBudget: FiniteSchema,
      expectedLoss7d: FiniteSchema.nullable(),
      feasible: z.boolean(),
      problems: z.array(LadderProblemSchema),
    })
    .nullable(),
  missing: z.array(MissingValueSchema),
});
export type PositionRisk = z.infer<typeof PositionRiskSchema>;

export const RegimeSignalSchema = z.object({
  id: z.enum(['funding', 'long_short', 'basis', 'oi_divergence', 'elr', 'open_interest', 'depth', 'volatility']),
  axis: z.enum(['crowding', 'fragility']),
  value: FiniteSchema.nullable(),
  neutral: FiniteSchema,
  threshold: FiniteSchema,
  subScore: FiniteSchema.nullable(),
  weight: FiniteSchema,
  contribution: FiniteSchema,
  explanation: z.string(),
});

const AxisSchema = z.object({
  value: FiniteSchema.nullable(),
  coverage: FiniteSchema,
  signals: z.array(RegimeSignalSchema),
});

const RegimeSideSchema = z.object({
  score: FiniteSchema.nullable(),
  level: RegimeStateSchema,
  state: RegimeStateSchema,
  sizeMultiplier: FiniteSchema,
  leverageCap: FiniteSchema,
  grossCap: FiniteSchema,
  slippage: FiniteSchema,
});

export const MarketRiskSchema = z.object({
  marketKey: z.string().min(1),
  venue: VenueSchema,
  symbol: z.string().min(1),
  base: z.string().min(1),
  markPrice: FigureSchema,
  volatility: z.object({
    timeframe: z.enum(['1d', '1h']).nullable(),
    sigmaAnnual: FigureSchema,
    sigmaDaily: FigureSchema,
    garmanKlassAnnual: FigureSchema,
    atr14: FigureSchema,
  }),
  depth: z.object({ bids1pct: FigureSchema, asks1pct: FigureSchema, bids2pct: FigureSchema, asks2pct: FigureSchema }),
  fundingPer8h: FigureSchema,
  fundingApr: FigureSchema,
  beta: FigureSchema,
  regime: z.object({
    long: RegimeSideSchema,
    short: RegimeSideSchema,
    confidence: FiniteSchema,
    crowding: AxisSchema,
    fragility: AxisSchema,
    missing: z.array(z.string()),
  }),
});
export type MarketRisk = z.infer<typeof MarketRiskSchema>;

/**
 * A cross account's stress grid (§5.2) as columns, like a position's `stress`: entry i for `RiskReport.stressShocks`
 * shock i (the BTC move; PnL, equity and maintenance margin after it; MM / equity, null once equity is gone; whether
 * the account is liquidated).
 */
const CrossRowsSchema = z.object({
  shock: z.array(FiniteSchema).readonly(),
  pnl: z.array(FiniteSchema).readonly(),
  equity: z.array(FiniteSchema).readonly(),
  maintenance: z.array(FiniteSchema).readonly(),
  marginRatio: z.array(FiniteSchema.nullable()).readonly(),
  liquidated: z.array(z.boolean()).readonly(),
});

export const AccountRiskSchema = z.object({
  accountId: z.string().min(1),
  venue: VenueSchema,
  currency: z.string().min(1),
  positions: z.number().int().nonnegative(),
  worstSeverity: SeveritySchema,
  equity: FigureSchema,
  equityUsd: FigureSchema,
  grossNotionalUsd: FigureSchema,
  netNotionalUsd: FigureSchema,
  grossLeverage: FigureSchema,
  /** The tightest regime gross-leverage cap among the account's positions (§3.5). */
  grossCap: FigureSchema,
  maintenanceMargin: FigureSchema,
  crossStress: z
    .object({
      btcMoveToLiquidation: FigureSchema,
      withoutHighBeta: FigureSchema,
      highBeta: z.array(z.string()),
      explanation: z.string(),
      rows: CrossRowsSchema,
    })
    .nullable(),
});
export type AccountRisk = z.infer<typeof AccountRiskSchema>;

const SideMemorySchema = z.object({ state: RegimeStateSchema, below: z.number().int().nonnegative() });
export const RegimeMemorySchema = z.object({
  long: SideMemorySchema,
  short: SideMemorySchema,
  observedAt: EpochMsSchema,
});

export const RiskReportSchema = z.object({
  schemaVersion: z.literal(1),
  generatedAt: EpochMsSchema,
  summary: z.object({
    positions: z.number().int().nonnegative(),
    worstSeverity: SeveritySchema,
    bySeverity: z.object({
      safe: z.number().int().nonnegative(),
      watch: z.number().int().nonnegative(),
      danger: z.number().int().nonnegative(),
      critical: z.number().int().nonnegative(),
    }),
  }),
  positions: z.array(PositionRiskSchema),
  markets: z.array(MarketRiskSchema),
  accounts: z.array(AccountRiskSchema),
  /** The BTC shocks of every stress row (§5.1). */
  stressShocks: z.array(FiniteSchema),
  warnings: z.array(RiskWarningSchema),
  suggestions: z.array(SuggestionSchema),
  /** Pass back as `regimeMemory` on the next call to keep the regime hysteresis (keyed by market key). */
  regimeMemory: z.record(z.string(), RegimeMemorySchema),
});
export type RiskReport = z.infer<typeof RiskReportSchema>;
