import type { Venue } from '../../../shared/domain/venue';
import type { ExchangeEnvironment, VenueAdapter, ClientCredentials } from './adapter';
import { BinanceAdapter } from './binance-adapter';
import { BybitAdapter } from './bybit-adapter';
import { HyperliquidAdapter } from './hyperliquid-adapter';
import { OkxAdapter } from './okx-adapter';

/** The adapter for a venue, with its ccxt clients built (no request is made until it is used). */
export function createVenueAdapter(
  venue: Venue,
  credentials: ClientCredentials,
  env: ExchangeEnvironment,
): Promise<VenueAdapter> {
  switch (venue) {
    case 'binance':
      return BinanceAdapter.create(credentials, env);
    case 'bybit':
      return BybitAdapter.create(credentials, env);
    case 'okx':
      return OkxAdapter.create(credentials, env);
    case 'hyperliquid':
      return HyperliquidAdapter.create(credentials, env);
  }
}
