import { assertNever } from '../../result';
import { binanceCoinmLiquidation } from './binance-coinm';
import { binanceUsdmLiquidation } from './binance-usdm';
import {
  bybitCrossLiquidation,
  bybitInverseCrossLegacyLiquidation,
  bybitInverseIsolatedLiquidation,
  bybitLinearIsolatedLiquidation,
} from './bybit';
import { hyperliquidCrossLiquidation, hyperliquidIsolatedLiquidation } from './hyperliquid';
import { okxCrossLiquidation, okxIsolatedLiquidation } from './okx';
import type { LiquidationInput, LiquidationResult } from './types';

export type * from './types';
export { hyperliquidTiers, maintenanceMargin, singleTier, tierIndexAt, tiersFromFloors, OPEN_CAP } from './tiers';

/**
 * The venue-exact liquidation price of one position (or one symbol's legs, Binance cross hedge mode), triggered on
 * the mark price. Returns `{ price, model, tier, maintenanceMarginRate }` or `{ price: null, model, reason, detail }`;
 * never NaN, Infinity, zero or a negative price. Pure and allocation-light: safe in hot loops.
 */
export function liquidationPrice(input: LiquidationInput): LiquidationResult {
  switch (input.model) {
    case 'binance-usdm':
      return binanceUsdmLiquidation(input);
    case 'binance-coinm':
      return binanceCoinmLiquidation(input);
    case 'bybit-linear-isolated':
      return bybitLinearIsolatedLiquidation(input);
    case 'bybit-inverse-isolated':
      return bybitInverseIsolatedLiquidation(input);
    case 'bybit-inverse-cross-legacy':
      return bybitInverseCrossLegacyLiquidation(input);
    case 'bybit-cross':
      return bybitCrossLiquidation(input);
    case 'okx-isolated':
      return okxIsolatedLiquidation(input);
    case 'okx-cross':
      return okxCrossLiquidation(input);
    case 'hyperliquid-isolated':
      return hyperliquidIsolatedLiquidation(input);
    case 'hyperliquid-cross':
      return hyperliquidCrossLiquidation(input);
    default:
      return assertNever(input);
  }
}
