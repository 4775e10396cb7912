import type { Exchange } from 'ccxt';
import type { Balance } from '../../../shared/domain/account';
import type { CandleSeries, LongShortRatio, OrderBook, Tier } from '../../../shared/domain/market';
import type { Position } from '../../../shared/domain/position';
import type {
  AccountData,
  ExchangeEnvironment,
  MarketsSource,
  OpenInterestNow,
  TickerData,
  Timeframe,
  VenueAdapter,
  ClientCredentials,
} from './adapter';
import { BaseAdapter } from './base-adapter';
import { createClient } from './ccxt-client';
import { IncompleteDataError, NotPublishedError, UnknownAccountError } from './errors';
import { buildBalance, buildPosition, num, positive, toCandles, toOrderBook, toTiers } from './normalise';

/**
 * Hyperliquid perpetuals (ccxt `hyperliquid`), read with the wallet address only: never a private key (with one,
 * ccxt's loadMarkets would POST signed `/exchange` actions, exchanges-offline.md §5).
 * Gaps filled (exchanges-offline.md §2.5, liquidation.md §5, §7):
 * - ccxt leaves markPrice undefined: mark = positionValue ÷ |szi|;
 * - ccxt leaves maintenanceMargin undefined: notional × MMR − deduction from the coin's margin table
 *   (`metaAndAssetCtxs[0].marginTables`, MMR = 1 ÷ (2 × max leverage), deduction by the tier recursion);
 * - isolated margin at entry = marginUsed − unrealizedPnl;
 * - one `clearinghouseState` call serves positions and the USDC balance; one `metaAndAssetCtxs` call serves marks,
 *   oracle (index) prices, hourly funding, open interest and tiers for every coin.
 * Hyperliquid publishes no open-interest history and no long/short ratio; its book has 20 levels a side.
 */
interface HyperliquidImplicit {
  publicPostInfo(body: Record<string, unknown>): Promise<unknown>;
}

const NO_HISTORY = 'Hyperliquid publishes no open-interest history';

export class HyperliquidAdapter extends BaseAdapter implements VenueAdapter {
  private readonly tiers = new Map<string, Tier[]>();
  private readonly contexts = new Map<string, Record<string, unknown>>();

  private constructor(
    env: ExchangeEnvironment,
    private readonly client: Exchange,
    private readonly address: string,
  ) {
    super('hyperliquid', env);
  }

  static async create(credentials: ClientCredentials, env: ExchangeEnvironment): Promise<HyperliquidAdapter> {
    const address = credentials.walletAddress;
    if (address === undefined || !/^0x[0-9a-fA-F]{40}$/u.test(address)) {
      throw new UnknownAccountError('a Hyperliquid account is read with its wallet address (0x + 40 hex characters)');
    }
    const holder: { adapter?: HyperliquidAdapter } = {};
    const client = await createClient('hyperliquid', { walletAddress: address }, env, (response) =>
      holder.adapter?.hook(response),
    );
    holder.adapter = new HyperliquidAdapter(env, client, address);
    return holder.adapter;
  }

  private hook(response: Response): void {
    this.onResponse(response);
  }

  private info(body: Record<string, unknown>): Promise<unknown> {
    return (this.client as unknown as HyperliquidImplicit).publicPostInfo(body);
  }

  ensureMarkets(): Promise<MarketsSource> {
    return this.loadClients([['hyperliquid', this.client]]);
  }

  async fetchAccount(accountId: string): Promise<AccountData> {
    await this.ensureMarkets();
    let state: Record<string, unknown>;
    try {
      state = record(await this.info({ type: 'clearinghouseState', user: this.address }));
    } catch (error) {
      // ccxt files Hyperliquid's "User or API Wallet … does not exist." under InvalidOrder.
      if (error instanceof Error && /User or API Wallet .* does not exist/u.test(error.message)) {
        throw new UnknownAccountError(error.message);
      }
      throw error;
    }
    if (this.tiers.size === 0) await this.refreshContexts();
    const now = this.env.now();
    const entries = Array.isArray(state['assetPositions']) ? state['assetPositions'] : [];
    const positions = entries.map((entry) => this.position(accountId, entry, now));
    return { positions, balances: [this.balance(accountId, state, positions, now)] };
  }

  private position(accountId: string, entry: unknown, now: number): Position {
    const p = this.client.parsePosition(entry as Record<string, unknown>);
    const meta = this.meta(p.symbol ?? '');
    const raw = record(record(entry)['position']);
    const size = positive(p.contracts);
    const value = positive(raw['positionValue']);
    const mark = size !== null && value !== null ? value / size : null;
    this.noteMark(meta.symbol, mark);
    const marginMode = p.marginMode === 'isolated' || p.marginMode === 'cross' ? p.marginMode : null;
    const upnl = num(p.unrealizedPnl);
    const marginUsed = num(raw['marginUsed']);
    const tiers = this.tiers.get(meta.symbol);
    const tier = value === null ? undefined : tiers?.find((t) => value >= t.minNotional && value < t.maxNotional);
    const maintenance =
      value !== null && tier ? Math.max(0, value * tier.maintenanceMarginRate - tier.maintenanceAmount) : null;
    return buildPosition({
      accountId,
      venue: 'hyperliquid',
      meta,
      side: p.side === 'long' || p.side === 'short' ? p.side : null,
      contracts: size,
      entryPrice: positive(p.entryPrice),
      markPrice: mark,
      leverage: positive(p.leverage),
      marginMode,
      positionMode: 'one-way',
      isolatedMarginSettle:
        marginMode === 'isolated' && marginUsed !== null && upnl !== null ? marginUsed - upnl : null,
      maintenanceMarginSettle: maintenance,
      maintenanceMarginRate: tier?.maintenanceMarginRate ?? null,
      initialMarginSettle: num(p.initialMargin),
      unrealizedPnlSettle: upnl,
      exchangeLiquidationPrice: positive(raw['liquidationPx']),
      updatedAt: num(record(entry)['time']) ?? now,
      reasons: {
        maintenanceMarginSettle:
          'Hyperliquid reports no per-position maintenance margin and its margin table for this coin is not loaded',
        maintenanceMarginRate: 'the margin table for this coin is not loaded',
        exchangeLiquidationPrice: 'Hyperliquid reported no liquidation price (the margin covers any price)',
      },
    });
  }

  private balance(
    accountId: string,
    state: Record<string, unknown>,
    positions: readonly Position[],
    now: number,
  ): Balance {
    const summary = record(state['marginSummary']);
    const crossSummary = record(state['crossMarginSummary']);
    const accountValue = num(summary['accountValue']);
    if (accountValue === null) throw new IncompleteDataError('USDC balance', 'accountValue');
    const upnl = positions.reduce((sum, p) => sum + (p.unrealizedPnlSettle ?? 0), 0);
    const crossUpnl = positions
      .filter((p) => p.marginMode === 'cross')
      .reduce((sum, p) => sum + (p.unrealizedPnlSettle ?? 0), 0);
    const crossMm = num(state['crossMaintenanceMarginUsed']);
    const crossValue = num(crossSummary['accountValue']);
    const hasCross = positions.some((p) => p.marginMode === 'cross');
    return buildBalance({
      accountId,
      venue: 'hyperliquid',
      currency: 'USDC',
      equity: accountValue,
      walletBalance: accountValue - upnl,
      availableMargin: num(state['withdrawable']),
      crossMaintenanceMargin: hasCross ? crossMm : null,
      crossUnrealizedPnl: hasCross ? crossUpnl : null,
      // Hyperliquid's cross margin ratio: maintenance used ÷ cross account value; liquidation at 100 %.
      marginRatio:
        hasCross && crossMm !== null && crossValue !== null && crossValue > 0
          ? { value: crossMm / crossValue, liquidationAt: '100%', marginMode: 'cross' }
          : null,
      equityUsd: accountValue,
      updatedAt: now,
    });
  }

  /** One metaAndAssetCtxs call: per-coin contexts (mark, oracle, funding, open interest) and margin tables. */
  private async refreshContexts(): Promise<void> {
    await this.ensureMarkets();
    const response = await this.info({ type: 'metaAndAssetCtxs' });
    if (!Array.isArray(response)) throw new IncompleteDataError('metaAndAssetCtxs', 'body');
    const meta = record(response[0]);
    const contexts: unknown[] = Array.isArray(response[1]) ? response[1] : [];
    const universe: unknown[] = Array.isArray(meta['universe']) ? meta['universe'] : [];
    const tables = new Map<number, unknown>();
    for (const entry of Array.isArray(meta['marginTables']) ? meta['marginTables'] : []) {
      if (Array.isArray(entry) && typeof entry[0] === 'number') tables.set(entry[0], entry[1]);
    }
    universe.forEach((coin, i) => {
      const info = record(coin);
      const symbol = this.symbolOfCoin(String(info['name']));
      if (symbol === undefined) return;
      this.contexts.set(symbol, record(contexts[i]));
      const tableId = num(info['marginTableId']);
      this.tiers.set(
        symbol,
        hyperliquidTiers(tableId === null ? undefined : tables.get(tableId), tableId, num(info['maxLeverage'])),
      );
    });
  }

  private symbolOfCoin(coin: string): string | undefined {
    for (const meta of this.metas.values()) if (meta.base === coin) return meta.symbol;
    return undefined;
  }

  async fetchTickers(symbols: readonly string[]): Promise<ReadonlyMap<string, TickerData>> {
    await this.refreshContexts();
    const result = new Map<string, TickerData>();
    for (const symbol of symbols) {
      const ctx = this.contexts.get(symbol);
      if (!ctx) continue;
      const mark = positive(ctx['markPx']);
      this.noteMark(symbol, mark);
      const oi = num(ctx['openInterest']);
      result.set(symbol, {
        markPrice: mark,
        indexPrice: positive(ctx['oraclePx']),
        fundingRate: num(ctx['funding']),
        fundingIntervalHours: 1,
        // Hyperliquid pays funding every hour on the hour and does not report the time.
        nextFundingTime: null,
        openInterestBase: oi,
        openInterestUsd: oi !== null && mark !== null ? oi * mark : null,
      });
    }
    return result;
  }

  async fetchOpenInterest(symbol: string): Promise<OpenInterestNow> {
    await this.refreshContexts();
    const ctx = this.contexts.get(symbol);
    const oi = num(ctx?.['openInterest']);
    const mark = positive(ctx?.['markPx']);
    if (oi === null) throw new IncompleteDataError(`${symbol} open interest`, 'openInterest');
    return { amountBase: oi, valueUsd: mark === null ? null : oi * mark };
  }

  fetchOpenInterestHistory(): Promise<{ time: number; amountBase: number }[]> {
    return Promise.reject(new NotPublishedError(NO_HISTORY));
  }

  fetchLongShortRatio(): Promise<LongShortRatio | null> {
    return Promise.resolve(null);
  }

  async fetchFundingHistory(symbol: string): Promise<{ time: number; rate: number }[]> {
    const rows = await this.client.fetchFundingRateHistory(symbol, undefined, 168);
    return rows.flatMap((row) => {
      const time = num(row.timestamp);
      const rate = num(row.fundingRate);
      return time !== null && rate !== null ? [{ time, rate }] : [];
    });
  }

  async fetchOrderBook(symbol: string, depth: number): Promise<OrderBook> {
    this.meta(symbol);
    const book = await this.client.fetchOrderBook(symbol);
    return toOrderBook(book, this.env.now(), (amount) => amount, depth);
  }

  async fetchCandles(symbol: string, timeframe: Timeframe, limit: number): Promise<CandleSeries> {
    this.meta(symbol);
    return toCandles(await this.client.fetchOHLCV(symbol, timeframe, undefined, limit));
  }

  async fetchTiers(symbols: readonly string[]): Promise<ReadonlyMap<string, Tier[]>> {
    await this.refreshContexts();
    return new Map(symbols.map((s) => [s, this.tiers.get(s) ?? []] as const));
  }
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Hyperliquid margin tables → tiers (liquidation.md §5): MMR = 1 ÷ (2 × max leverage); deduction_n =
 * deduction_{n−1} + lowerBound_n × (MMR_n − MMR_{n−1}); a table id below 50 is a single tier at that leverage.
 */
export function hyperliquidTiers(table: unknown, tableId: number | null, maxLeverage: number | null): Tier[] {
  const rows = Array.isArray(record(table)['marginTiers']) ? (record(table)['marginTiers'] as unknown[]) : [];
  const tiersIn = rows
    .map((row) => ({ lower: num(record(row)['lowerBound']) ?? 0, leverage: num(record(row)['maxLeverage']) ?? 0 }))
    .filter((t) => t.leverage > 0);
  if (tiersIn.length === 0) {
    const leverage = tableId !== null && tableId < 50 ? tableId : maxLeverage;
    tiersIn.push({ lower: 0, leverage: leverage ?? 0 });
  }
  let deduction = 0;
  let previousMmr = 0;
  return toTiers(
    tiersIn.map((t, i) => {
      const mmr = 1 / (2 * t.leverage);
      deduction = deduction + t.lower * (mmr - previousMmr);
      previousMmr = mmr;
      return {
        tier: i + 1,
        minNotional: t.lower,
        maxNotional: tiersIn[i + 1]?.lower ?? Number.MAX_SAFE_INTEGER,
        maintenanceMarginRate: mmr,
        maintenanceAmount: deduction,
        maxLeverage: t.leverage,
      };
    }),
  );
}
