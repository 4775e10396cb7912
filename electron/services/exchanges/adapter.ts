import type { Balance } from '../../../shared/domain/account';
import type { VenueCredentials } from '../../../shared/domain/credentials';
import type { CandleSeries, LongShortRatio, OrderBook, Tier } from '../../../shared/domain/market';
import type { Position } from '../../../shared/domain/position';
import type { MarketKind, Venue } from '../../../shared/domain/venue';
import type { MarketsCache } from './markets-cache';
import type { FetchImplementation } from './transport';

/**
 * What every venue adapter offers the services. Adapters wrap real ccxt clients; everything they return is
 * normalised into `shared/domain` types (validated with zod) and carries no raw exchange `info`. Calls throw on
 * failure; callers map errors with `toAppError` (errors.ts) so one venue's failure stays that venue's.
 */
/** What a ccxt client is built with (the stored `VenueCredentials` of shared/domain/credentials, in ccxt's terms). */
export interface ClientCredentials {
  readonly apiKey?: string;
  readonly secret?: string;
  /** OKX passphrase (ccxt's `password`). */
  readonly password?: string;
  /** Hyperliquid: the wallet address. Never a private key. */
  readonly walletAddress?: string;
}

/** Where the exchange runs and how requests leave the process. */
/** Stored credentials in ccxt's terms: OKX's passphrase is ccxt's `password`; Hyperliquid needs only the address. */
export function toClientCredentials(credentials: VenueCredentials): ClientCredentials {
  switch (credentials.venue) {
    case 'hyperliquid':
      return { walletAddress: credentials.walletAddress };
    case 'okx':
      return { apiKey: credentials.apiKey, secret: credentials.secret, password: credentials.passphrase };
    case 'binance':
    case 'bybit':
      return { apiKey: credentials.apiKey, secret: credentials.secret };
  }
}

export interface ExchangeEnvironment {
  /** Names the markets cache entry: simulator markets never mix with production ones. */
  readonly name: string;
  readonly transport: FetchImplementation;
  /** ccxt's throttle: on for real venues, off for the simulator (exchanges-offline.md §5). */
  readonly enableRateLimit: boolean;
  readonly timeoutMs: number;
  readonly marketsCache: MarketsCache | null;
  readonly now: () => number;
}

export interface AccountData {
  readonly positions: readonly Position[];
  readonly balances: readonly Balance[];
}

/** Static facts about a market from the venue's market list. */
export interface MarketMeta {
  readonly venue: Venue;
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly settle: string;
  readonly kind: MarketKind;
  readonly contractSize: number;
  readonly tickSize: number;
  readonly amountStep: number;
  readonly minAmount: number;
  readonly maxLeverage: number | null;
  readonly takerFee: number | null;
}

/** The fast-moving per-market numbers, fetched in bulk where the venue allows. */
export interface TickerData {
  readonly markPrice: number | null;
  readonly indexPrice: number | null;
  readonly fundingRate: number | null;
  readonly fundingIntervalHours: number | null;
  readonly nextFundingTime: number | null;
  /** Present when the venue's bulk ticker carries open interest (Bybit, OKX, Hyperliquid). */
  readonly openInterestBase?: number | null;
  readonly openInterestUsd?: number | null;
}

export interface OpenInterestNow {
  readonly amountBase: number;
  readonly valueUsd: number | null;
}

export type Timeframe = '1h' | '1d';

export type MarketsSource = 'memory' | 'cache' | 'network';

export interface VenueAdapter {
  readonly venue: Venue;
  /** Markets from memory, the disk cache, or the venue (cold start); throws when none can be had. */
  ensureMarkets(): Promise<MarketsSource>;
  market(symbol: string): MarketMeta | undefined;
  /** Every derivatives market of the loaded list (after `ensureMarkets`). */
  listMarkets(): readonly MarketMeta[];
  fetchAccount(accountId: string): Promise<AccountData>;
  fetchTickers(symbols: readonly string[]): Promise<ReadonlyMap<string, TickerData>>;
  fetchOpenInterest(symbol: string): Promise<OpenInterestNow>;
  /** Hourly points over at least 24 h, oldest first, in base units. */
  fetchOpenInterestHistory(symbol: string): Promise<{ time: number; amountBase: number }[]>;
  /** null when the venue publishes no long/short ratio for this market. */
  fetchLongShortRatio(symbol: string): Promise<LongShortRatio | null>;
  fetchFundingHistory(symbol: string): Promise<{ time: number; rate: number }[]>;
  fetchOrderBook(symbol: string, depth: number): Promise<OrderBook>;
  fetchCandles(symbol: string, timeframe: Timeframe, limit: number): Promise<CandleSeries>;
  fetchTiers(symbols: readonly string[]): Promise<ReadonlyMap<string, Tier[]>>;
  /** Seconds the venue last asked us to wait (HTTP 429 Retry-After), while that wait lasts; else null. */
  retryAfterSeconds(): number | null;
}
