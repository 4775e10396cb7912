import type { Exchange } from 'ccxt';
import type { Venue } from '../../../shared/domain/venue';
import type { ExchangeEnvironment, MarketMeta, MarketsSource } from './adapter';
import type { CcxtClassName } from './ccxt-loader';
import { ensureClientMarkets, reloadClientMarkets } from './ccxt-client';
import { IncompleteDataError } from './errors';
import { derivativesMeta } from './normalise';

/** State and plumbing shared by the venue adapters: market metadata, last marks, the venue's Retry-After. */
export abstract class BaseAdapter {
  protected readonly metas = new Map<string, MarketMeta>();
  /** The last mark price seen per symbol (tickers, positions), to value contract amounts without a request. */
  protected readonly lastMark = new Map<string, number>();
  private retryUntil = 0;
  private marketsLoaded = false;
  private marketsStale = false;

  protected constructor(
    readonly venue: Venue,
    protected readonly env: ExchangeEnvironment,
  ) {}

  /** Records a 429's Retry-After (seconds; 5 s when absent or unreadable). */
  protected readonly onResponse = (response: Response): void => {
    if (response.status !== 429) return;
    const seconds = Number(response.headers.get('retry-after'));
    this.retryUntil = this.env.now() + (Number.isFinite(seconds) && seconds > 0 ? seconds : 5) * 1000;
  };

  retryAfterSeconds(): number | null {
    const ms = this.retryUntil - this.env.now();
    return ms > 0 ? Math.ceil(ms / 1000) : null;
  }

  market(symbol: string): MarketMeta | undefined {
    return this.metas.get(symbol);
  }

  listMarkets(): readonly MarketMeta[] {
    return [...this.metas.values()];
  }

  /**
   * The market's facts. A market the loaded list does not know (listed after the cached list was saved) fails this
   * refresh and makes the next one reload the venue's market list first.
   */
  protected meta(symbol: string): MarketMeta {
    const meta = this.metas.get(symbol);
    if (!meta) {
      this.marketsStale = true;
      throw new IncompleteDataError(symbol, 'market listing');
    }
    return meta;
  }

  /** Loads markets for each client and indexes the derivatives among them. Returns the slowest source. */
  protected async loadClients(clients: readonly (readonly [CcxtClassName, Exchange])[]): Promise<MarketsSource> {
    if (this.marketsStale) {
      this.marketsStale = false;
      await Promise.all(clients.map(([name, client]) => reloadClientMarkets(client, name, this.env)));
      this.metas.clear();
      for (const [, client] of clients) {
        for (const [symbol, meta] of derivativesMeta(this.venue, client)) this.metas.set(symbol, meta);
      }
      this.marketsLoaded = true;
      return 'network';
    }
    if (this.marketsLoaded) return 'memory';
    const sources = await Promise.all(clients.map(([name, client]) => ensureClientMarkets(client, name, this.env)));
    for (const [, client] of clients) {
      for (const [symbol, meta] of derivativesMeta(this.venue, client)) this.metas.set(symbol, meta);
    }
    this.marketsLoaded = true;
    return sources.includes('network') ? 'network' : sources.includes('cache') ? 'cache' : 'memory';
  }

  protected noteMark(symbol: string, mark: number | null): void {
    if (mark !== null && mark > 0) this.lastMark.set(symbol, mark);
  }
}
