import type { Market } from '../../../shared/domain/market';
import type { AppError } from '../../../shared/result';
import type { TickerData, VenueAdapter } from '../exchanges/adapter';
import { NotPublishedError, rateLimitedError, toAppError } from '../exchanges/errors';
import { buildMarket, type MarketPieces, type Piece } from './build-market';

/**
 * Market conditions per venue: funding, open interest (now and 24 h), long/short ratio, order book, candles and
 * tiers for the markets the trader holds. Each piece is refetched on its own schedule (the book, mark, index and
 * funding every refresh; open interest each minute; histories every few minutes; daily candles and tiers hourly) and the last good value of a piece is
 * kept when a refetch fails, so one failed call never blanks a market.
 */
export interface MarketRefreshPolicy {
  /** Maximum age (ms) before a piece is fetched again. 0 = every refresh. */
  readonly tickersMs: number;
  readonly orderBookMs: number;
  readonly openInterestMs: number;
  readonly historyMs: number;
  readonly candles1hMs: number;
  readonly dailyMs: number;
  readonly orderBookDepth: number;
  readonly candles1hCount: number;
  readonly candles1dCount: number;
  /** Concurrent requests per venue. */
  readonly concurrency: number;
}

export const DEFAULT_MARKET_POLICY: MarketRefreshPolicy = {
  tickersMs: 0,
  orderBookMs: 0,
  // Bybit, OKX and Hyperliquid send open interest with the bulk tickers (every refresh); Binance needs one call per
  // market, made at most once a minute (open interest moves slowly next to the book and the mark).
  openInterestMs: 60_000,
  historyMs: 5 * 60_000,
  candles1hMs: 5 * 60_000,
  dailyMs: 60 * 60_000,
  orderBookDepth: 200,
  candles1hCount: 168,
  candles1dCount: 90,
  concurrency: 8,
};

interface Cached {
  readonly value: unknown;
  readonly at: number;
}

export interface VenueMarkets {
  readonly markets: readonly Market[];
  /** The first failure among this venue's market-data calls this refresh (pieces fell back or went missing). */
  readonly problem: AppError | null;
}

export class MarketService {
  private readonly cache = new Map<string, Cached>();
  private readonly policy: MarketRefreshPolicy;

  constructor(
    private readonly now: () => number,
    policy: Partial<MarketRefreshPolicy> = {},
  ) {
    this.policy = { ...DEFAULT_MARKET_POLICY, ...policy };
  }

  /** Forgets every cached piece (e.g. when leaving demo mode). */
  clear(): void {
    this.cache.clear();
  }

  /**
   * Markets for `symbols` on the adapter's venue. `positionMarks` are marks seen in account data, the fallback
   * when the venue's tickers cannot be had.
   */
  async marketsFor(
    adapter: VenueAdapter,
    symbols: readonly string[],
    positionMarks: ReadonlyMap<string, number>,
  ): Promise<VenueMarkets> {
    const venue = adapter.venue;
    const known = symbols.filter((s) => adapter.market(s) !== undefined);
    let problem: AppError | null = null;
    const gate = limiter(this.policy.concurrency);
    const p = this.policy;

    /**
     * One piece of market data, fetched at most every `maxAge`. A piece keyed by the whole set of held symbols names
     * its `family`: a newer set replaces the older entries, so opening and closing positions does not grow the cache.
     */
    const piece = async <T>(
      key: string,
      maxAge: number,
      fetch: () => Promise<T>,
      family?: string,
    ): Promise<Piece<T>> => {
      const cacheKey = `${venue}|${key}`;
      const cached = this.cache.get(cacheKey);
      const now = this.now();
      if (cached && now - cached.at < maxAge) return { ok: true, value: cached.value as T, at: cached.at };
      const wait = adapter.retryAfterSeconds();
      if (wait !== null) {
        const limited = rateLimitedError(venue, wait);
        problem ??= limited;
        return cached
          ? { ok: true, value: cached.value as T, at: cached.at }
          : { ok: false, reason: `not fetched: ${limited.message}` };
      }
      try {
        const value = await gate(fetch);
        if (family !== undefined) {
          for (const other of this.cache.keys()) if (other.startsWith(`${venue}|${family}|`)) this.cache.delete(other);
        }
        this.cache.set(cacheKey, { value, at: this.now() });
        return { ok: true, value, at: this.now() };
      } catch (error) {
        if (error instanceof NotPublishedError) return { ok: false, reason: error.message };
        const appError = toAppError(venue, error, { retryAfterSeconds: adapter.retryAfterSeconds() });
        problem ??= appError;
        if (cached) return { ok: true, value: cached.value as T, at: cached.at };
        return { ok: false, reason: appError.message };
      }
    };

    const [tickers, tiers] = await Promise.all([
      piece(`tickers|${known.join(',')}`, p.tickersMs, () => adapter.fetchTickers(known), 'tickers'),
      piece(`tiers|${known.join(',')}`, p.dailyMs, () => adapter.fetchTiers(known), 'tiers'),
    ]);

    const markets = await Promise.all(
      known.map(async (symbol): Promise<Market | null> => {
        const meta = adapter.market(symbol);
        if (!meta) return null;
        const tickerValue = tickers.ok ? tickers.value.get(symbol) : undefined;
        const ticker: Piece<TickerData> = !tickers.ok
          ? tickers
          : tickerValue
            ? { ok: true, value: tickerValue, at: tickers.at }
            : { ok: false, reason: `${venue} returned no ticker for ${symbol}` };
        const tickerOi = ticker.ok ? ticker.value.openInterestBase : undefined;
        const [fundingHistory, openInterest, openInterestHistory, longShortRatio, orderBook, candles1h, candles1d] =
          await Promise.all([
            piece(`funding-history|${symbol}`, p.historyMs, () => adapter.fetchFundingHistory(symbol)),
            tickerOi !== undefined && tickerOi !== null && ticker.ok
              ? Promise.resolve<Piece<{ amountBase: number; valueUsd: number | null }>>({
                  ok: true,
                  value: { amountBase: tickerOi, valueUsd: ticker.value.openInterestUsd ?? null },
                  at: ticker.at,
                })
              : piece(`oi|${symbol}`, p.openInterestMs, () => adapter.fetchOpenInterest(symbol)),
            piece(`oi-history|${symbol}`, p.historyMs, () => adapter.fetchOpenInterestHistory(symbol)),
            piece(`long-short|${symbol}`, p.historyMs, () => adapter.fetchLongShortRatio(symbol)),
            piece(`book|${symbol}`, p.orderBookMs, () => adapter.fetchOrderBook(symbol, p.orderBookDepth)),
            piece(`candles-1h|${symbol}`, p.candles1hMs, () => adapter.fetchCandles(symbol, '1h', p.candles1hCount)),
            piece(`candles-1d|${symbol}`, p.dailyMs, () => adapter.fetchCandles(symbol, '1d', p.candles1dCount)),
          ]);
        const pieces: MarketPieces = {
          meta,
          ticker,
          positionMark: positionMarks.get(symbol) ?? null,
          fundingHistory,
          openInterest,
          openInterestHistory,
          longShortRatio,
          orderBook,
          candles1h,
          candles1d,
          tiers: tiers.ok ? { ok: true, value: tiers.value.get(symbol) ?? [], at: tiers.at } : tiers,
        };
        return buildMarket(pieces, this.now());
      }),
    );
    return { markets: markets.filter((m): m is Market => m !== null), problem };
  }
}

/** At most `n` of the wrapped calls run at once. */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    active -= 1;
    queue.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resolve) => queue.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      next();
    }
  };
}
