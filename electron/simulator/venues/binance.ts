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
 * Binance USDⓈ-M (fapi.binance.com), COIN-M (dapi.binance.com) and the key-permission endpoint on
 * api.binance.com/sapi. Signed requests: HMAC-SHA256 hex of the raw query, `X-MBX-APIKEY` header, `timestamp`
 * within `recvWindow` (exchanges-offline.md §4.2). Numbers are strings where Binance sends strings.
 */
const FAPI = 'fapi.binance.com';
const DAPI = 'dapi.binance.com';
const SAPI = 'api.binance.com';

const ERR = {
  invalidKey: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
  badSignature: { code: -1022, msg: 'Signature for this request is not valid.' },
  timestamp: { code: -1021, msg: 'Timestamp for this request is outside of the recvWindow.' },
  tooMany: {
    code: -1003,
    msg: 'Too many requests; current limit of IP(127.0.0.1) is 2400 requests per minute. Please use the websocket for live updates to avoid polling the API.',
  },
  badSymbol: { code: -1121, msg: 'Invalid symbol.' },
};

type Kind = MarketKind;
const kindOf = (host: string): Kind => (host === DAPI ? 'inverse' : 'linear');

const num8 = (value: number) => value.toFixed(8);

function symbolInstrument(ctx: RouteContext, kind: Kind, id: string | null): Instrument | undefined {
  if (id === null) return undefined;
  return listInstruments('binance', ctx.market.assets, kind).find((i) => i.id === id || i.id === `${id}_PERP`);
}

function bySymbol(ctx: RouteContext, req: ParsedRequest, body: (inst: Instrument) => unknown): HandlerResult {
  const inst = symbolInstrument(ctx, kindOf(req.host), req.query.get('symbol') ?? req.query.get('pair'));
  if (!inst) return { response: json(400, ERR.badSymbol) };
  return { json: body(inst) };
}

function exchangeInfo(ctx: RouteContext, kind: Kind): unknown {
  const instruments = listInstruments('binance', ctx.market.assets, kind);
  return {
    timezone: 'UTC',
    serverTime: ctx.now,
    futuresType: kind === 'linear' ? 'U_MARGINED' : 'COIN_MARGINED',
    rateLimits: [
      { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 },
      { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
    ],
    exchangeFilters: [],
    symbols: instruments.map((inst) => {
      const a = inst.asset;
      const priceDecimals = fixed(a.tickSize, a.tickSize).split('.')[1]?.length ?? 0;
      const qtyDecimals = kind === 'linear' ? (fixed(a.amountStep, a.amountStep).split('.')[1]?.length ?? 0) : 0;
      const common = {
        symbol: inst.id,
        pair: inst.id.replace('_PERP', ''),
        contractType: 'PERPETUAL',
        deliveryDate: 4133404800000,
        onboardDate: 1569398400000,
        maintMarginPercent: '2.5000',
        requiredMarginPercent: '5.0000',
        baseAsset: a.base,
        quoteAsset: inst.quote,
        marginAsset: inst.settle,
        pricePrecision: priceDecimals,
        quantityPrecision: qtyDecimals,
        baseAssetPrecision: 8,
        quotePrecision: 8,
        underlyingType: 'COIN',
        underlyingSubType: [],
        triggerProtect: '0.0500',
        liquidationFee: '0.012500',
        marketTakeBound: '0.05',
        maxMoveOrderLimit: 10000,
        filters: [
          {
            filterType: 'PRICE_FILTER',
            minPrice: fixed(a.tickSize, a.tickSize),
            maxPrice: fixed(a.price * 20, a.tickSize),
            tickSize: fixed(a.tickSize, a.tickSize),
          },
          {
            filterType: 'LOT_SIZE',
            stepSize: fixed(inst.lotSize, inst.lotSize),
            maxQty: fixed(
              roundToStep(1_000_000 / inst.contractSize / (kind === 'linear' ? a.price : 1), inst.lotSize),
              inst.lotSize,
            ),
            minQty: fixed(inst.lotSize, inst.lotSize),
          },
          {
            filterType: 'MARKET_LOT_SIZE',
            stepSize: fixed(inst.lotSize, inst.lotSize),
            maxQty: fixed(
              roundToStep(200_000 / inst.contractSize / (kind === 'linear' ? a.price : 1), inst.lotSize),
              inst.lotSize,
            ),
            minQty: fixed(inst.lotSize, inst.lotSize),
          },
          { filterType: 'MAX_NUM_ORDERS', limit: 200 },
          { filterType: 'MAX_NUM_ALGO_ORDERS', limit: 10 },
          ...(kind === 'linear' ? [{ filterType: 'MIN_NOTIONAL', notional: '5' }] : []),
          { filterType: 'PERCENT_PRICE', multiplierUp: '1.0500', multiplierDown: '0.9500', multiplierDecimal: '4' },
        ],
        orderTypes: [
          'LIMIT',
          'MARKET',
          'STOP',
          'STOP_MARKET',
          'TAKE_PROFIT',
          'TAKE_PROFIT_MARKET',
          'TRAILING_STOP_MARKET',
        ],
        timeInForce: ['GTC', 'IOC', 'FOK', 'GTX'],
      };
      return kind === 'linear'
        ? { ...common, status: 'TRADING' }
        : { ...common, contractStatus: 'TRADING', contractSize: inst.contractSize, equalQtyPrecision: 4 };
    }),
  };
}

const positionSideOf = (s: PositionState) =>
  s.position.hedged ? (s.position.side === 'long' ? 'LONG' : 'SHORT') : 'BOTH';

function positionRisk(ctx: RouteContext, key: SimKey, kind: Kind, symbol: string | null): unknown[] {
  const states = ctx.accounts
    .openPositions(key.accountId, ctx.now)
    .filter((s) => s.position.kind === kind && (symbol === null || s.position.inst.id === symbol));
  return states.map((s) => {
    const p = s.position;
    const sign = p.side === 'long' ? 1 : -1;
    const tick = p.asset.tickSize;
    const isolatedWallet = p.marginMode === 'isolated' ? p.isolatedMargin : 0;
    const isolatedMargin = p.marginMode === 'isolated' ? isolatedWallet + s.unrealizedPnl : 0;
    const updateTime = p.openedAt;
    if (kind === 'linear') {
      return {
        symbol: p.inst.id,
        positionSide: positionSideOf(s),
        positionAmt: fixed(sign * p.contracts, p.inst.lotSize),
        entryPrice: String(p.entryPrice),
        breakEvenPrice: num8(p.entryPrice * (1 + sign * 0.0005)),
        markPrice: num8(s.markPrice),
        unRealizedProfit: num8(s.unrealizedPnl),
        liquidationPrice: s.liquidationPrice === null ? '0' : num8(s.liquidationPrice),
        isolatedMargin: num8(isolatedMargin),
        notional: num8(sign * s.notionalSettle),
        marginAsset: p.inst.settle,
        isolatedWallet: num8(isolatedWallet),
        initialMargin: num8(s.initialMargin),
        maintMargin: num8(s.maintenanceMargin),
        positionInitialMargin: num8(s.initialMargin),
        openOrderInitialMargin: '0',
        adl: 2,
        bidNotional: '0',
        askNotional: '0',
        updateTime,
      };
    }
    return {
      symbol: p.inst.id,
      positionAmt: String(sign * p.contracts),
      entryPrice: num8(p.entryPrice),
      markPrice: num8(s.markPrice),
      unRealizedProfit: num8(s.unrealizedPnl),
      liquidationPrice: s.liquidationPrice === null ? '0' : num8(s.liquidationPrice),
      leverage: String(p.leverage),
      maxQty: '150',
      marginType: p.marginMode,
      isolatedMargin: num8(isolatedMargin),
      isAutoAddMargin: 'false',
      positionSide: positionSideOf(s),
      notionalValue: num8(sign * s.notionalSettle),
      isolatedWallet: num8(isolatedWallet),
      updateTime,
      breakEvenPrice: fixed(p.entryPrice * (1 + sign * 0.0005), tick / 10),
    };
  });
}

function account(ctx: RouteContext, key: SimKey, kind: Kind): unknown {
  const balances = ctx.accounts
    .balances(key.accountId, ctx.now)
    .filter((b) =>
      kind === 'linear' ? b.currency === 'USDT' || b.currency === 'USDC' : !['USDT', 'USDC'].includes(b.currency),
    );
  const states = ctx.accounts.openPositions(key.accountId, ctx.now).filter((s) => s.position.kind === kind);
  const assets = balances.map((b) => ({
    asset: b.currency,
    walletBalance: num8(b.walletBalance),
    unrealizedProfit: num8(b.unrealizedPnl),
    marginBalance: num8(b.equity),
    maintMargin: num8(
      states.filter((s) => s.position.inst.settle === b.currency).reduce((x, s) => x + s.maintenanceMargin, 0),
    ),
    initialMargin: num8(b.initialMargin + b.isolatedMargin),
    positionInitialMargin: num8(b.initialMargin + b.isolatedMargin),
    openOrderInitialMargin: '0.00000000',
    maxWithdrawAmount: num8(b.available),
    crossWalletBalance: num8(b.walletBalance - b.isolatedMargin),
    crossUnPnl: num8(
      states
        .filter((s) => s.position.inst.settle === b.currency && s.position.marginMode === 'cross')
        .reduce((x, s) => x + s.unrealizedPnl, 0),
    ),
    availableBalance: num8(b.available),
    ...(kind === 'linear' ? { marginAvailable: true } : {}),
    updateTime: ctx.now,
  }));
  const positions = states.map((s) => {
    const sign = s.position.side === 'long' ? 1 : -1;
    if (kind === 'inverse') {
      return {
        symbol: s.position.inst.id,
        initialMargin: num8(s.initialMargin),
        maintMargin: num8(s.maintenanceMargin),
        unrealizedProfit: num8(s.unrealizedPnl),
        positionInitialMargin: num8(s.initialMargin),
        openOrderInitialMargin: '0',
        leverage: String(s.position.leverage),
        isolated: s.position.marginMode === 'isolated',
        positionSide: positionSideOf(s),
        entryPrice: num8(s.position.entryPrice),
        maxQty: '150',
        notionalValue: num8(sign * s.notionalSettle),
        isolatedWallet: num8(s.position.isolatedMargin),
        updateTime: s.position.openedAt,
        positionAmt: String(sign * s.position.contracts),
        breakEvenPrice: num8(s.position.entryPrice * (1 + sign * 0.0005)),
      };
    }
    return {
      symbol: s.position.inst.id,
      positionSide: positionSideOf(s),
      positionAmt: String(sign * s.position.contracts),
      unrealizedProfit: num8(s.unrealizedPnl),
      isolatedMargin: num8(s.position.marginMode === 'isolated' ? s.position.isolatedMargin + s.unrealizedPnl : 0),
      notional: num8(sign * s.notionalSettle),
      isolatedWallet: num8(s.position.isolatedMargin),
      initialMargin: num8(s.initialMargin),
      maintMargin: num8(s.maintenanceMargin),
      updateTime: ctx.now,
    };
  });
  if (kind === 'inverse') {
    return { assets, positions, canDeposit: true, canTrade: true, canWithdraw: true, feeTier: 0, updateTime: 0 };
  }
  const usd = balances.find((b) => b.currency === 'USDT');
  const total = (pick: (b: (typeof balances)[number]) => number) => num8(usd ? pick(usd) : 0);
  return {
    feeTier: 0,
    canTrade: true,
    canDeposit: true,
    canWithdraw: true,
    tradeGroupId: -1,
    updateTime: 0,
    multiAssetsMargin: false,
    totalInitialMargin: total((b) => b.initialMargin + b.isolatedMargin),
    totalMaintMargin: num8(states.reduce((x, s) => x + s.maintenanceMargin, 0)),
    totalWalletBalance: total((b) => b.walletBalance),
    totalUnrealizedProfit: total((b) => b.unrealizedPnl),
    totalMarginBalance: total((b) => b.equity),
    totalPositionInitialMargin: total((b) => b.initialMargin + b.isolatedMargin),
    totalOpenOrderInitialMargin: '0.00000000',
    totalCrossWalletBalance: total((b) => b.walletBalance - b.isolatedMargin),
    totalCrossUnPnl: num8(
      states.filter((s) => s.position.marginMode === 'cross').reduce((x, s) => x + s.unrealizedPnl, 0),
    ),
    availableBalance: total((b) => b.available),
    maxWithdrawAmount: total((b) => b.available),
    assets,
    positions,
  };
}

function symbolConfig(ctx: RouteContext, key: SimKey): unknown[] {
  const account = ctx.accounts.account(key.accountId);
  const held = new Map(account?.positions.filter((p) => p.kind === 'linear').map((p) => [p.inst.id, p]) ?? []);
  return listInstruments('binance', ctx.market.assets, 'linear').map((inst) => {
    const p = held.get(inst.id);
    return {
      symbol: inst.id,
      marginType: p?.marginMode === 'isolated' ? 'ISOLATED' : 'CROSSED',
      isAutoAddMargin: false,
      leverage: p?.leverage ?? 20,
      maxNotionalValue: String(
        ctx.market.tiers(inst.asset).find((t) => t.maxLeverage <= (p?.leverage ?? 20))?.maxNotional ?? 1_000_000,
      ),
    };
  });
}

function leverageBracket(ctx: RouteContext, kind: Kind, symbol: string | null): unknown[] {
  return listInstruments('binance', ctx.market.assets, kind)
    .filter((inst) => symbol === null || inst.id === symbol)
    .map((inst) => {
      const tiers = ctx.market.tiers(inst.asset);
      const brackets = tiers.map((t) =>
        kind === 'linear'
          ? {
              bracket: t.tier,
              initialLeverage: t.maxLeverage,
              notionalCap: t.maxNotional,
              notionalFloor: t.minNotional,
              maintMarginRatio: t.mmr,
              cum: t.cum,
            }
          : {
              bracket: t.tier,
              initialLeverage: t.maxLeverage,
              qtyCap: roundToStep(t.maxNotional / inst.asset.price, 0.001),
              qtyFloor: roundToStep(t.minNotional / inst.asset.price, 0.001),
              maintMarginRatio: t.mmr,
              cum: roundToStep(t.cum / inst.asset.price, 1e-8),
            },
      );
      return kind === 'linear' ? { symbol: inst.id, notionalCoef: 1.0, brackets } : { symbol: inst.id, brackets };
    });
}

function premiumIndex(ctx: RouteContext, inst: Instrument): Record<string, unknown> {
  const a = inst.asset;
  const mark = ctx.market.markPrice(a, 'binance', ctx.now);
  const row = {
    symbol: inst.id,
    ...(inst.kind === 'inverse' ? { pair: inst.id.replace('_PERP', '') } : {}),
    markPrice: num8(mark),
    indexPrice: num8(ctx.market.indexPrice(a, ctx.now)),
    estimatedSettlePrice: num8(mark),
    lastFundingRate: num8(ctx.market.fundingRate(a, 'binance', ctx.now)),
    interestRate: '0.00010000',
    nextFundingTime: ctx.market.nextFundingTime('binance', ctx.now),
    time: ctx.now,
  };
  return row;
}

function klines(ctx: RouteContext, inst: Instrument, req: ParsedRequest): unknown[] {
  const interval = req.query.get('interval') ?? '1h';
  const ms =
    { '1m': MINUTE, '5m': 5 * MINUTE, '15m': 15 * MINUTE, '1h': HOUR, '4h': 4 * HOUR, '1d': DAY }[interval] ?? HOUR;
  const limit = intParam(req.query, 'limit', 500, 1500);
  const a = inst.asset;
  return ctx.market.bars(a, 'binance', ms, ctx.now, limit).map((b) => {
    const quoteVolume = inst.kind === 'linear' ? b.volume * b.close : b.volume;
    const volume = inst.kind === 'linear' ? b.volume : Math.round((b.volume * b.close) / inst.contractSize);
    return [
      b.time,
      fixed(b.open, a.tickSize),
      fixed(b.high, a.tickSize),
      fixed(b.low, a.tickSize),
      fixed(b.close, a.tickSize),
      inst.kind === 'linear' ? fixed(volume, a.amountStep) : String(volume),
      b.time + ms - 1,
      num8(quoteVolume),
      Math.max(1, Math.round(b.volume / a.amountStep / 100)),
      inst.kind === 'linear' ? fixed(volume / 2, a.amountStep) : String(Math.round(volume / 2)),
      num8(quoteVolume / 2),
      '0',
    ];
  });
}

function depth(ctx: RouteContext, inst: Instrument, req: ParsedRequest): unknown {
  const limit = intParam(req.query, 'limit', 500, 1000);
  const a = inst.asset;
  const book = ctx.market.book(a, 'binance', ctx.now, limit);
  const qty = (base: number, price: number) =>
    inst.kind === 'linear'
      ? fixed(base, a.amountStep)
      : String(Math.max(1, Math.round((base * price) / inst.contractSize)));
  return {
    lastUpdateId: Math.floor(ctx.now / 10),
    E: ctx.now,
    T: ctx.now - 3,
    ...(inst.kind === 'inverse' ? { symbol: inst.id, pair: inst.id.replace('_PERP', '') } : {}),
    bids: book.bids.map(([p, q]) => [fixed(p, a.tickSize), qty(q, p)]),
    asks: book.asks.map(([p, q]) => [fixed(p, a.tickSize), qty(q, p)]),
  };
}

const PERIOD_MS: Readonly<Record<string, number>> = {
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': HOUR,
  '2h': 2 * HOUR,
  '4h': 4 * HOUR,
  '6h': 6 * HOUR,
  '12h': 12 * HOUR,
  '1d': DAY,
};

function periodPoints(ctx: RouteContext, req: ParsedRequest): number[] {
  const period = PERIOD_MS[req.query.get('period') ?? '5m'] ?? 5 * MINUTE;
  const limit = intParam(req.query, 'limit', 30, 500);
  const last = Math.floor(ctx.now / period) * period;
  return Array.from({ length: limit }, (_, i) => last - (limit - 1 - i) * period);
}

function openInterestHist(ctx: RouteContext, inst: Instrument, req: ParsedRequest): unknown[] {
  const a = inst.asset;
  return periodPoints(ctx, req).map((t) => {
    const base = ctx.market.openInterestBase(a, 'binance', t);
    const price = ctx.market.markPrice(a, 'binance', t);
    return inst.kind === 'linear'
      ? {
          symbol: inst.id,
          sumOpenInterest: num8(base),
          sumOpenInterestValue: num8(base * price),
          CMCCirculatingSupply: '19700000.000',
          timestamp: t,
        }
      : {
          pair: inst.id.replace('_PERP', ''),
          contractType: req.query.get('contractType') ?? 'PERPETUAL',
          sumOpenInterest: String(Math.round((base * price) / inst.contractSize)),
          sumOpenInterestValue: num8(base),
          timestamp: t,
        };
  });
}

function longShortRatio(ctx: RouteContext, inst: Instrument, req: ParsedRequest): unknown[] {
  return periodPoints(ctx, req).map((t) => {
    const ratio = ctx.market.longShortRatio(inst.asset, t);
    const longAccount = ratio / (1 + ratio);
    const row = {
      longShortRatio: ratio.toFixed(4),
      longAccount: longAccount.toFixed(4),
      shortAccount: (1 - longAccount).toFixed(4),
      timestamp: t,
    };
    return inst.kind === 'linear' ? { symbol: inst.id, ...row } : { pair: inst.id.replace('_PERP', ''), ...row };
  });
}

function fundingRateHistory(ctx: RouteContext, inst: Instrument, req: ParsedRequest): unknown[] {
  const limit = intParam(req.query, 'limit', 100, 1000);
  return ctx.market.fundingHistory(inst.asset, 'binance', ctx.now, limit).map((f) => ({
    symbol: inst.id,
    fundingTime: f.time,
    fundingRate: num8(f.rate),
    markPrice: num8(ctx.market.markPrice(inst.asset, 'binance', f.time)),
  }));
}

const RESTRICTIONS: Readonly<Record<KeyProfile, Record<string, boolean>>> = {
  'read-only': {},
  'trade-enabled': { enableFutures: true, enableSpotAndMarginTrading: true },
  'withdraw-enabled': { enableWithdrawals: true },
  'transfer-enabled': { enableInternalTransfer: true, permitsUniversalTransfer: true },
  'no-read': { enableReading: false },
};

function apiRestrictions(key: SimKey): unknown {
  return {
    ipRestrict: key.profile === 'withdraw-enabled',
    createTime: 1698645219000,
    enableReading: true,
    enableWithdrawals: false,
    enableInternalTransfer: false,
    enableMargin: false,
    enableFutures: false,
    permitsUniversalTransfer: false,
    enableVanillaOptions: false,
    enableFixApiTrade: false,
    enableFixReadOnly: true,
    enableSpotAndMarginTrading: false,
    enablePortfolioMarginTrading: false,
    ...RESTRICTIONS[key.profile],
  };
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
    key ? { json: f(ctx, req, key) } : { response: json(401, ERR.invalidKey) };

function routesFor(kind: Kind, prefix: '/fapi' | '/dapi'): Record<string, VenueRoute> {
  const symbolOrAll = (ctx: RouteContext, req: ParsedRequest, f: (inst: Instrument) => unknown): HandlerResult => {
    const id = req.query.get('symbol');
    if (id === null) return { json: listInstruments('binance', ctx.market.assets, kind).map((inst) => f(inst)) };
    const inst = symbolInstrument(ctx, kind, id);
    if (!inst) return { response: json(400, ERR.badSymbol) };
    return { json: kind === 'inverse' ? [f(inst)] : f(inst) };
  };
  const v = prefix === '/fapi' ? 'v3' : 'v1';
  return {
    [`${prefix}/v1/exchangeInfo`]: route(`${prefix}/v1/exchangeInfo`, false, (ctx) => ({
      json: exchangeInfo(ctx, kind),
    })),
    [`${prefix}/v1/time`]: route(`${prefix}/v1/time`, false, (ctx) => ({ json: { serverTime: ctx.now } })),
    [`${prefix}/${v}/positionRisk`]: route(
      `${prefix}/${v}/positionRisk`,
      true,
      withKey((ctx, req, key) => positionRisk(ctx, key, kind, req.query.get('symbol'))),
    ),
    [`${prefix}/${v}/account`]: route(
      `${prefix}/${v}/account`,
      true,
      withKey((ctx, _req, key) => account(ctx, key, kind)),
    ),
    [`${prefix}/v1/premiumIndex`]: route(`${prefix}/v1/premiumIndex`, false, (ctx, req) =>
      symbolOrAll(ctx, req, (inst) => premiumIndex(ctx, inst)),
    ),
    [`${prefix}/v1/fundingInfo`]: route(`${prefix}/v1/fundingInfo`, false, (ctx) => ({
      json: listInstruments('binance', ctx.market.assets, kind).map((inst) => ({
        symbol: inst.id,
        adjustedFundingRateCap: '0.02000000',
        adjustedFundingRateFloor: '-0.02000000',
        fundingIntervalHours: 8,
        disclaimer: false,
      })),
    })),
    [`${prefix}/v1/fundingRate`]: route(`${prefix}/v1/fundingRate`, false, (ctx, req) =>
      bySymbol(ctx, req, (inst) => fundingRateHistory(ctx, inst, req)),
    ),
    [`${prefix}/v1/openInterest`]: route(`${prefix}/v1/openInterest`, false, (ctx, req) =>
      bySymbol(ctx, req, (inst) => {
        const base = ctx.market.openInterestBase(inst.asset, 'binance', ctx.now);
        const price = ctx.market.markPrice(inst.asset, 'binance', ctx.now);
        return kind === 'linear'
          ? { openInterest: fixed(base, inst.asset.amountStep), symbol: inst.id, time: ctx.now }
          : {
              symbol: inst.id,
              pair: inst.id.replace('_PERP', ''),
              openInterest: String(Math.round((base * price) / inst.contractSize)),
              contractType: 'PERPETUAL',
              time: ctx.now,
            };
      }),
    ),
    [`${prefix}/v1/depth`]: route(`${prefix}/v1/depth`, false, (ctx, req) =>
      bySymbol(ctx, req, (inst) => depth(ctx, inst, req)),
    ),
    [`${prefix}/v1/klines`]: route(`${prefix}/v1/klines`, false, (ctx, req) =>
      bySymbol(ctx, req, (inst) => klines(ctx, inst, req)),
    ),
    [`${prefix}/v1/markPriceKlines`]: route(`${prefix}/v1/markPriceKlines`, false, (ctx, req) =>
      bySymbol(ctx, req, (inst) => klines(ctx, inst, req)),
    ),
    '/futures/data/openInterestHist': route('/futures/data/openInterestHist', false, (ctx, req) =>
      bySymbol(ctx, req, (inst) => openInterestHist(ctx, inst, req)),
    ),
    '/futures/data/globalLongShortAccountRatio': route('/futures/data/globalLongShortAccountRatio', false, (ctx, req) =>
      bySymbol(ctx, req, (inst) => longShortRatio(ctx, inst, req)),
    ),
    ...(kind === 'linear'
      ? {
          '/fapi/v1/symbolConfig': route(
            '/fapi/v1/symbolConfig',
            true,
            withKey((ctx, _req, key) => symbolConfig(ctx, key)),
          ),
          '/fapi/v1/leverageBracket': route('/fapi/v1/leverageBracket', true, (ctx, req) => ({
            json: leverageBracket(ctx, 'linear', req.query.get('symbol')),
          })),
        }
      : {
          '/dapi/v2/leverageBracket': route('/dapi/v2/leverageBracket', true, (ctx, req) => ({
            json: leverageBracket(ctx, 'inverse', req.query.get('symbol')),
          })),
        }),
  };
}

const ROUTES: Readonly<Record<string, Readonly<Record<string, VenueRoute>>>> = {
  [FAPI]: routesFor('linear', '/fapi'),
  [DAPI]: routesFor('inverse', '/dapi'),
  [SAPI]: {
    '/sapi/v1/account/apiRestrictions': route(
      '/sapi/v1/account/apiRestrictions',
      true,
      withKey((_ctx, _req, key) => apiRestrictions(key)),
      false,
    ),
  },
};

export const binanceApi: VenueApi = {
  venue: 'binance',
  hosts: [FAPI, DAPI, SAPI],
  route: (req) => (req.method === 'GET' ? ROUTES[req.host]?.[req.path] : undefined),
  authenticate(req, keys, venueNow) {
    const key = keys.get('binance', req.headers['x-mbx-apikey']);
    if (!key) return { response: json(401, ERR.invalidKey) };
    const payloadEnd = req.rawQuery.lastIndexOf('&signature=');
    if (payloadEnd < 0) return { response: json(400, ERR.badSignature) };
    const payload = req.rawQuery.slice(0, payloadEnd);
    const signature = req.rawQuery.slice(payloadEnd + '&signature='.length);
    const expected = createHmac('sha256', key.secret).update(payload).digest('hex');
    if (!timingSafeEqualStrings(signature, expected)) return { response: json(400, ERR.badSignature) };
    const timestamp = Number(req.query.get('timestamp'));
    const recvWindow = Number(req.query.get('recvWindow') ?? '5000');
    if (!Number.isFinite(timestamp) || timestamp > venueNow + 1000 || venueNow - timestamp > recvWindow) {
      return { response: json(400, ERR.timestamp) };
    }
    return { key };
  },
  rateLimited: (retryAfterSeconds) => json(429, ERR.tooMany, { 'retry-after': String(retryAfterSeconds) }),
  serverError: () => GATEWAY_DOWN,
  authError: () => json(401, ERR.invalidKey),
  permissionDenied: () => json(401, ERR.invalidKey),
};
