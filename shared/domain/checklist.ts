import { z } from 'zod';
import { ProvenanceSchema, SeveritySchema } from './risk-report';
import { RegimeStateSchema } from './settings';
import { EpochMsSchema, FiniteSchema, MarginModeSchema, SideSchema, VenueSchema } from './venue';

/**
 * The pre-trade risk checklist (shared/checklist/build-checklist.ts → buildChecklist): what to check and do before
 * the next trade, built from one risk report and the snapshot it came from. Exported as Markdown, CSV, JSON, HTML and
 * PDF with the same content. Raw numbers are kept beside the sentences so a script can read the JSON; every sentence
 * is already formatted (deterministically) so every format says exactly the same thing.
 * No secret ever: an account appears as its label and `keyHint` (`…last4`) only.
 */

/** Where an item sits: the data sources, one position, one account (per settlement currency), one market, or none. */
export const ChecklistSectionSchema = z.enum(['data', 'position', 'account', 'market', 'general']);
export type ChecklistSection = z.infer<typeof ChecklistSectionSchema>;

/** status: a data source to confirm; warning: a risk to acknowledge; action: something to do; order: a suggested order to place by hand. */
export const ChecklistItemKindSchema = z.enum(['status', 'warning', 'action', 'order']);
export type ChecklistItemKind = z.infer<typeof ChecklistItemKindSchema>;

/** One line with an empty checkbox. */
export const ChecklistItemSchema = z.object({
  /** Stable within one checklist: `<section>:<subject>:<n>`. */
  id: z.string().min(1),
  section: ChecklistSectionSchema,
  /** Position id, `accountId|currency`, market key (`venue|symbol`) or account id (data); empty for general. */
  subjectId: z.string(),
  severity: SeveritySchema,
  kind: ChecklistItemKindSchema,
  /** The warning code, suggestion kind, or source state (`ok`, `stale`, `error`, `loading`). */
  code: z.string().min(1),
  text: z.string().min(1),
  /** Why, in words, when there is more to say than the line itself. */
  detail: z.string().nullable(),
});
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

export const ChecklistVenueSchema = z.object({
  accountId: z.string().min(1),
  venue: VenueSchema,
  /** e.g. `Binance · Main (…abcd)`. */
  name: z.string().min(1),
  state: z.enum(['loading', 'ok', 'stale', 'error']),
  lastOkAt: EpochMsSchema.nullable(),
  /** `ok, data at …`, `stale since … (message)`, `error: message`. */
  status: z.string().min(1),
  item: ChecklistItemSchema,
});
export type ChecklistVenue = z.infer<typeof ChecklistVenueSchema>;

const num = FiniteSchema.nullable();

export const ChecklistPositionSchema = z.object({
  positionId: z.string().min(1),
  accountId: z.string().min(1),
  /** The account's name with its key hint, e.g. `Binance · Main (…abcd)`. */
  account: z.string().min(1),
  venue: VenueSchema,
  symbol: z.string().min(1),
  base: z.string().min(1),
  settle: z.string().min(1),
  side: SideSchema,
  marginMode: MarginModeSchema,
  severity: SeveritySchema,
  severityReasons: z.array(z.string()),
  quantityBase: num,
  notionalUsd: num,
  leverage: num,
  entryPrice: num,
  markPrice: num,
  /** The liquidation price distances use (ours when we have it, else the exchange's), and where it came from. */
  liquidationPrice: num,
  liquidationSource: ProvenanceSchema.nullable(),
  exchangeLiquidationPrice: num,
  /** Why there is no liquidation price, when there is none. */
  liquidationNote: z.string().nullable(),
  distanceFraction: num,
  distanceSigma: num,
  /** Fat-tailed 24 h touch probability. */
  touch24h: num,
  /** The mildest BTC shock of the stress grid that liquidates the position, or null when none does. */
  stressLiquidatesAt: num,
  /** Formatted cells for the positions table (same text in every format). */
  cells: z.object({
    /** The account without its venue: label and key hint. */
    account: z.string(),
    size: z.string(),
    notional: z.string(),
    leverage: z.string(),
    entry: z.string(),
    mark: z.string(),
    liquidation: z.string(),
    distance: z.string(),
    touch24h: z.string(),
  }),
  items: z.array(ChecklistItemSchema),
});
export type ChecklistPosition = z.infer<typeof ChecklistPositionSchema>;

export const ChecklistAccountSchema = z.object({
  /** `accountId|currency`, as in the risk report. */
  subjectId: z.string().min(1),
  accountId: z.string().min(1),
  account: z.string().min(1),
  venue: VenueSchema,
  currency: z.string().min(1),
  positions: z.number().int().nonnegative(),
  worstSeverity: SeveritySchema,
  equity: num,
  grossLeverage: num,
  grossCap: num,
  /** One sentence: equity, gross leverage against its cap. */
  summary: z.string().min(1),
  items: z.array(ChecklistItemSchema),
});
export type ChecklistAccount = z.infer<typeof ChecklistAccountSchema>;

const RegimeSideSummarySchema = z.object({
  state: RegimeStateSchema,
  score: num,
  sizeMultiplier: FiniteSchema,
  leverageCap: FiniteSchema,
});

export const ChecklistMarketSchema = z.object({
  marketKey: z.string().min(1),
  venue: VenueSchema,
  symbol: z.string().min(1),
  long: RegimeSideSummarySchema,
  short: RegimeSideSummarySchema,
  confidence: FiniteSchema,
  fundingPer8h: num,
  fundingApr: num,
  /** e.g. `longs CROWDED (score 0.62): size × 0.50, isolated leverage ≤ 5×; shorts NORMAL`. */
  summary: z.string().min(1),
  funding: z.string(),
  /** The signals that moved the score most, in words. */
  signals: z.array(z.string()),
  items: z.array(ChecklistItemSchema),
});
export type ChecklistMarket = z.infer<typeof ChecklistMarketSchema>;

export const ChecklistStressPositionSchema = z.object({
  positionId: z.string().min(1),
  label: z.string().min(1),
  liquidatesAt: num,
  /** `liquidated at BTC −10 % (SOL −18.0 %)` or `not liquidated within the grid`. */
  text: z.string().min(1),
});

export const ChecklistStressAccountSchema = z.object({
  subjectId: z.string().min(1),
  label: z.string().min(1),
  /** The BTC move that liquidates the cross account (fraction, negative for a drop), or null. */
  btcMoveToLiquidation: num,
  withoutHighBeta: num,
  text: z.string().min(1),
});

export const ChecklistSettingSchema = z.object({ key: z.string().min(1), label: z.string().min(1), value: z.string() });
export type ChecklistSetting = z.infer<typeof ChecklistSettingSchema>;

export const ChecklistSchema = z.object({
  schemaVersion: z.literal(1),
  title: z.string().min(1),
  app: z.object({ name: z.string().min(1), version: z.string().min(1) }),
  /** When the checklist was made, and when the data it rests on was read. */
  generatedAt: EpochMsSchema,
  dataTakenAt: EpochMsSchema,
  demo: z.boolean(),
  summary: z.object({
    positions: z.number().int().nonnegative(),
    worstSeverity: SeveritySchema,
    bySeverity: z.object({
      safe: z.number().int().nonnegative(),
      watch: z.number().int().nonnegative(),
      danger: z.number().int().nonnegative(),
      critical: z.number().int().nonnegative(),
    }),
    /** Positions in danger or critical. */
    atRisk: z.number().int().nonnegative(),
    /** Data sources not `ok`. */
    sourcesNotOk: z.number().int().nonnegative(),
    /** e.g. `3 positions: 1 critical, 1 danger, 1 safe`. */
    line: z.string().min(1),
  }),
  venues: z.array(ChecklistVenueSchema),
  /** Worst first. */
  positions: z.array(ChecklistPositionSchema),
  accounts: z.array(ChecklistAccountSchema),
  markets: z.array(ChecklistMarketSchema),
  stress: z.object({
    shocks: z.array(FiniteSchema),
    positions: z.array(ChecklistStressPositionSchema),
    accounts: z.array(ChecklistStressAccountSchema),
  }),
  /** Warnings and suggestions whose subject is none of the above. */
  general: z.array(ChecklistItemSchema),
  settings: z.array(ChecklistSettingSchema),
  notes: z.array(z.string()),
});
export type Checklist = z.infer<typeof ChecklistSchema>;

export const CHECKLIST_FORMATS = ['md', 'csv', 'json', 'pdf'] as const;
export const ChecklistFormatSchema = z.enum(CHECKLIST_FORMATS);
export type ChecklistFormat = z.infer<typeof ChecklistFormatSchema>;
