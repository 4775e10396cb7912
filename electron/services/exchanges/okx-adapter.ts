import type { Exchange, Position as CcxtPosition } from 'ccxt';
import type { Balance } from '../../../shared/domain/account';
import type { CandleSeries, LongShortRatio, OrderBook, Tier } from '../../../shared/domain/market';
import type { Position } from '../../../shared/domain/position';
import type {
  AccountData,
  ExchangeEnvironment,
  MarketMeta,
  MarketsSource,
  OpenInterestNow,
  TickerData,
  Timeframe,
  VenueAdapter,
  ClientCredentials,
} from './adapter';
import { BaseAdapter } from './base-adapter';
import { createClient } from './ccxt-client';
import { IncompleteDataError } from './errors';
import {
  buildBalance,
  buildPosition,
  contractsToBase,
  infoOf,
  num,
  positive,
  toCandles,
  toOrderBook,
  toTiers,
} from './normalise';

/**
 * OKX v5 swaps (ccxt `okx`), linear (-USDT-SWAP) and inverse (-USD-SWAP).
 * Gaps filled (exchanges-offline.md §2.3, §2.5; liquidation.md §4, §7):
 * - ccxt's `contracts` are contract units: sizes are contracts × ctVal (the market's contractSize);
 * - `mmr` is OKX's maintenance-margin amount (not a rate); isolated margin is `margin`;
 * - open-interest history per instrument from `rubik/stat/contracts/open-interest-history` (ccxt's own call is
 *   per currency and USD-valued); mark, funding and open interest come in bulk; the index from `index-tickers`;
 * - tiers are in contracts: converted to notional (linear: USD; inverse: coin) at the current mark.
 * - OKX's margin ratio (equity ÷ maintenance, liquidation at 100 %, higher is safer) is reported inverted as
 *   maintenance ÷ equity, so every venue's ratio reads the same way (liquidation at 100 %, lower is safer).
 */
interface OkxImplicit {
  privateGetAccountConfig(): Promise<unknown>;
  publicGetPublicOpenInterest(params: Record<string, string>): Promise<unknown>;
  publicGetMarketIndexTickers(params: Record<string, string>): Promise<unknown>;
  publicGetMarketBooks(params: Record<string, string>): Promise<unknown>;
  publicGetRubikStatContractsOpenInterestHistory(params: Record<string, string>): Promise<unknown>;
}

export class OkxAdapter extends BaseAdapter implements VenueAdapter {
  private constructor(
    env: ExchangeEnvironment,
    private readonly client: Exchange,
  ) {
    super('okx', env);
  }

  static async create(credentials: ClientCredentials, env: ExchangeEnvironment): Promise<OkxAdapter> {
    const holder: { adapter?: OkxAdapter } = {};
    const client = await createClient('okx', credentials, env, (response) => holder.adapter?.hook(response));
    holder.adapter = new OkxAdapter(env, client);
    return holder.adapter;
  }

  private hook(response: Response): void {
    this.onResponse(response);
  }

  private get implicit(): OkxImplicit {
    return this.client as unknown as OkxImplicit;
  }

  ensureMarkets(): Promise<MarketsSource> {
    return this.loadClients([['okx', this.client]]);
  }

  async fetchAccount(accountId: string): Promise<AccountData> {
    await this.ensureMarkets();
    // Swaps only (the markets loaded): spot-margin, futures and options positions are outside this app's scope.
    const [rows, balance] = await Promise.all([
      this.client.fetchPositions(undefined, { instType: 'SWAP' }),
      this.client.fetchBalance(),
    ]);
    const now = this.env.now();
    const positions = rows.map((p) => this.position(accountId, p, now));
    return { positions, balances: this.balances(accountId, infoOf(balance), positions, now) };
  }

  private position(accountId: string, p: CcxtPosition, now: number): Position {
    const meta = this.meta(p.symbol ?? '');
    const info = infoOf(p);
    const mark = positive(p.markPrice);
    this.noteMark(meta.symbol, mark);
    const marginMode = p.marginMode === 'isolated' || p.marginMode === 'cross' ? p.marginMode : null;
    return buildPosition({
      accountId,
      venue: 'okx',
      meta,
      side: p.side === 'long' || p.side === 'short' ? p.side : null,
      contracts: positive(p.contracts),
      entryPrice: positive(p.entryPrice),
      markPrice: mark,
      leverage: positive(p.leverage),
      marginMode,
      positionMode: info['posSide'] === 'net' ? 'one-way' : 'hedge',
      isolatedMarginSettle: num(info['margin']),
      maintenanceMarginSettle: num(info['mmr']),
      maintenanceMarginRate: null,
      initialMarginSettle: marginMode === 'cross' ? num(info['imr']) : num(info['margin']),
      unrealizedPnlSettle: num(info['upl']),
      exchangeLiquidationPrice: positive(info['liqPx']),
      // OKX's uTime is when the position last changed, not when it was read.
      updatedAt: now,
      reasons: {
        exchangeLiquidationPrice:
          marginMode === 'cross'
            ? 'OKX reported no liquidation price: cross margin is account-level and the equity covers any price'
            : 'OKX reported no liquidation price for this position',
      },
    });
  }

  private balances(
    accountId: string,
    info: Record<string, unknown>,
    positions: readonly Position[],
    now: number,
  ): Balance[] {
    const data = Array.isArray(info['data']) ? (info['data'][0] as Record<string, unknown> | undefined) : undefined;
    const details = Array.isArray(data?.['details']) ? (data['details'] as Record<string, unknown>[]) : [];
    return details.flatMap((d) => {
      const currency = typeof d['ccy'] === 'string' ? d['ccy'] : '';
      const wallet = num(d['cashBal']);
      const equity = num(d['eq']);
      const held = positions.some((p) => p.settle === currency);
      if (!currency || wallet === null || equity === null || (wallet === 0 && !held)) return [];
      const usd = num(d['eqUsd']);
      if (usd === null) throw new IncompleteDataError(`${currency} balance`, 'eqUsd');
      const mm = num(d['mmr']);
      const ratio = positive(d['mgnRatio']);
      const upl = num(d['upl']);
      const isoUpl = num(d['isoUpl']) ?? 0;
      const hasCross = positions.some((p) => p.settle === currency && p.marginMode === 'cross');
      return [
        buildBalance({
          accountId,
          venue: 'okx',
          currency,
          equity,
          walletBalance: wallet,
          availableMargin: num(d['availEq']) ?? num(d['availBal']),
          crossMaintenanceMargin: hasCross ? (mm ?? 0) : null,
          crossUnrealizedPnl: upl === null ? null : upl - isoUpl,
          marginRatio:
            hasCross && ratio !== null ? { value: 1 / ratio, liquidationAt: '100%', marginMode: 'cross' } : null,
          equityUsd: usd,
          updatedAt: now,
        }),
      ];
    });
  }

  async fetchTickers(symbols: readonly string[]): Promise<ReadonlyMap<string, TickerData>> {
    await this.ensureMarkets();
    const metas = symbols.map((s) => this.meta(s));
    const quotes = [...new Set(metas.map((m) => m.quote))];
    const [marks, rates, interest, ...indexes] = await Promise.all([
      this.client.fetchMarkPrices([...symbols]),
      this.client.fetchFundingRates([...symbols]),
      this.implicit.publicGetPublicOpenInterest({ instType: 'SWAP' }),
      ...quotes.map((quote) => this.implicit.publicGetMarketIndexTickers({ quoteCcy: quote })),
    ]);
    const index = new Map(
      indexes.flatMap((response) =>
        dataRows(response).map((row) => [String(row['instId']), positive(row['idxPx'])] as const),
      ),
    );
    const oi = new Map(dataRows(interest).map((row) => [String(row['instId']), row] as const));
    const result = new Map<string, TickerData>();
    for (const meta of metas) {
      const mark = positive(infoOf(marks[meta.symbol])['markPx']) ?? positive(marks[meta.symbol]?.markPrice);
      this.noteMark(meta.symbol, mark);
      const rate = rates[meta.symbol];
      const oiRow = oi.get(this.client.marketId(meta.symbol) ?? '');
      result.set(meta.symbol, {
        markPrice: mark,
        indexPrice: index.get(`${meta.base}-${meta.quote}`) ?? null,
        fundingRate: num(rate?.fundingRate),
        fundingIntervalHours: num(rate?.interval?.replace('h', '')) ?? 8,
        nextFundingTime: num(rate?.fundingTimestamp),
        openInterestBase: num(oiRow?.['oiCcy']),
        openInterestUsd: num(oiRow?.['oiUsd']),
      });
    }
    return result;
  }

  async fetchOpenInterest(symbol: string): Promise<OpenInterestNow> {
    const oi = await this.client.fetchOpenInterest(symbol);
    const info = infoOf(oi);
    const base = num(info['oiCcy']);
    if (base === null) throw new IncompleteDataError(`${symbol} open interest`, 'oiCcy');
    return { amountBase: base, valueUsd: num(info['oiUsd']) };
  }

  async fetchOpenInterestHistory(symbol: string): Promise<{ time: number; amountBase: number }[]> {
    const response = await this.implicit.publicGetRubikStatContractsOpenInterestHistory({
      instId: this.client.marketId(symbol) ?? symbol,
      period: '1H',
      limit: '30',
    });
    const rows = Array.isArray((response as { data?: unknown }).data) ? (response as { data: unknown[] }).data : [];
    return rows
      .flatMap((row) => {
        if (!Array.isArray(row)) return [];
        const time = num(row[0]);
        const base = num(row[2]); // [ts, oi (contracts), oiCcy (coin), oiUsd]
        return time !== null && base !== null && base >= 0 ? [{ time, amountBase: base }] : [];
      })
      .sort((a, b) => a.time - b.time);
  }

  async fetchLongShortRatio(symbol: string): Promise<LongShortRatio | null> {
    const rows = await this.client.fetchLongShortRatioHistory(symbol, '1h', undefined, 30);
    const history = rows
      .flatMap((row) => {
        const time = num(row.timestamp);
        const ratio = positive(row.longShortRatio);
        return time !== null && ratio !== null ? [{ time, ratio }] : [];
      })
      .sort((a, b) => a.time - b.time);
    const last = history[history.length - 1];
    if (!last) return null;
    return {
      ratio: last.ratio,
      source: 'OKX long/short account ratio for this contract (accounts long ÷ accounts short)',
      history,
    };
  }

  async fetchFundingHistory(symbol: string): Promise<{ time: number; rate: number }[]> {
    const rows = await this.client.fetchFundingRateHistory(symbol, undefined, 21);
    return rows
      .flatMap((row) => {
        const time = num(row.timestamp);
        const rate = num(row.fundingRate);
        return time !== null && rate !== null ? [{ time, rate }] : [];
      })
      .sort((a, b) => a.time - b.time);
  }

  /** The endpoint ccxt's fetchOrderBook calls (`market/books`), read raw: only the kept levels are converted. */
  async fetchOrderBook(symbol: string, depth: number): Promise<OrderBook> {
    const meta = this.meta(symbol);
    const response = await this.implicit.publicGetMarketBooks({
      instId: this.client.marketId(symbol) ?? symbol,
      sz: String(Math.min(400, depth)),
    });
    const book = dataRows(response)[0] ?? {};
    return toOrderBook(
      { bids: book['bids'], asks: book['asks'], timestamp: book['ts'] },
      this.env.now(),
      (amount, price) => contractsToBase(meta, amount, price),
      depth,
    );
  }

  async fetchCandles(symbol: string, timeframe: Timeframe, limit: number): Promise<CandleSeries> {
    this.meta(symbol);
    // ccxt reads OKX's volCcy column for swaps: volume is already in coins.
    const rows = await this.client.fetchOHLCV(symbol, timeframe, undefined, Math.min(300, limit));
    return toCandles(rows);
  }

  async fetchTiers(symbols: readonly string[]): Promise<ReadonlyMap<string, Tier[]>> {
    const entries = await Promise.all(
      symbols.map(async (symbol) => {
        const meta = this.meta(symbol);
        const [tiers, mark] = await Promise.all([this.client.fetchMarketLeverageTiers(symbol), this.mark(symbol)]);
        const notional = (contracts: number) => contractsValue(meta, contracts, mark);
        return [
          symbol,
          toTiers(
            tiers.map((t) => ({
              tier: num(t.tier) ?? 0,
              minNotional: notional(num(t.minNotional) ?? 0),
              maxNotional: notional(num(t.maxNotional) ?? 0),
              maintenanceMarginRate: num(t.maintenanceMarginRate) ?? 0,
              maintenanceAmount: 0, // OKX tiers have no deduction: MM = tier rate × notional (liquidation.md §4)
              maxLeverage: num(t.maxLeverage) ?? 0,
            })),
          ),
        ] as const;
      }),
    );
    return new Map(entries);
  }

  private async mark(symbol: string): Promise<number> {
    const known = this.lastMark.get(symbol);
    if (known !== undefined) return known;
    const ticker = await this.client.fetchMarkPrice(symbol);
    const mark = positive(infoOf(ticker)['markPx']) ?? positive(ticker.markPrice);
    if (mark === null) throw new IncompleteDataError(symbol, 'markPx');
    this.noteMark(symbol, mark);
    return mark;
  }
}

/** Contracts → notional: linear in USD (contracts × ctVal × mark), inverse in coin (contracts × ctVal ÷ mark). */
function contractsValue(meta: MarketMeta, contracts: number, mark: number): number {
  return meta.kind === 'linear' ? contracts * meta.contractSize * mark : (contracts * meta.contractSize) / mark;
}

function dataRows(response: unknown): Record<string, unknown>[] {
  const data = (response as { data?: unknown } | null)?.data;
  return Array.isArray(data)
    ? data.filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object')
    : [];
}
