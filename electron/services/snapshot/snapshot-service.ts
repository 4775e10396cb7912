import { createHash } from 'node:crypto';
import type { Account } from '../../../shared/domain/account';
import type { VenueCredentials as StoredCredentials } from '../../../shared/domain/credentials';
import type { Market } from '../../../shared/domain/market';
import type { Position } from '../../../shared/domain/position';
import type { RefreshProgress, Snapshot, SourceStatus } from '../../../shared/domain/snapshot';
import { VENUE_LABELS, type Venue } from '../../../shared/domain/venue';
import type { VenueMarket } from '../../../shared/ipc/markets-schemas';
import { err, ok, type AppError, type Result } from '../../../shared/result';
import {
  toClientCredentials,
  type AccountData,
  type ClientCredentials,
  type ExchangeEnvironment,
  type VenueAdapter,
} from '../exchanges/adapter';
import { ccxtVersion } from '../exchanges/ccxt-loader';
import { createVenueAdapter } from '../exchanges/create-adapter';
import { rateLimitedError, toAppError } from '../exchanges/errors';
import { MarketsCache } from '../exchanges/markets-cache';
import { productionTransport, type FetchImplementation } from '../exchanges/transport';
import { MarketService, type MarketRefreshPolicy } from '../market/market-service';
import type { ScenarioId } from '../../simulator/scenarios/index';
import { createDemo, type Demo } from './demo';

/**
 * Reads every enabled account (or the demo's), then the market conditions of the markets they hold, and
 * assembles one `Snapshot`. Each account carries its own status: `ok`; `stale` (this refresh failed, the last
 * good data is kept and `lastOkAt` dates it); `error` (no good data yet). One venue failing never blanks another:
 * accounts are read in parallel and each failure stays with its account. Pushes `refreshProgress` while it runs
 * and `snapshotChanged` when done.
 */
export interface SnapshotAccountSource {
  list(): Promise<readonly Account[]>;
  credentialsFor(accountId: string): Promise<Result<StoredCredentials>>;
}

export type SnapshotEmit = {
  (event: 'snapshotChanged', payload: Snapshot): void;
  (event: 'refreshProgress', payload: RefreshProgress): void;
};

export interface SnapshotServiceOptions {
  /** Folder for the markets cache (e.g. `<dataDir>/cache`). */
  readonly cacheDir: string;
  readonly emit: SnapshotEmit;
  /** The trader's accounts and their credentials (the accounts service). */
  readonly accounts: SnapshotAccountSource;
  readonly now?: () => number;
  /** How requests reach the venues; default the real hosts over HTTPS (allow-listed). Tests pass the loopback simulator. */
  readonly transport?: FetchImplementation;
  /** Names the markets cache entries for `transport` (default `production`). */
  readonly environmentName?: string;
  /** ccxt's rate limiter; default on (off against the simulator). */
  readonly enableRateLimit?: boolean;
  readonly timeoutMs?: number;
  readonly marketPolicy?: Partial<MarketRefreshPolicy>;
}

interface Entry {
  readonly account: Account;
  adapter: Promise<VenueAdapter> | null;
  credentialsHash: string | null;
  lastGood: AccountData | null;
  lastOkAt: number | null;
  error: AppError | null;
  state: SourceStatus['state'];
}

export class SnapshotService {
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();
  private readonly markets: MarketService;
  private readonly marketsCache: Promise<MarketsCache>;
  private current: Snapshot | null = null;
  private inFlight: Promise<Snapshot> | null = null;
  private demo: Demo | null = null;
  private lastMarkets: readonly Market[] = [];

  constructor(private readonly options: SnapshotServiceOptions) {
    this.now = options.now ?? Date.now;
    this.markets = new MarketService(this.now, options.marketPolicy);
    this.marketsCache = ccxtVersion().then(
      (version) => new MarketsCache({ dir: options.cacheDir, ccxtVersion: version, now: this.now }),
    );
  }

  /** The last snapshot, or null before the first refresh. */
  getSnapshot(): Snapshot | null {
    return this.current;
  }

  /**
   * The current snapshot; while the very first one is still being read (e.g. the demo opening at launch), waits for
   * it rather than answering "nothing yet", so a window opened meanwhile shows the data as soon as it exists.
   */
  async settledSnapshot(): Promise<Snapshot | null> {
    if (this.current === null && this.inFlight !== null) await this.inFlight.catch(() => undefined);
    return this.current;
  }

  get isDemo(): boolean {
    return this.demo !== null;
  }

  /** Refreshes every account (or only `accountIds`); a refresh already running is joined, not repeated. */
  refresh(accountIds?: readonly string[]): Promise<Snapshot> {
    this.inFlight ??= this.run(accountIds).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Switches to the demo: the in-process simulator's accounts (flash-selloff unless asked), no key needed. */
  async startDemo(scenario?: ScenarioId): Promise<Snapshot> {
    await this.inFlight?.catch(() => undefined);
    if (!this.demo) {
      this.demo = createDemo({
        now: this.now,
        marketsCache: await this.marketsCache,
        ...(scenario === undefined ? {} : { scenario }),
      });
      this.reset();
    }
    return this.refresh();
  }

  /** Leaves the demo and reads the trader's own accounts again. */
  async stopDemo(): Promise<Snapshot> {
    await this.inFlight?.catch(() => undefined);
    if (this.demo) {
      this.demo = null;
      this.reset();
    }
    return this.refresh();
  }

  /**
   * The perpetuals (linear and inverse) the venue lists, from the market list already loaded (memory or disk cache)
   * for a connected account on that venue, or the demo's. Dated futures are left out. `not_found` when none is
   * connected.
   */
  async listVenueMarkets(venue: Venue): Promise<Result<readonly VenueMarket[]>> {
    const adapter = await this.venueAdapter(venue);
    if (!adapter.ok) return adapter;
    const markets = adapter.value
      .listMarkets()
      .filter((m) => PERPETUAL_SYMBOL.test(m.symbol))
      .map(({ symbol, base, quote, settle, kind }) => ({ symbol, base, quote, settle, kind }))
      .sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
    return ok(markets);
  }

  /**
   * One market's full data (candles, book, funding, open interest, tiers), read through the same adapter and
   * market service as the snapshot's markets; for a market the trader holds no position in. `not_found` when no
   * account on the venue is connected or the venue does not list the symbol.
   */
  async getMarket(venue: Venue, symbol: string): Promise<Result<Market>> {
    const adapter = await this.venueAdapter(venue);
    if (!adapter.ok) return adapter;
    if (adapter.value.market(symbol) === undefined) {
      return err('not_found', `${VENUE_LABELS[venue]} lists no derivatives market ${symbol}.`);
    }
    const { markets, problem } = await this.markets.marketsFor(adapter.value, [symbol], new Map());
    const market = markets[0];
    if (market === undefined) {
      return problem
        ? { ok: false, error: problem }
        : err('not_found', `No data for ${symbol} on ${VENUE_LABELS[venue]}.`);
    }
    return ok(market);
  }

  /** The adapter of the healthiest connected account (or demo account) on `venue`, with its markets loaded. */
  private async venueAdapter(venue: Venue): Promise<Result<VenueAdapter>> {
    await this.inFlight?.catch(() => undefined);
    const candidates = [...this.entries.values()].filter((e) => e.account.venue === venue && e.adapter !== null);
    candidates.sort((a, b) => Number(b.state === 'ok') - Number(a.state === 'ok'));
    for (const entry of candidates) {
      const adapter = await entry.adapter?.catch(() => null);
      if (!adapter) continue;
      try {
        await adapter.ensureMarkets();
        return ok(adapter);
      } catch (error) {
        return { ok: false, error: toAppError(venue, error, { retryAfterSeconds: adapter.retryAfterSeconds() }) };
      }
    }
    return err(
      'not_found',
      `No ${VENUE_LABELS[venue]} account is connected${this.demo ? ' in the demo' : ''}: add one (or try the demo) to list its markets.`,
    );
  }

  private reset(): void {
    this.entries.clear();
    this.markets.clear();
    this.lastMarkets = [];
    this.current = null;
  }

  private async environment(): Promise<ExchangeEnvironment> {
    if (this.demo) return this.demo.environment;
    return {
      name: this.options.environmentName ?? 'production',
      transport: this.options.transport ?? productionTransport(),
      enableRateLimit: this.options.enableRateLimit ?? true,
      timeoutMs: this.options.timeoutMs ?? 10_000,
      marketsCache: await this.marketsCache,
      now: this.now,
    };
  }

  private async listAccounts(): Promise<readonly Account[]> {
    if (this.demo) return this.demo.accounts;
    return (await this.options.accounts.list()).filter((a) => a.enabled && !a.demo);
  }

  private async credentials(account: Account): Promise<Result<ClientCredentials>> {
    if (this.demo) return this.demo.credentialsFor(account.accountId);
    const stored = await this.options.accounts.credentialsFor(account.accountId);
    if (!stored.ok) return stored;
    return { ok: true, value: toClientCredentials(stored.value) };
  }

  private async run(only?: readonly string[]): Promise<Snapshot> {
    const demo = this.demo !== null;
    const env = await this.environment();
    const accounts = await this.listAccounts();
    const listed = new Set(accounts.map((a) => a.accountId));
    for (const id of this.entries.keys()) if (!listed.has(id)) this.entries.delete(id);
    const entries = accounts.map((account) => {
      const existing = this.entries.get(account.accountId);
      const entry: Entry = existing
        ? { ...existing, account }
        : {
            account,
            adapter: null,
            credentialsHash: null,
            lastGood: null,
            lastOkAt: null,
            error: null,
            state: 'loading',
          };
      this.entries.set(account.accountId, entry);
      return entry;
    });
    const targets = only ? entries.filter((e) => only.includes(e.account.accountId)) : entries;
    const progress = (p: Omit<RefreshProgress, 'total' | 'demo'>) => {
      this.options.emit('refreshProgress', { ...p, total: targets.length, demo });
    };

    progress({ phase: 'accounts', done: 0, accountId: null, state: null });
    let done = 0;
    await Promise.all(
      targets.map(async (entry) => {
        await this.refreshAccount(entry, env);
        done += 1;
        progress({ phase: 'accounts', done, accountId: entry.account.accountId, state: entry.state });
      }),
    );

    progress({ phase: 'markets', done, accountId: null, state: null });
    const markets = await this.refreshMarkets(entries);
    const snapshot = this.assemble(entries, markets, demo);
    this.current = snapshot;
    progress({ phase: 'done', done, accountId: null, state: null });
    this.options.emit('snapshotChanged', snapshot);
    return snapshot;
  }

  private async refreshAccount(entry: Entry, env: ExchangeEnvironment): Promise<void> {
    const { account } = entry;
    const fail = (error: AppError) => {
      entry.error = error;
      entry.state = entry.lastGood ? 'stale' : 'error';
    };
    try {
      const credentials = await this.credentials(account);
      if (!credentials.ok) {
        fail(credentials.error);
        return;
      }
      const hash = createHash('sha256').update(JSON.stringify(credentials.value)).digest('hex');
      if (entry.adapter === null || entry.credentialsHash !== hash) {
        entry.adapter = createVenueAdapter(account.venue, credentials.value, env);
        entry.credentialsHash = hash;
      }
      const adapter = await entry.adapter;
      const wait = adapter.retryAfterSeconds();
      if (wait !== null) {
        fail(rateLimitedError(account.venue, wait));
        return;
      }
      await adapter.ensureMarkets();
      const data = await adapter.fetchAccount(account.accountId);
      entry.lastGood = data;
      entry.lastOkAt = this.now();
      entry.error = null;
      entry.state = 'ok';
    } catch (error) {
      const adapter = await entry.adapter?.catch(() => null);
      fail(
        toAppError(account.venue, error, {
          retryAfterSeconds: adapter?.retryAfterSeconds() ?? null,
          timeoutMs: env.timeoutMs,
        }),
      );
    }
  }

  private async refreshMarkets(entries: readonly Entry[]): Promise<readonly Market[]> {
    const byVenue = new Map<Venue, Entry[]>();
    for (const entry of entries) {
      if (!entry.lastGood || !entry.adapter) continue;
      const list = byVenue.get(entry.account.venue) ?? [];
      list.push(entry);
      byVenue.set(entry.account.venue, list);
    }
    const results = await Promise.all(
      [...byVenue.entries()].map(async ([venue, list]) => {
        const symbols = [...new Set(list.flatMap((e) => e.lastGood?.positions.map((p) => p.symbol) ?? []))];
        const marks = new Map(
          list.flatMap((e) => e.lastGood?.positions.map((p) => [p.symbol, p.markPrice] as const) ?? []),
        );
        if (symbols.length === 0) return [];
        // Market data is public: read it through the healthiest account of the venue.
        const source = list.find((e) => e.state === 'ok') ?? list[0];
        const adapter = (await source?.adapter?.catch(() => null)) ?? null;
        if (!adapter) return this.lastMarkets.filter((m) => m.venue === venue);
        const { markets } = await this.markets.marketsFor(adapter, symbols, marks);
        return markets;
      }),
    );
    this.lastMarkets = results.flat();
    return this.lastMarkets;
  }

  private assemble(entries: readonly Entry[], markets: readonly Market[], demo: boolean): Snapshot {
    const byKey = new Map(markets.map((m) => [`${m.venue}|${m.symbol}`, m]));
    const positions = entries.flatMap((e) =>
      (e.lastGood?.positions ?? []).map((p) => withTierRate(p, byKey.get(`${p.venue}|${p.symbol}`))),
    );
    const snapshot: Snapshot = {
      takenAt: Math.trunc(this.now()),
      demo,
      accounts: entries.map((e) => e.account),
      balances: entries.flatMap((e) => [...(e.lastGood?.balances ?? [])]),
      positions,
      markets: [...markets],
      statuses: entries.map((e) => ({
        accountId: e.account.accountId,
        venue: e.account.venue,
        state: e.state,
        lastOkAt: e.lastOkAt,
        error: e.error,
      })),
    };
    // Every part was validated when it was built (positions, balances, markets); the whole is not re-parsed on each
    // refresh (it holds hundreds of book levels and candles per market). Tests check it against SnapshotSchema.
    return snapshot;
  }
}

/** A ccxt perpetual symbol, `BASE/QUOTE:SETTLE`; dated futures carry a `-YYMMDD` suffix after the settle. */
const PERPETUAL_SYMBOL = /^[^/]+\/[^:]+:[^-]+$/u;

/** Fills the maintenance-margin rate from the market's tiers (by notional) when the venue did not report one. */
export function withTierRate(position: Position, market: Market | undefined): Position {
  if (position.maintenanceMarginRate !== null || !market || market.tiers.length === 0) return position;
  const size = position.kind === 'linear' ? position.notionalUsd : position.sizeBase;
  const tier =
    market.tiers.find((t) => size >= t.minNotional && size < t.maxNotional) ?? market.tiers[market.tiers.length - 1];
  if (!tier) return position;
  return {
    ...position,
    maintenanceMarginRate: tier.maintenanceMarginRate,
    missing: position.missing.filter((m) => m.field !== 'maintenanceMarginRate'),
  };
}
