import { createHmac } from 'node:crypto';
import type { MarketKind } from '../../../shared/domain/venue';
import type { PositionState } from '../account-model';
import { listInstruments, type Instrument } from '../instruments';
import type { KeyProfile, SimKey } from '../keys';
import { DAY, HOUR, MINUTE, fixed, roundToStep } from '../market-model';
import {
  GATEWAY_DOWN,
  intParam,
  json,
  timingSafeEqualStrings,
  type HandlerResult,
  type ParsedRequest,
  type RouteContext,
  type VenueApi,
  type VenueRoute,
} from './venue-api';

/**
 * Bybit v5 (api.bybit.com), unified trading account. Every response is `{retCode, retMsg, result, retExtInfo,
 * time}`; numbers are strings; lists of history are newest first; pagination by `nextPageCursor` ("" at the end).
 * Signed requests carry X-BAPI-API-KEY, X-BAPI-TIMESTAMP, X-BAPI-RECV-WINDOW and X-BAPI-SIGN =
 * hex(HMAC-SHA256(secret, timestamp + key + recvWindow + rawQuery)) (exchanges-offline.md §4.3).
 * The account is in regular (cross) margin: Bybit then reports no per-position liquidation price (`liqPrice: ""`,
 * liquidation.md §3c).
 */
const HOST = 'api.bybit.com';
const n8 = (v: number) => v.toFixed(8);

const envelope = (ctx: RouteContext, result: unknown, retCode = 0, retMsg = 'OK') => ({
  retCode,
  retMsg,
  result,
  retExtInfo: {},
  time: ctx.now,
});

const bybitError = (retCode: number, retMsg: string, status = 200) =>
  json(status, { retCode, retMsg, result: {}, retExtInfo: {}, time: Date.now() });

const categoryOf = (req: ParsedRequest): MarketKind | null => {
  const c = req.query.get('category');
  return c === 'linear' || c === 'inverse' ? c : null;
};

function instrumentFor(ctx: RouteContext, req: ParsedRequest): Instrument | undefined {
  const kind = categoryOf(req);
  const id = req.query.get('symbol');
  if (!kind || id === null) return undefined;
  return listInstruments('bybit', ctx.market.assets, kind).find((i) => i.id === id);
}

function withInstrument(ctx: RouteContext, req: ParsedRequest, body: (inst: Instrument) => unknown): HandlerResult {
  const inst = instrumentFor(ctx, req);
  if (!inst) return { json: envelope(ctx, {}, 10001, 'params error: symbol invalid') };
  return { json: envelope(ctx, body(inst)) };
}

function instrumentsInfo(ctx: RouteContext, req: ParsedRequest): unknown {
  const kind = categoryOf(req);
  if (!kind) return envelope(ctx, {}, 10001, 'params error: category invalid');
  // No pre-launch contracts in the simulator; the cursor ends the list at once.
  const list =
    req.query.get('status') === 'PreLaunch' || req.query.get('cursor')
      ? []
      : listInstruments('bybit', ctx.market.assets, kind).map((inst) => {
          const a = inst.asset;
          const maxQty = kind === 'linear' ? roundToStep(2_000_000 / a.price, inst.lotSize) : 10_000_000;
          return {
            symbol: inst.id,
            contractType: kind === 'linear' ? 'LinearPerpetual' : 'InversePerpetual',
            status: 'Trading',
            baseCoin: a.base,
            quoteCoin: inst.quote,
            launchTime: '1585526400000',
            deliveryTime: '0',
            deliveryFeeRate: '',
            priceScale: String(fixed(a.tickSize, a.tickSize).split('.')[1]?.length ?? 0),
            leverageFilter: { minLeverage: '1', maxLeverage: a.maxLeverage.toFixed(2), leverageStep: '0.01' },
            priceFilter: {
              minPrice: fixed(a.tickSize, a.tickSize),
              maxPrice: fixed(a.price * 30, a.tickSize),
              tickSize: fixed(a.tickSize, a.tickSize),
            },
            lotSizeFilter: {
              maxOrderQty: fixed(maxQty, inst.lotSize),
              minOrderQty: fixed(inst.lotSize, inst.lotSize),
              qtyStep: fixed(inst.lotSize, inst.lotSize),
              postOnlyMaxOrderQty: fixed(maxQty, inst.lotSize),
              maxMktOrderQty: fixed(roundToStep(maxQty / 4, inst.lotSize), inst.lotSize),
              minNotionalValue: kind === 'linear' ? '5' : '',
            },
            unifiedMarginTrade: true,
            fundingInterval: 480,
            settleCoin: inst.settle,
            copyTrading: 'both',
            upperFundingRate: '0.00375',
            lowerFundingRate: '-0.00375',
            isPreListing: false,
            preListingInfo: null,
          };
        });
  return envelope(ctx, { category: kind, list, nextPageCursor: '' });
}

function positionRow(s: PositionState): Record<string, unknown> {
  const p = s.position;
  const step = p.inst.lotSize;
  const cross = p.marginMode === 'cross';
  // Bybit's positionIM/positionMM include the estimated fee to close (liquidation.md §3b): taker 0.055 %.
  const feeToClose = s.notionalSettle * 0.00055;
  return {
    symbol: p.inst.id,
    leverage: String(p.leverage),
    autoAddMargin: '0',
    avgPrice: fixed(p.entryPrice, p.asset.tickSize / 100),
    liqPrice: cross || s.liquidationPrice === null ? '' : fixed(s.liquidationPrice, p.asset.tickSize),
    riskLimitValue: '2000000',
    takeProfit: '',
    positionValue: p.kind === 'linear' ? n8(p.contracts * p.entryPrice) : n8(p.contracts / p.entryPrice),
    isReduceOnly: false,
    tpslMode: 'Full',
    riskId: '1',
    trailingStop: '0',
    unrealisedPnl: n8(s.unrealizedPnl),
    markPrice: fixed(s.markPrice, p.asset.tickSize),
    adlRankIndicator: '2',
    cumRealisedPnl: '0',
    positionMM: n8(s.maintenanceMargin + feeToClose),
    createdTime: String(p.openedAt),
    positionIdx: p.hedged ? (p.side === 'long' ? 1 : 2) : 0,
    positionIM: n8(s.initialMargin + feeToClose),
    seq: String(p.openedAt),
    updatedTime: String(p.openedAt),
    side: p.side === 'long' ? 'Buy' : 'Sell',
    bustPrice: cross || s.bankruptcyPrice === null ? '' : fixed(s.bankruptcyPrice, p.asset.tickSize),
    positionBalance: n8(cross ? s.initialMargin : p.isolatedMargin),
    leverageSysUpdatedTime: '',
    size: fixed(p.contracts, step),
    positionStatus: 'Normal',
    mmrSysUpdatedTime: String(p.openedAt),
    stopLoss: '',
    tradeMode: cross ? 0 : 1,
  };
}

function positionList(ctx: RouteContext, req: ParsedRequest, key: SimKey): unknown {
  const kind = categoryOf(req);
  if (!kind) return envelope(ctx, {}, 10001, 'params error: category invalid');
  const symbol = req.query.get('symbol');
  const settle = req.query.get('settleCoin');
  const rows = ctx.accounts
    .openPositions(key.accountId, ctx.now)
    .filter(
      (s) =>
        s.position.kind === kind &&
        (symbol === null || s.position.inst.id === symbol) &&
        (settle === null || s.position.inst.settle === settle),
    )
    .map(positionRow);
  return envelope(ctx, { list: rows, nextPageCursor: '', category: kind });
}

function walletBalance(ctx: RouteContext, key: SimKey): unknown {
  const balances = ctx.accounts.balances(key.accountId, ctx.now);
  const usd = (pick: (b: (typeof balances)[number]) => number) =>
    balances.reduce((sum, b) => sum + pick(b) * b.usdPrice, 0);
  const totalMm = usd((b) => b.crossMaintenanceMargin);
  const totalIm = usd((b) => b.initialMargin + b.isolatedMargin);
  const marginBalance = usd((b) => b.equity);
  return envelope(ctx, {
    list: [
      {
        totalEquity: n8(marginBalance),
        accountIMRate: (marginBalance > 0 ? totalIm / marginBalance : 0).toFixed(4),
        totalMarginBalance: n8(marginBalance),
        totalInitialMargin: n8(totalIm),
        accountType: 'UNIFIED',
        totalAvailableBalance: n8(Math.max(0, marginBalance - totalIm)),
        accountMMRate: (marginBalance > 0 ? totalMm / marginBalance : 0).toFixed(4),
        totalPerpUPL: n8(usd((b) => b.unrealizedPnl)),
        totalWalletBalance: n8(usd((b) => b.walletBalance)),
        accountLTV: '0',
        totalMaintenanceMargin: n8(totalMm),
        coin: balances.map((b) => ({
          availableToBorrow: '',
          bonus: '0',
          accruedInterest: '0',
          availableToWithdraw: '',
          totalOrderIM: '0',
          equity: n8(b.equity),
          totalPositionMM: n8(b.crossMaintenanceMargin),
          usdValue: n8(b.equity * b.usdPrice),
          unrealisedPnl: n8(b.unrealizedPnl),
          collateralSwitch: true,
          spotHedgingQty: '0',
          borrowAmount: '0.000000000000000000',
          totalPositionIM: n8(b.initialMargin + b.isolatedMargin),
          walletBalance: n8(b.walletBalance),
          cumRealisedPnl: n8(b.walletBalance - b.equity + b.unrealizedPnl),
          locked: '0',
          marginCollateral: true,
          coin: b.currency,
        })),
      },
    ],
  });
}

function accountInfo(ctx: RouteContext, key: SimKey): unknown {
  const positions = ctx.accounts.account(key.accountId)?.positions ?? [];
  const isolated = positions.length > 0 && positions.every((p) => p.marginMode === 'isolated');
  return envelope(ctx, {
    unifiedMarginStatus: 5,
    marginMode: isolated ? 'ISOLATED_MARGIN' : 'REGULAR_MARGIN',
    isMasterTrader: false,
    spotHedgingStatus: 'OFF',
    updatedTime: String(ctx.now),
    dcpStatus: 'OFF',
    timeWindow: 10,
    smpGroup: 0,
  });
}

const PERMISSIONS: Readonly<Record<KeyProfile, { readOnly: number; permissions: Record<string, string[]> }>> = {
  'read-only': { readOnly: 1, permissions: {} },
  'trade-enabled': {
    readOnly: 0,
    permissions: { ContractTrade: ['Order', 'Position'], Spot: ['SpotTrade'], Derivatives: ['DerivativesTrade'] },
  },
  'withdraw-enabled': { readOnly: 0, permissions: { Wallet: ['Withdraw'] } },
  'transfer-enabled': { readOnly: 0, permissions: { Wallet: ['AccountTransfer', 'SubMemberTransfer'] } },
  'no-read': { readOnly: 1, permissions: {} },
};

function queryApi(ctx: RouteContext, key: SimKey): unknown {
  const profile = PERMISSIONS[key.profile];
  const empty = {
    ContractTrade: [],
    Spot: [],
    Wallet: [],
    Options: [],
    Derivatives: [],
    CopyTrading: [],
    BlockTrade: [],
    Exchange: [],
    NFT: [],
    Affiliate: [],
    Earn: [],
  };
  return envelope(ctx, {
    id: '13770661',
    note: 'liquidation-guard',
    apiKey: key.apiKey,
    readOnly: profile.readOnly,
    secret: '',
    permissions: { ...empty, ...profile.permissions },
    ips: ['*'],
    type: 1,
    deadlineDay: 66,
    expiredAt: '2024-10-08T09:24:32Z',
    createdAt: '2024-07-31T09:24:32Z',
    unified: 0,
    uta: 1,
    userID: 24617703,
    inviterID: 0,
    vipLevel: 'No VIP',
    mktMakerLevel: '0',
    affiliateID: 0,
    rsaPublicKey: '',
    isMaster: true,
    parentUid: '0',
    kycLevel: 'LEVEL_1',
    kycRegion: '',
  });
}

function tickerRow(ctx: RouteContext, inst: Instrument): Record<string, unknown> {
  const a = inst.asset;
  const t = ctx.now;
  const mark = ctx.market.markPrice(a, 'bybit', t);
  const dayAgo = ctx.market.markPrice(a, 'bybit', t - DAY);
  const hourAgo = ctx.market.markPrice(a, 'bybit', t - HOUR);
  const oiBase = ctx.market.openInterestBase(a, 'bybit', t);
  const book = ctx.market.book(a, 'bybit', t, 1);
  const bid = book.bids[0] ?? [mark, 0];
  const ask = book.asks[0] ?? [mark, 0];
  const day = ctx.market.bars(a, 'bybit', DAY, t, 1)[0];
  const tick = a.tickSize;
  return {
    symbol: inst.id,
    lastPrice: fixed(mark, tick),
    indexPrice: fixed(ctx.market.indexPrice(a, t), tick),
    markPrice: fixed(mark, tick),
    prevPrice24h: fixed(dayAgo, tick),
    price24hPcnt: (mark / dayAgo - 1).toFixed(6),
    highPrice24h: fixed(day?.high ?? mark, tick),
    lowPrice24h: fixed(day?.low ?? mark, tick),
    prevPrice1h: fixed(hourAgo, tick),
    // Linear: open interest in coins, value in USDT. Inverse: open interest in USD contracts, value in coins.
    openInterest: inst.kind === 'linear' ? fixed(oiBase, a.amountStep) : String(Math.round(oiBase * mark)),
    openInterestValue: inst.kind === 'linear' ? (oiBase * mark).toFixed(2) : n8(oiBase),
    turnover24h: (oiBase * mark * 0.8).toFixed(4),
    volume24h: fixed(oiBase * 0.8, a.amountStep),
    fundingRate: n8(ctx.market.fundingRate(a, 'bybit', t)),
    nextFundingTime: String(ctx.market.nextFundingTime('bybit', t)),
    predictedDeliveryPrice: '',
    basisRate: '',
    deliveryFeeRate: '',
    deliveryTime: '0',
    ask1Size: fixed(ask[1], a.amountStep),
    bid1Price: fixed(bid[0], tick),
    ask1Price: fixed(ask[0], tick),
    bid1Size: fixed(bid[1], a.amountStep),
    basis: '',
    preOpenPrice: '',
    preQty: '',
    curPreListingPhase: '',
  };
}

function tickers(ctx: RouteContext, req: ParsedRequest): HandlerResult {
  const kind = categoryOf(req);
  if (!kind) return { json: envelope(ctx, {}, 10001, 'params error: category invalid') };
  const symbol = req.query.get('symbol');
  const list = listInstruments('bybit', ctx.market.assets, kind).filter((i) => symbol === null || i.id === symbol);
  if (symbol !== null && list.length === 0) return { json: envelope(ctx, {}, 10001, 'params error: symbol invalid') };
  return { json: envelope(ctx, { category: kind, list: list.map((inst) => tickerRow(ctx, inst)) }) };
}

const INTERVAL_MS: Readonly<Record<string, number>> = {
  '5min': 5 * MINUTE,
  '15min': 15 * MINUTE,
  '30min': 30 * MINUTE,
  '1h': HOUR,
  '4h': 4 * HOUR,
  '1d': DAY,
};

/** `limit` period boundaries ending at the current one, newest first (Bybit's order). */
function periodsNewestFirst(ctx: RouteContext, periodMs: number, limit: number): number[] {
  const last = Math.floor(ctx.now / periodMs) * periodMs;
  return Array.from({ length: limit }, (_, i) => last - i * periodMs);
}

function openInterest(ctx: RouteContext, req: ParsedRequest, inst: Instrument): unknown {
  const period = INTERVAL_MS[req.query.get('intervalTime') ?? '1h'] ?? HOUR;
  const limit = intParam(req.query, 'limit', 50, 200);
  const list = periodsNewestFirst(ctx, period, limit).map((t) => {
    const base = ctx.market.openInterestBase(inst.asset, 'bybit', t);
    const value = inst.kind === 'linear' ? base : base * ctx.market.markPrice(inst.asset, 'bybit', t);
    return { openInterest: value.toFixed(8), timestamp: String(t) };
  });
  return { symbol: inst.id, category: inst.kind, list, nextPageCursor: '' };
}

function orderbook(ctx: RouteContext, req: ParsedRequest, inst: Instrument): unknown {
  const limit = intParam(req.query, 'limit', 25, 500);
  const a = inst.asset;
  const book = ctx.market.book(a, 'bybit', ctx.now, limit);
  const size = (base: number, price: number) =>
    inst.kind === 'linear' ? fixed(base, a.amountStep) : String(Math.max(1, Math.round(base * price)));
  return {
    s: inst.id,
    b: book.bids.map(([p, q]) => [fixed(p, a.tickSize), size(q, p)]),
    a: book.asks.map(([p, q]) => [fixed(p, a.tickSize), size(q, p)]),
    ts: ctx.now,
    u: Math.floor(ctx.now / 100) % 10_000_000,
    seq: Math.floor(ctx.now / 10),
    cts: ctx.now - 5,
  };
}

const KLINE_MS: Readonly<Record<string, number>> = {
  '1': MINUTE,
  '5': 5 * MINUTE,
  '15': 15 * MINUTE,
  '60': HOUR,
  '240': 4 * HOUR,
  D: DAY,
};

function kline(ctx: RouteContext, req: ParsedRequest, inst: Instrument): unknown {
  const ms = KLINE_MS[req.query.get('interval') ?? '60'] ?? HOUR;
  const limit = intParam(req.query, 'limit', 200, 1000);
  const a = inst.asset;
  const list = ctx.market
    .bars(a, 'bybit', ms, ctx.now, limit)
    .reverse()
    .map((b) => {
      const volume = inst.kind === 'linear' ? fixed(b.volume, a.amountStep) : String(Math.round(b.volume * b.close));
      const turnover = inst.kind === 'linear' ? (b.volume * b.close).toFixed(4) : n8(b.volume);
      return [
        String(b.time),
        fixed(b.open, a.tickSize),
        fixed(b.high, a.tickSize),
        fixed(b.low, a.tickSize),
        fixed(b.close, a.tickSize),
        volume,
        turnover,
      ];
    });
  return { symbol: inst.id, category: inst.kind, list };
}

function riskLimit(ctx: RouteContext, inst: Instrument): unknown {
  const price = inst.asset.price;
  const list = ctx.market.tiers(inst.asset).map((t) => ({
    id: t.tier,
    symbol: inst.id,
    // Linear limits in USDT; inverse in the coin.
    riskLimitValue:
      inst.kind === 'linear' ? String(t.maxNotional) : roundToStep(t.maxNotional / price, 0.0001).toString(),
    maintenanceMargin: String(t.mmr),
    initialMargin: String(roundToStep(1 / t.maxLeverage, 0.0001)),
    isLowestRisk: t.tier === 1 ? 1 : 0,
    maxLeverage: t.maxLeverage.toFixed(2),
    mmDeduction:
      t.tier === 1 ? '' : inst.kind === 'linear' ? String(t.cum) : roundToStep(t.cum / price, 1e-8).toString(),
  }));
  return { category: inst.kind, list };
}

function accountRatio(ctx: RouteContext, req: ParsedRequest, inst: Instrument): unknown {
  const period = INTERVAL_MS[req.query.get('period') ?? '1h'] ?? HOUR;
  const limit = intParam(req.query, 'limit', 50, 500);
  const list = periodsNewestFirst(ctx, period, limit).map((t) => {
    const ratio = ctx.market.longShortRatio(inst.asset, t);
    const buy = ratio / (1 + ratio);
    return { symbol: inst.id, buyRatio: buy.toFixed(4), sellRatio: (1 - buy).toFixed(4), timestamp: String(t) };
  });
  return { list, nextPageCursor: '' };
}

function fundingHistory(ctx: RouteContext, req: ParsedRequest, inst: Instrument): unknown {
  const limit = intParam(req.query, 'limit', 200, 200);
  const list = ctx.market
    .fundingHistory(inst.asset, 'bybit', ctx.now, limit)
    .reverse()
    .map((f) => ({ symbol: inst.id, fundingRate: n8(f.rate), fundingRateTimestamp: String(f.time) }));
  return { category: inst.kind, list };
}

type Handler = VenueRoute['handle'];
const route = (endpoint: string, signed: boolean, handle: Handler, needsRead = signed): VenueRoute => ({
  endpoint,
  signed,
  needsRead,
  handle,
});
const withKey =
  (f: (ctx: RouteContext, req: ParsedRequest, key: SimKey) => unknown): Handler =>
  (ctx, req, key) =>
    key ? { json: f(ctx, req, key) } : { response: bybitError(10003, 'API key is invalid.') };

const ROUTES: Readonly<Record<string, VenueRoute>> = {
  '/v5/market/time': route('/v5/market/time', false, (ctx) => ({
    json: envelope(ctx, { timeSecond: String(Math.floor(ctx.now / 1000)), timeNano: `${ctx.now}000000` }),
  })),
  '/v5/market/instruments-info': route('/v5/market/instruments-info', false, (ctx, req) => ({
    json: instrumentsInfo(ctx, req),
  })),
  '/v5/market/tickers': route('/v5/market/tickers', false, tickers),
  '/v5/market/open-interest': route('/v5/market/open-interest', false, (ctx, req) =>
    withInstrument(ctx, req, (inst) => openInterest(ctx, req, inst)),
  ),
  '/v5/market/orderbook': route('/v5/market/orderbook', false, (ctx, req) =>
    withInstrument(ctx, req, (inst) => orderbook(ctx, req, inst)),
  ),
  '/v5/market/kline': route('/v5/market/kline', false, (ctx, req) =>
    withInstrument(ctx, req, (inst) => kline(ctx, req, inst)),
  ),
  '/v5/market/risk-limit': route('/v5/market/risk-limit', false, (ctx, req) =>
    withInstrument(ctx, req, (inst) => riskLimit(ctx, inst)),
  ),
  '/v5/market/account-ratio': route('/v5/market/account-ratio', false, (ctx, req) =>
    withInstrument(ctx, req, (inst) => accountRatio(ctx, req, inst)),
  ),
  '/v5/market/funding/history': route('/v5/market/funding/history', false, (ctx, req) =>
    withInstrument(ctx, req, (inst) => fundingHistory(ctx, req, inst)),
  ),
  '/v5/position/list': route('/v5/position/list', true, withKey(positionList)),
  '/v5/account/wallet-balance': route(
    '/v5/account/wallet-balance',
    true,
    withKey((ctx, _req, key) => walletBalance(ctx, key)),
  ),
  '/v5/account/info': route(
    '/v5/account/info',
    true,
    withKey((ctx, _req, key) => accountInfo(ctx, key)),
  ),
  // "Any permission can access this endpoint" (Bybit v5 docs); a key that cannot read is refused here too.
  '/v5/user/query-api': route(
    '/v5/user/query-api',
    true,
    withKey((ctx, _req, key) => queryApi(ctx, key)),
    true,
  ),
};

export const bybitApi: VenueApi = {
  venue: 'bybit',
  hosts: [HOST],
  route: (req) => (req.method === 'GET' && req.host === HOST ? ROUTES[req.path] : undefined),
  authenticate(req, keys, venueNow) {
    const apiKey = req.headers['x-bapi-api-key'];
    const timestamp = req.headers['x-bapi-timestamp'];
    const recvWindow = req.headers['x-bapi-recv-window'] ?? '5000';
    const sign = req.headers['x-bapi-sign'];
    if (apiKey === undefined) return { response: bybitError(10003, 'API key is invalid.') };
    const key = keys.get('bybit', apiKey);
    if (!key) return { response: bybitError(10003, 'API key is invalid.') };
    if (timestamp === undefined || sign === undefined)
      return { response: bybitError(10004, 'error sign! origin_string[]') };
    const origin = `${timestamp}${apiKey}${recvWindow}${req.rawQuery}`;
    const expected = createHmac('sha256', key.secret).update(origin).digest('hex');
    if (!timingSafeEqualStrings(sign, expected))
      return { response: bybitError(10004, `error sign! origin_string[${origin}]`) };
    const ts = Number(timestamp);
    if (!Number.isFinite(ts) || ts < venueNow - Number(recvWindow) || ts >= venueNow + 1000) {
      return {
        response: bybitError(
          10002,
          `invalid request, please check your server timestamp or recv_window param. req_timestamp[${timestamp}],server_timestamp[${venueNow}],recv_window[${recvWindow}]`,
        ),
      };
    }
    return { key };
  },
  rateLimited: (retryAfterSeconds) => ({
    ...bybitError(10006, 'Too many visits!', 429),
    headers: { 'content-type': 'application/json', 'retry-after': String(retryAfterSeconds) },
  }),
  serverError: () => GATEWAY_DOWN,
  authError: () => bybitError(10003, 'API key is invalid.'),
  permissionDenied: () => bybitError(10005, 'Permission denied, please check your API key permissions.'),
};
