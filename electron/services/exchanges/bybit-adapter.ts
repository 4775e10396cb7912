import type { Exchange, FundingRate, Position as CcxtPosition } from 'ccxt';
import type { Balance } from '../../../shared/domain/account';
import type { CandleSeries, LongShortRatio, OrderBook, Tier } from '../../../shared/domain/market';
import type { Position } from '../../../shared/domain/position';
import type { MarginMode } from '../../../shared/domain/venue';
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
 * Bybit v5 (ccxt `bybit`), unified trading account, linear (USDT and USDC) and inverse perpetuals.
 * Gaps filled (exchanges-offline.md §2.5, liquidation.md §3, §7):
 * - ccxt leaves `marginMode` undefined (tradeMode is deprecated): the account's mode from `v5/account/info`;
 * - maintenance and initial margin are Bybit's `positionMM`/`positionIM` (ccxt leaves maintenance undefined when
 *   `bustPrice` is ""), both including the estimated fee to close;
 * - `liqPrice` "" (cross margin is account-level on a unified account) becomes null with that reason;
 * - open interest now comes with the tickers; tiers keep Bybit's `mmDeduction` as the maintenance amount.
 */
const KINDS = ['linear', 'inverse'] as const;

export class BybitAdapter extends BaseAdapter implements VenueAdapter {
  private constructor(
    env: ExchangeEnvironment,
    private readonly client: Exchange,
  ) {
    super('bybit', env);
  }

  static async create(credentials: ClientCredentials, env: ExchangeEnvironment): Promise<BybitAdapter> {
    const holder: { adapter?: BybitAdapter } = {};
    const client = await createClient('bybit', credentials, env, (response) => holder.adapter?.hook(response));
    holder.adapter = new BybitAdapter(env, client);
    return holder.adapter;
  }

  private hook(response: Response): void {
    this.onResponse(response);
  }

  ensureMarkets(): Promise<MarketsSource> {
    return this.loadClients([['bybit', this.client]]);
  }

  async fetchAccount(accountId: string): Promise<AccountData> {
    await this.ensureMarkets();
    const implicit = this.client as unknown as { privateGetV5AccountInfo(): Promise<unknown> };
    const [usdt, usdc, inverse, balance, accountInfo] = await Promise.all([
      this.client.fetchPositions(undefined, { subType: 'linear', settleCoin: 'USDT' }),
      this.client.fetchPositions(undefined, { subType: 'linear', settleCoin: 'USDC' }),
      this.client.fetchPositions(undefined, { subType: 'inverse' }),
      this.client.fetchBalance(),
      implicit.privateGetV5AccountInfo(),
    ]);
    const accountMode = bybitAccountMarginMode(accountInfo);
    const now = this.env.now();
    const positions: Position[] = [...usdt, ...usdc, ...inverse].map((p) =>
      this.position(accountId, p, accountMode, now),
    );
    return { positions, balances: this.balances(accountId, infoOf(balance), positions, accountMode, now) };
  }

  private position(accountId: string, p: CcxtPosition, accountMode: MarginMode | null, now: number): Position {
    const meta = this.meta(p.symbol ?? '');
    const info = infoOf(p);
    const mark = positive(p.markPrice);
    this.noteMark(meta.symbol, mark);
    // Per-position tradeMode (0 cross, 1 isolated) is deprecated; the account's mode decides.
    const tradeMode = num(info['tradeMode']);
    const marginMode = accountMode ?? (tradeMode === 1 ? 'isolated' : tradeMode === 0 ? 'cross' : null);
    return buildPosition({
      accountId,
      venue: 'bybit',
      meta,
      side: p.side === 'long' || p.side === 'short' ? p.side : null,
      contracts: positive(p.contracts),
      entryPrice: positive(p.entryPrice),
      markPrice: mark,
      leverage: positive(p.leverage),
      marginMode,
      positionMode: p.hedged === true ? 'hedge' : 'one-way',
      isolatedMarginSettle: num(info['positionBalance']),
      maintenanceMarginSettle: num(info['positionMM']),
      maintenanceMarginRate: null,
      initialMarginSettle: num(info['positionIM']),
      unrealizedPnlSettle: num(info['unrealisedPnl']),
      exchangeLiquidationPrice: positive(info['liqPrice']),
      // Bybit's updatedTime is when the position last changed, not when it was read.
      updatedAt: now,
      reasons: {
        exchangeLiquidationPrice:
          marginMode === 'cross'
            ? 'Bybit reports no per-position liquidation price in unified cross margin: liquidation is account-level (account maintenance-margin rate reaching 100 %)'
            : 'Bybit reported no liquidation price for this position',
      },
    });
  }

  private balances(
    accountId: string,
    info: Record<string, unknown>,
    positions: readonly Position[],
    mode: MarginMode | null,
    now: number,
  ): Balance[] {
    const account = records(records(info['result'] as Record<string, unknown> | undefined, 'list')[0], 'coin');
    const list = records(info['result'] as Record<string, unknown> | undefined, 'list')[0];
    const accountMmRate = num(list?.['accountMMRate']);
    return account.flatMap((coin) => {
      const currency = typeof coin['coin'] === 'string' ? coin['coin'] : '';
      const wallet = num(coin['walletBalance']);
      const equity = num(coin['equity']);
      const usd = num(coin['usdValue']);
      const held = positions.some((p) => p.settle === currency);
      if (!currency || wallet === null || equity === null || (wallet === 0 && !held)) return [];
      if (usd === null) throw new IncompleteDataError(`${currency} balance`, 'usdValue');
      const cross = mode !== 'isolated';
      return [
        buildBalance({
          accountId,
          venue: 'bybit',
          currency,
          equity,
          walletBalance: wallet,
          availableMargin: num(coin['availableToWithdraw']),
          crossMaintenanceMargin: cross ? num(coin['totalPositionMM']) : null,
          crossUnrealizedPnl: cross ? num(coin['unrealisedPnl']) : null,
          // Bybit's account maintenance-margin rate (unified account, all collateral); liquidation at 100 %.
          marginRatio:
            cross && accountMmRate !== null && accountMmRate >= 0
              ? { value: accountMmRate, liquidationAt: '100%', marginMode: 'cross' }
              : null,
          equityUsd: usd,
          updatedAt: now,
        }),
      ];
    });
  }

  async fetchTickers(symbols: readonly string[]): Promise<ReadonlyMap<string, TickerData>> {
    await this.ensureMarkets();
    const result = new Map<string, TickerData>();
    await Promise.all(
      KINDS.map(async (kind) => {
        const mine = symbols.filter((s) => this.meta(s).kind === kind);
        if (mine.length === 0) return;
        const rates: Record<string, FundingRate> = await this.client.fetchFundingRates(mine, { subType: kind });
        for (const [symbol, rate] of Object.entries(rates)) {
          if (!mine.includes(symbol)) continue;
          const meta = this.meta(symbol);
          const raw = infoOf(rate);
          const mark = positive(rate.markPrice);
          this.noteMark(symbol, mark);
          const oi = num(raw['openInterest']);
          const oiValue = num(raw['openInterestValue']);
          // Linear: openInterest in coins, value in USDT. Inverse: openInterest in USD contracts, value in coins.
          const base = meta.kind === 'linear' ? oi : oiValue;
          const usd = meta.kind === 'linear' ? oiValue : oi;
          result.set(symbol, {
            markPrice: mark,
            indexPrice: positive(rate.indexPrice),
            fundingRate: num(rate.fundingRate),
            fundingIntervalHours: num(rate.interval?.replace('h', '')) ?? 8,
            nextFundingTime: num(rate.fundingTimestamp),
            openInterestBase: base,
            openInterestUsd: usd,
          });
        }
      }),
    );
    return result;
  }

  async fetchOpenInterest(symbol: string): Promise<OpenInterestNow> {
    const meta = this.meta(symbol);
    const oi = await this.client.fetchOpenInterest(symbol);
    const mark = this.lastMark.get(symbol) ?? null;
    if (meta.kind === 'linear') {
      const amount = num(oi.openInterestAmount);
      if (amount === null) throw new IncompleteDataError(`${symbol} open interest`, 'openInterest');
      return { amountBase: amount, valueUsd: mark === null ? null : amount * mark };
    }
    const usd = num(oi.openInterestValue);
    if (usd === null || mark === null)
      throw new IncompleteDataError(`${symbol} open interest`, usd === null ? 'openInterest' : 'mark price');
    return { amountBase: usd / mark, valueUsd: usd };
  }

  async fetchOpenInterestHistory(symbol: string): Promise<{ time: number; amountBase: number }[]> {
    const meta = this.meta(symbol);
    const rows = await this.client.fetchOpenInterestHistory(symbol, '1h', undefined, 30);
    const mark = this.lastMark.get(symbol) ?? null;
    const points = rows.flatMap((row) => {
      const time = num(row.timestamp);
      // Inverse history is in USD contracts: valued in coin at the current mark (an approximation for old points).
      const amount =
        meta.kind === 'linear'
          ? num(row.openInterestAmount)
          : mark === null
            ? null
            : (num(row.openInterestValue) ?? NaN) / mark;
      return time !== null && amount !== null && Number.isFinite(amount) && amount >= 0
        ? [{ time, amountBase: amount }]
        : [];
    });
    return points.sort((a, b) => a.time - b.time);
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
    return { ratio: last.ratio, source: 'Bybit account ratio (share of accounts long ÷ share short)', history };
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

  /** The endpoint ccxt's fetchOrderBook calls (`v5/market/orderbook`), read raw: only the kept levels are converted. */
  async fetchOrderBook(symbol: string, depth: number): Promise<OrderBook> {
    const meta = this.meta(symbol);
    const implicit = this.client as unknown as {
      publicGetV5MarketOrderbook(params: { category: string; symbol: string; limit: number }): Promise<unknown>;
    };
    const response = await implicit.publicGetV5MarketOrderbook({
      category: meta.kind,
      symbol: this.client.marketId(symbol) ?? symbol,
      limit: Math.min(500, depth),
    });
    const result = infoResult(response);
    return toOrderBook(
      { bids: result['b'], asks: result['a'], timestamp: result['ts'] },
      this.env.now(),
      (amount, price) => contractsToBase(meta, amount, price),
      depth,
    );
  }

  async fetchCandles(symbol: string, timeframe: Timeframe, limit: number): Promise<CandleSeries> {
    this.meta(symbol);
    // ccxt reads Bybit's coin-denominated column for both kinds (inverse: turnover), so volume is already in coins.
    const rows = await this.client.fetchOHLCV(symbol, timeframe, undefined, limit);
    return toCandles(rows);
  }

  async fetchTiers(symbols: readonly string[]): Promise<ReadonlyMap<string, Tier[]>> {
    const entries = await Promise.all(
      symbols.map(async (symbol) => {
        const tiers = await this.client.fetchMarketLeverageTiers(symbol);
        return [
          symbol,
          toTiers(
            tiers.map((t) => ({
              tier: num(t.tier) ?? 0,
              minNotional: num(t.minNotional) ?? 0,
              maxNotional: num(t.maxNotional) ?? 0,
              maintenanceMarginRate: num(t.maintenanceMarginRate) ?? 0,
              maintenanceAmount: num(infoOf(t)['mmDeduction']) ?? 0,
              maxLeverage: num(t.maxLeverage) ?? 0,
            })),
          ),
        ] as const;
      }),
    );
    return new Map(entries);
  }
}

function records(source: Record<string, unknown> | undefined, key: string): Record<string, unknown>[] {
  const value = source?.[key];
  return Array.isArray(value)
    ? value.filter((v): v is Record<string, unknown> => v !== null && typeof v === 'object')
    : [];
}

function infoResult(response: unknown): Record<string, unknown> {
  const result = (response as { result?: unknown } | null)?.result;
  return result !== null && typeof result === 'object' ? (result as Record<string, unknown>) : {};
}

/** `v5/account/info` marginMode: ISOLATED_MARGIN → isolated; REGULAR_MARGIN / PORTFOLIO_MARGIN → cross. */
export function bybitAccountMarginMode(response: unknown): MarginMode | null {
  const mode = infoResult(response)['marginMode'];
  if (mode === 'ISOLATED_MARGIN') return 'isolated';
  if (mode === 'REGULAR_MARGIN' || mode === 'PORTFOLIO_MARGIN') return 'cross';
  return null;
}
