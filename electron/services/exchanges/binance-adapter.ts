import type { Exchange, FundingRate, LeverageTier, Position as CcxtPosition } from 'ccxt';
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
 * Binance USDⓈ-M (ccxt `binanceusdm`) and COIN-M (`binancecoinm`) for one account.
 * Gaps filled (exchanges-offline.md §2.5, liquidation.md §7):
 * - v3 positionRisk has no leverage: taken from `fapi/v1/symbolConfig` (ccxt fetchLeverages);
 * - maintenance margin is the venue's own `maintMargin` (ccxt's bracket estimate ignores cum);
 * - COIN-M maintenance margin comes from `dapi/v1/account` positions (positionRisk has none);
 * - funding interval from `fapi/v1/fundingInfo` (symbols it does not list use the default 8 h);
 * - tiers keep Binance's `cum` as the maintenance amount.
 */
const DEFAULT_FUNDING_HOURS = 8;
const BINANCE_DEPTH_LIMITS = [5, 10, 20, 50, 100, 500, 1000];

/** ccxt's implicit methods for Binance's order book (USDⓈ-M and COIN-M). */
interface BinanceDepthImplicit {
  fapiPublicGetDepth(params: { symbol: string; limit: number }): Promise<unknown>;
  dapiPublicGetDepth(params: { symbol: string; limit: number }): Promise<unknown>;
}

export class BinanceAdapter extends BaseAdapter implements VenueAdapter {
  private readonly fundingHours = new Map<string, number>();
  private fundingHoursAt = Number.NEGATIVE_INFINITY;

  private constructor(
    env: ExchangeEnvironment,
    private readonly usdm: Exchange,
    private readonly coinm: Exchange,
  ) {
    super('binance', env);
  }

  static async create(credentials: ClientCredentials, env: ExchangeEnvironment): Promise<BinanceAdapter> {
    const holder: { adapter?: BinanceAdapter } = {};
    const hook = (response: Response) => holder.adapter?.onResponseHook(response);
    const [usdm, coinm] = await Promise.all([
      createClient('binanceusdm', credentials, env, hook),
      createClient('binancecoinm', credentials, env, hook),
    ]);
    holder.adapter = new BinanceAdapter(env, usdm, coinm);
    return holder.adapter;
  }

  private onResponseHook(response: Response): void {
    this.onResponse(response);
  }

  ensureMarkets(): Promise<MarketsSource> {
    return this.loadClients([
      ['binanceusdm', this.usdm],
      ['binancecoinm', this.coinm],
    ]);
  }

  private client(meta: MarketMeta): Exchange {
    return meta.kind === 'linear' ? this.usdm : this.coinm;
  }

  async fetchAccount(accountId: string): Promise<AccountData> {
    await this.ensureMarkets();
    const [linearPositions, leverages, linearBalance, inversePositions, inverseBalance] = await Promise.all([
      this.usdm.fetchPositions(),
      this.usdm.fetchLeverages(),
      this.usdm.fetchBalance(),
      this.coinm.fetchPositions(),
      this.coinm.fetchBalance(),
    ]);
    const now = this.env.now();
    const positions: Position[] = [];
    for (const p of linearPositions) {
      const meta = this.meta(p.symbol ?? '');
      const info = infoOf(p);
      const config = leverages[meta.symbol];
      const configInfo = infoOf(config);
      const marginType = typeof configInfo['marginType'] === 'string' ? configInfo['marginType'].toLowerCase() : null;
      const marginMode =
        marginType === 'isolated' ? 'isolated' : marginType === 'crossed' ? 'cross' : (p.marginMode ?? null);
      const leverage = p.side === 'short' ? num(config?.shortLeverage) : num(config?.longLeverage);
      positions.push(
        this.position(accountId, meta, p, info, now, {
          leverage,
          marginMode: marginMode === 'isolated' || marginMode === 'cross' ? marginMode : null,
          maintenance: num(info['maintMargin']),
          isolatedMargin: num(info['isolatedWallet']),
          initialMargin: num(info['initialMargin']),
          reasons: leverage === null ? { leverage: 'Binance did not return this symbol in symbolConfig' } : {},
        }),
      );
    }
    const inverseAccountPositions = arrayOf(infoOf(inverseBalance)['positions']);
    for (const p of inversePositions) {
      const meta = this.meta(p.symbol ?? '');
      const info = infoOf(p);
      const side = p.side === 'long' ? 'LONG' : 'SHORT';
      // The account's position row must describe the same position (same signed size) to lend its margins.
      const accountRow = inverseAccountPositions.find(
        (row) =>
          row['symbol'] === info['symbol'] &&
          (row['positionSide'] === 'BOTH' || row['positionSide'] === side) &&
          num(row['positionAmt']) === num(info['positionAmt']),
      );
      const marginType = typeof info['marginType'] === 'string' ? info['marginType'].toLowerCase() : null;
      positions.push(
        this.position(accountId, meta, p, info, now, {
          leverage: num(info['leverage']),
          marginMode: marginType === 'isolated' ? 'isolated' : marginType === 'cross' ? 'cross' : null,
          maintenance: num(accountRow?.['maintMargin']),
          isolatedMargin: num(info['isolatedWallet']),
          initialMargin: num(accountRow?.['initialMargin']),
          reasons: accountRow
            ? {}
            : {
                maintenanceMarginSettle: 'Binance COIN-M account data did not match this position',
                initialMarginSettle: 'Binance COIN-M account data did not match this position',
              },
        }),
      );
    }
    const coinPrices = await this.coinPrices(infoOf(inverseBalance), positions);
    const coinPrice = (coin: string): number | null => coinPrices.get(coin) ?? null;
    const balances: Balance[] = [
      ...this.balances(accountId, infoOf(linearBalance), positions, now, () => 1),
      ...this.balances(accountId, infoOf(inverseBalance), positions, now, coinPrice),
    ];
    return { positions, balances };
  }

  /**
   * USD prices of the COIN-M wallet coins: a held position's mark, the last mark seen, or else the coin's COIN-M
   * mark (one premiumIndex call) — a coin balance without an inverse position still needs a USD value.
   */
  private async coinPrices(
    info: Record<string, unknown>,
    positions: readonly Position[],
  ): Promise<Map<string, number>> {
    const prices = new Map<string, number>();
    const wanted: string[] = [];
    for (const row of arrayOf(info['assets'])) {
      const coin = typeof row['asset'] === 'string' ? row['asset'] : '';
      const held = positions.find((p) => p.kind === 'inverse' && p.base === coin)?.markPrice;
      if (held !== undefined) {
        prices.set(coin, held);
        continue;
      }
      if (!coin || (num(row['walletBalance']) ?? 0) === 0) continue;
      const symbol = `${coin}/USD:${coin}`;
      const known = this.lastMark.get(symbol);
      if (known !== undefined) prices.set(coin, known);
      else if (this.metas.has(symbol)) wanted.push(symbol);
    }
    if (wanted.length > 0) {
      const rates = await this.coinm.fetchFundingRates(wanted);
      for (const [symbol, rate] of Object.entries(rates)) {
        const mark = positive(rate.markPrice);
        if (mark === null) continue;
        this.noteMark(symbol, mark);
        prices.set(this.meta(symbol).base, mark);
      }
    }
    return prices;
  }

  private position(
    accountId: string,
    meta: MarketMeta,
    p: CcxtPosition,
    info: Record<string, unknown>,
    now: number,
    fill: {
      leverage: number | null;
      marginMode: 'isolated' | 'cross' | null;
      maintenance: number | null;
      isolatedMargin: number | null;
      initialMargin: number | null;
      reasons: Record<string, string>;
    },
  ): Position {
    const mark = positive(p.markPrice);
    this.noteMark(meta.symbol, mark);
    return buildPosition({
      accountId,
      venue: 'binance',
      meta,
      side: p.side === 'long' || p.side === 'short' ? p.side : null,
      contracts: positive(p.contracts),
      entryPrice: positive(p.entryPrice),
      markPrice: mark,
      leverage: fill.leverage,
      marginMode: fill.marginMode,
      positionMode: p.hedged === true ? 'hedge' : 'one-way',
      isolatedMarginSettle: fill.isolatedMargin,
      maintenanceMarginSettle: fill.maintenance,
      maintenanceMarginRate: null,
      initialMarginSettle: fill.initialMargin,
      unrealizedPnlSettle: num(p.unrealizedPnl),
      // Binance prints "0" when there is no liquidation price (ccxt: omitZero → undefined).
      exchangeLiquidationPrice: positive(p.liquidationPrice),
      // Binance's updateTime is when the position last changed (a trade), not when it was read.
      updatedAt: now,
      reasons: {
        exchangeLiquidationPrice:
          'Binance reports no liquidation price for this position (its margin covers any price)',
        ...fill.reasons,
      },
    });
  }

  private balances(
    accountId: string,
    info: Record<string, unknown>,
    positions: readonly Position[],
    now: number,
    usdPrice: (currency: string) => number | null,
  ): Balance[] {
    const rows = arrayOf(info['assets']);
    const accountPositions = arrayOf(info['positions']);
    return rows.flatMap((row) => {
      const currency = typeof row['asset'] === 'string' ? row['asset'] : '';
      const wallet = num(row['walletBalance']);
      const equity = num(row['marginBalance']);
      const held = positions.some((p) => p.settle === currency);
      if (!currency || wallet === null || equity === null || (wallet === 0 && !held)) return [];
      const crossRows = accountPositions.filter(
        (p) => num(p['isolatedWallet']) === 0 && positionSettle(String(p['symbol']), this.metas) === currency,
      );
      const crossMm = crossRows.reduce((sum, p) => sum + (num(p['maintMargin']) ?? 0), 0);
      const crossUpnl = num(row['crossUnPnl']);
      const crossWallet = num(row['crossWalletBalance']);
      const hasCross = positions.some((p) => p.settle === currency && p.marginMode === 'cross');
      const marginBalance = (crossWallet ?? 0) + (crossUpnl ?? 0);
      const price = usdPrice(currency);
      if (price === null) throw new IncompleteDataError(`${currency} balance`, 'USD price');
      return [
        buildBalance({
          accountId,
          venue: 'binance',
          currency,
          equity,
          walletBalance: wallet,
          availableMargin: num(row['availableBalance']),
          crossMaintenanceMargin: hasCross ? crossMm : null,
          crossUnrealizedPnl: crossUpnl,
          // Binance's margin ratio = maintenance margin ÷ margin balance; liquidation at 100 %.
          marginRatio:
            hasCross && marginBalance > 0
              ? { value: crossMm / marginBalance, liquidationAt: '100%', marginMode: 'cross' }
              : null,
          equityUsd: equity * price,
          updatedAt: now,
        }),
      ];
    });
  }

  async fetchTickers(symbols: readonly string[]): Promise<ReadonlyMap<string, TickerData>> {
    await this.ensureMarkets();
    const linear = symbols.filter((s) => this.meta(s).kind === 'linear');
    const inverse = symbols.filter((s) => this.meta(s).kind === 'inverse');
    const [linearRates, inverseRates] = await Promise.all([
      linear.length > 0 ? this.usdm.fetchFundingRates(linear) : Promise.resolve<Record<string, FundingRate>>({}),
      inverse.length > 0 ? this.coinm.fetchFundingRates(inverse) : Promise.resolve<Record<string, FundingRate>>({}),
      this.refreshFundingIntervals(linear.length > 0, inverse.length > 0),
    ]);
    const result = new Map<string, TickerData>();
    for (const [symbol, rate] of Object.entries({ ...linearRates, ...inverseRates })) {
      if (!symbols.includes(symbol)) continue;
      const mark = positive(rate.markPrice);
      this.noteMark(symbol, mark);
      result.set(symbol, {
        markPrice: mark,
        indexPrice: positive(rate.indexPrice),
        fundingRate: num(rate.fundingRate),
        fundingIntervalHours: this.fundingHours.get(symbol) ?? DEFAULT_FUNDING_HOURS,
        nextFundingTime: num(rate.fundingTimestamp),
      });
    }
    return result;
  }

  /** Funding intervals change rarely: refreshed at most hourly. */
  private async refreshFundingIntervals(linear: boolean, inverse: boolean): Promise<void> {
    if (this.env.now() - this.fundingHoursAt < 60 * 60 * 1000) return;
    const calls: Promise<unknown>[] = [];
    const take = (rates: Record<string, { interval?: string | undefined }>) => {
      for (const [symbol, rate] of Object.entries(rates)) {
        const hours = num(rate.interval?.replace('h', ''));
        if (hours !== null && hours > 0) this.fundingHours.set(symbol, hours);
      }
    };
    if (linear) calls.push(this.usdm.fetchFundingIntervals().then(take));
    if (inverse) calls.push(this.coinm.fetchFundingIntervals().then(take));
    await Promise.all(calls);
    this.fundingHoursAt = this.env.now();
  }

  async fetchOpenInterest(symbol: string): Promise<OpenInterestNow> {
    const meta = this.meta(symbol);
    const oi = await this.client(meta).fetchOpenInterest(symbol);
    const amount = num(oi.openInterestAmount);
    if (amount === null) throw new IncompleteDataError(`${symbol} open interest`, 'openInterest');
    const mark = this.lastMark.get(symbol) ?? null;
    if (meta.kind === 'linear') return { amountBase: amount, valueUsd: mark === null ? null : amount * mark };
    const usd = amount * meta.contractSize;
    if (mark === null) throw new IncompleteDataError(`${symbol} open interest`, 'mark price');
    return { amountBase: usd / mark, valueUsd: usd };
  }

  async fetchOpenInterestHistory(symbol: string): Promise<{ time: number; amountBase: number }[]> {
    const meta = this.meta(symbol);
    const params = meta.kind === 'inverse' ? { contractType: 'PERPETUAL' } : {};
    const rows = await this.client(meta).fetchOpenInterestHistory(symbol, '1h', undefined, 30, params);
    return rows.flatMap((row) => {
      const time = num(row.timestamp);
      // Inverse: Binance's sumOpenInterestValue is in the base coin; linear: sumOpenInterest is.
      const amount = meta.kind === 'linear' ? num(row.openInterestAmount) : num(row.openInterestValue);
      return time !== null && amount !== null && amount >= 0 ? [{ time, amountBase: amount }] : [];
    });
  }

  async fetchLongShortRatio(symbol: string): Promise<LongShortRatio | null> {
    const meta = this.meta(symbol);
    const rows = await this.client(meta).fetchLongShortRatioHistory(symbol, '1h', undefined, 30);
    const history = rows.flatMap((row) => {
      const time = num(row.timestamp);
      const ratio = positive(row.longShortRatio);
      return time !== null && ratio !== null ? [{ time, ratio }] : [];
    });
    const last = history[history.length - 1];
    if (!last) return null;
    return {
      ratio: last.ratio,
      source: 'Binance global long/short account ratio (accounts long ÷ accounts short)',
      history,
    };
  }

  async fetchFundingHistory(symbol: string): Promise<{ time: number; rate: number }[]> {
    const meta = this.meta(symbol);
    const rows = await this.client(meta).fetchFundingRateHistory(symbol, undefined, 21);
    return rows.flatMap((row) => {
      const time = num(row.timestamp);
      const rate = num(row.fundingRate);
      return time !== null && rate !== null ? [{ time, rate }] : [];
    });
  }

  /**
   * The depth endpoint ccxt's fetchOrderBook calls (fapi/dapi `v1/depth`), read raw: Binance only offers fixed depths
   * (500 levels for the 200 kept), and only the kept levels are converted.
   */
  async fetchOrderBook(symbol: string, depth: number): Promise<OrderBook> {
    const meta = this.meta(symbol);
    const client = this.client(meta);
    const request = {
      symbol: client.marketId(symbol) ?? symbol,
      limit: BINANCE_DEPTH_LIMITS.find((l) => l >= depth) ?? 1000,
    };
    const implicit = client as unknown as BinanceDepthImplicit;
    const response =
      meta.kind === 'linear' ? await implicit.fapiPublicGetDepth(request) : await implicit.dapiPublicGetDepth(request);
    const raw = (response ?? {}) as Record<string, unknown>;
    return toOrderBook(
      { bids: raw['bids'], asks: raw['asks'], timestamp: raw['T'] },
      this.env.now(),
      (amount, price) => contractsToBase(meta, amount, price),
      depth,
    );
  }

  async fetchCandles(symbol: string, timeframe: Timeframe, limit: number): Promise<CandleSeries> {
    const meta = this.meta(symbol);
    const rows = await this.client(meta).fetchOHLCV(symbol, timeframe, undefined, limit);
    return toCandles(rows, (volume, close) => contractsToBase(meta, volume, close));
  }

  async fetchTiers(symbols: readonly string[]): Promise<ReadonlyMap<string, Tier[]>> {
    const linear = symbols.filter((s) => this.meta(s).kind === 'linear');
    const inverse = symbols.filter((s) => this.meta(s).kind === 'inverse');
    const [linearTiers, inverseTiers] = await Promise.all([
      linear.length > 0 ? this.usdm.fetchLeverageTiers(linear) : Promise.resolve<Record<string, LeverageTier[]>>({}),
      inverse.length > 0 ? this.coinm.fetchLeverageTiers(inverse) : Promise.resolve<Record<string, LeverageTier[]>>({}),
    ]);
    const result = new Map<string, Tier[]>();
    for (const [symbol, tiers] of Object.entries({ ...linearTiers, ...inverseTiers })) {
      if (!symbols.includes(symbol)) continue;
      result.set(
        symbol,
        toTiers(
          tiers.map((t) => ({
            tier: num(t.tier) ?? 0,
            minNotional: num(t.minNotional) ?? 0,
            maxNotional: num(t.maxNotional) ?? 0,
            maintenanceMarginRate: num(t.maintenanceMarginRate) ?? 0,
            maintenanceAmount: num(infoOf(t)['cum']) ?? 0,
            maxLeverage: num(t.maxLeverage) ?? 0,
          })),
        ),
      );
    }
    return result;
  }
}

function arrayOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object')
    : [];
}

function positionSettle(marketId: string, metas: ReadonlyMap<string, MarketMeta>): string | undefined {
  if (marketId.endsWith('USDT')) return 'USDT';
  if (marketId.endsWith('USDC')) return 'USDC';
  for (const meta of metas.values()) {
    if (meta.kind === 'inverse' && marketId.startsWith(`${meta.base}USD`)) return meta.settle;
  }
  return undefined;
}
