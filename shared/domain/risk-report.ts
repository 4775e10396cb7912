import { z } from 'zod';

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
