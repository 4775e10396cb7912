import { z } from 'zod';

/**
 * The trader's preferences. Every field has a default and falls back to it on its own when the stored value is
 * invalid, so one bad field in the settings file never costs the rest (see `parseSettings`).
 */
const fraction = (min: number, max: number) => z.number().min(min).max(max);

export const SeverityThresholdsSchema = z
  .object({
    /** 24 h touch probability (fat-tailed) at or above which a position is watch / danger / critical. */
    watchTouch24h: fraction(0, 1),
    dangerTouch24h: fraction(0, 1),
    criticalTouch24h: fraction(0, 1),
    /** Distance to liquidation in daily σ at or below which a position is watch / danger / critical. */
    watchSigma: z.number().positive().max(50),
    dangerSigma: z.number().positive().max(50),
    criticalSigma: z.number().positive().max(50),
  })
  .refine((t) => t.watchTouch24h < t.dangerTouch24h && t.dangerTouch24h < t.criticalTouch24h, {
    message: 'touch-probability thresholds must rise from watch to danger to critical',
  })
  .refine((t) => t.watchSigma > t.dangerSigma && t.dangerSigma > t.criticalSigma, {
    message: 'σ-distance thresholds must fall from watch to danger to critical',
  });
export type SeverityThresholds = z.infer<typeof SeverityThresholdsSchema>;

export const StopLadderDefaultsSchema = z
  .object({
    atrMultiples: z.array(z.number().positive().max(20)).min(1).max(6),
    weights: z.array(z.number().positive().max(1)).min(1).max(6),
  })
  .refine((l) => l.atrMultiples.length === l.weights.length, {
    message: 'each stop rung needs one ATR multiple and one weight',
  })
  .refine((l) => Math.abs(l.weights.reduce((a, b) => a + b, 0) - 1) < 1e-9, {
    message: 'rung weights must add up to 1',
  });
export type StopLadderDefaults = z.infer<typeof StopLadderDefaultsSchema>;

export const REGIME_STATES = ['NORMAL', 'ELEVATED', 'CROWDED', 'EXTREME'] as const;
export const RegimeStateSchema = z.enum(REGIME_STATES);
export type RegimeState = z.infer<typeof RegimeStateSchema>;

/** Size multiplier per regime state (risk-method.md §3.5). */
export const RegimeMultipliersSchema = z.object({
  NORMAL: fraction(0, 1),
  ELEVATED: fraction(0, 1),
  CROWDED: fraction(0, 1),
  EXTREME: fraction(0, 1),
});

export const SETTINGS_DEFAULTS = {
  theme: 'dark',
  colorScheme: 'green-up',
  riskPercent: 1,
  severity: {
    watchTouch24h: 0.01,
    dangerTouch24h: 0.05,
    criticalTouch24h: 0.2,
    watchSigma: 4,
    dangerSigma: 2,
    criticalSigma: 1,
  },
  refreshIntervalSeconds: 30,
  stopLadder: { atrMultiples: [1.5, 2.25, 3], weights: [0.4, 0.3, 0.3] },
  regimeMultipliers: { NORMAL: 1, ELEVATED: 0.75, CROWDED: 0.5, EXTREME: 0.25 },
  discrepancyTolerancePercent: 0.5,
  allowTradeEnabledKeys: false,
} as const satisfies Record<string, unknown>;

export const SettingsSchema = z.object({
  theme: z.enum(['dark', 'light']),
  /** green-up: rises green, falls red (Western); red-up: rises red (East Asian convention). */
  colorScheme: z.enum(['green-up', 'red-up']),
  /** Risk per trade as a percentage of equity. */
  riskPercent: z.number().gt(0).max(10),
  severity: SeverityThresholdsSchema,
  refreshIntervalSeconds: z.number().int().min(5).max(3600),
  stopLadder: StopLadderDefaultsSchema,
  regimeMultipliers: RegimeMultipliersSchema,
  /** Gap between our liquidation price and the exchange's, in %, beyond which the report flags it. */
  discrepancyTolerancePercent: z.number().gt(0).max(20),
  /** Accept keys with trade rights (never withdraw/transfer), shown with a persistent warning. */
  allowTradeEnabledKeys: z.boolean(),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** A partial update: any subset of top-level fields, each validated whole. */
export const SettingsPatchSchema = SettingsSchema.partial();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** A fresh copy of the defaults (zod's parse returns new objects and arrays). */
export const defaultSettings = (): Settings => SettingsSchema.parse(SETTINGS_DEFAULTS);

/**
 * Reads settings field by field: a valid field is kept, an invalid or missing one takes its default and is named in
 * `rejected`, so the caller can tell the trader exactly what was reset.
 */
export function parseSettings(raw: unknown): { settings: Settings; rejected: string[] } {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const settings = defaultSettings() as Record<string, unknown>;
  const rejected: string[] = [];
  for (const [key, schema] of Object.entries(SettingsSchema.shape)) {
    if (!(key in source)) continue;
    const parsed = (schema as z.ZodType).safeParse(source[key]);
    if (parsed.success) settings[key] = parsed.data;
    else rejected.push(key);
  }
  return { settings: settings as Settings, rejected };
}
