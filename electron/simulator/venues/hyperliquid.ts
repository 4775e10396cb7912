import type { PositionState } from '../account-model';
import { listInstruments, type Instrument } from '../instruments';
import { DAY, HOUR, MINUTE, fixed, stepDecimals, type ResolvedAsset } from '../market-model';
import {
  GATEWAY_DOWN,
  json,
  type HandlerResult,
  type ParsedRequest,
  type RouteContext,
  type VenueApi,
  type VenueRoute,
} from './venue-api';

/**
 * Hyperliquid (api.hyperliquid.xyz): every read is `POST /info` with a JSON body `{type, …}`, unsigned, keyed by
 * the wallet address (`user`). Perpetuals are USDC-margined, one contract = one coin, funding hourly. The order
 * book has at most 20 levels a side. `/exchange` (signed writes) is deliberately not implemented: 404.
 * Margin tiers are served in `metaAndAssetCtxs[0].marginTables`; maintenance = half the initial margin at the
 * tier's max leverage (liquidation.md §5).
 */
const HOST = 'api.hyperliquid.xyz';
const BOOK_LEVELS = 20;

const perps = (ctx: RouteContext) => listInstruments('hyperliquid', ctx.market.assets, 'linear');
const num = (value: number) => String(Number(value.toPrecision(12)));

function bodyOf(req: ParsedRequest): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(req.body);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Hyperliquid prices: at most 5 significant figures and 6 − szDecimals decimals. */
function px(price: number, asset: ResolvedAsset): string {
  const decimals = Math.max(0, 6 - szDecimals(asset));
  const significant = Number(price.toPrecision(5));
  return String(Number(significant.toFixed(decimals)));
}
const szDecimals = (asset: ResolvedAsset) => stepDecimals(asset.amountStep);
const tableId = (inst: Instrument) => 50 + inst.asset.index;

function metaAndAssetCtxs(ctx: RouteContext): unknown {
  const list = perps(ctx);
  return [
    {
      universe: list.map((inst) => ({
        szDecimals: szDecimals(inst.asset),
        name: inst.id,
        maxLeverage: ctx.market.tiers(inst.asset)[0]?.maxLeverage ?? 50,
        marginTableId: tableId(inst),
      })),
      marginTables: list.map((inst) => [
        tableId(inst),
        {
          description: `tiered ${inst.id}`,
          marginTiers: ctx.market
            .tiers(inst.asset)
            .map((t) => ({ lowerBound: t.minNotional.toFixed(1), maxLeverage: t.maxLeverage })),
        },
      ]),
    },
    list.map((inst) => {
      const a = inst.asset;
      const t = ctx.now;
      const mark = ctx.market.markPrice(a, 'hyperliquid', t);
      const oracle = ctx.market.indexPrice(a, t);
      const book = ctx.market.book(a, 'hyperliquid', t, 1);
      const bid = book.bids[0]?.[0] ?? mark;
      const ask = book.asks[0]?.[0] ?? mark;
      const oi = ctx.market.openInterestBase(a, 'hyperliquid', t);
      return {
        funding: num(ctx.market.fundingRate(a, 'hyperliquid', t)),
        openInterest: fixed(oi, a.amountStep),
        prevDayPx: px(ctx.market.markPrice(a, 'hyperliquid', t - DAY), a),
        dayNtlVlm: num(oi * mark * 0.6),
        premium: num(mark / oracle - 1),
        oraclePx: px(oracle, a),
        markPx: px(mark, a),
        midPx: px((bid + ask) / 2, a),
        impactPxs: [px(bid, a), px(ask, a)],
        dayBaseVlm: num(oi * 0.6),
      };
    }),
  ];
}

function positionEntry(ctx: RouteContext, s: PositionState): Record<string, unknown> {
  const p = s.position;
  const sign = p.side === 'long' ? 1 : -1;
  const isolated = p.marginMode === 'isolated';
  // marginUsed: isolated = margin at entry + uPnL; cross = notional / leverage (liquidation.md §5).
  const marginUsed = isolated ? p.isolatedMargin + s.unrealizedPnl : s.notionalSettle / p.leverage;
  return {
    type: 'oneWay',
    position: {
      coin: p.inst.id,
      szi: fixed(sign * p.contracts, p.asset.amountStep),
      leverage: isolated
        ? { type: 'isolated', value: p.leverage, rawUsd: num(-sign * s.notionalSettle + marginUsed) }
        : { type: 'cross', value: p.leverage },
      entryPx: px(p.entryPrice, p.asset),
      positionValue: num(s.notionalSettle),
      unrealizedPnl: num(s.unrealizedPnl),
      returnOnEquity: num(s.unrealizedPnl / (s.notionalSettle / p.leverage)),
      liquidationPx: s.liquidationPrice === null ? null : num(s.liquidationPrice),
      marginUsed: num(marginUsed),
      maxLeverage: ctx.market.tiers(p.asset)[0]?.maxLeverage ?? 50,
      cumFunding: { allTime: '0.0', sinceOpen: '0.0', sinceChange: '0.0' },
    },
  };
}

function clearinghouseState(ctx: RouteContext, user: string): unknown {
  const spec = ctx.accounts.accounts.find(
    (a) => a.spec.venue === 'hyperliquid' && a.spec.walletAddress?.toLowerCase() === user.toLowerCase(),
  );
  const states = spec ? ctx.accounts.openPositions(spec.spec.id, ctx.now) : [];
  const usdc = spec ? ctx.accounts.balances(spec.spec.id, ctx.now).find((b) => b.currency === 'USDC') : undefined;
  const accountValue = usdc?.equity ?? 0;
  const ntl = states.reduce((x, s) => x + s.notionalSettle, 0);
  const marginUsed = states.reduce(
    (x, s) =>
      x +
      (s.position.marginMode === 'isolated'
        ? s.position.isolatedMargin + s.unrealizedPnl
        : s.notionalSettle / s.position.leverage),
    0,
  );
  const cross = states.filter((s) => s.position.marginMode === 'cross');
  const crossValue =
    accountValue -
    states
      .filter((s) => s.position.marginMode === 'isolated')
      .reduce((x, s) => x + s.position.isolatedMargin + s.unrealizedPnl, 0);
  const summary = (value: number, positions: readonly PositionState[]) => ({
    accountValue: num(value),
    totalNtlPos: num(positions.reduce((x, s) => x + s.notionalSettle, 0)),
    totalRawUsd: num(
      value - positions.reduce((x, s) => x + (s.position.side === 'long' ? 1 : -1) * s.notionalSettle, 0),
    ),
    totalMarginUsed: num(
      positions.reduce(
        (x, s) =>
          x +
          (s.position.marginMode === 'isolated'
            ? s.position.isolatedMargin + s.unrealizedPnl
            : s.notionalSettle / s.position.leverage),
        0,
      ),
    ),
  });
  return {
    marginSummary: { ...summary(accountValue, states), totalNtlPos: num(ntl), totalMarginUsed: num(marginUsed) },
    crossMarginSummary: summary(crossValue, cross),
    crossMaintenanceMarginUsed: num(cross.reduce((x, s) => x + s.maintenanceMargin, 0)),
    withdrawable: num(Math.max(0, accountValue - marginUsed)),
    assetPositions: states.map((s) => positionEntry(ctx, s)),
    time: ctx.now,
  };
}

const CANDLE_MS: Readonly<Record<string, number>> = {
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '1h': HOUR,
  '4h': 4 * HOUR,
  '1d': DAY,
};

/**
 * ccxt asks for [now − limit × interval, now] by the wall clock (`endTime` defaults to it); the scenario has its own
 * time, so the window keeps its count of bars and is anchored at the scenario's now when it ends beyond it.
 */
function windowCount(start: number, end: number, interval: number): number {
  return Math.max(1, Math.min(5_000, Math.round((end - start) / interval)));
}

function candleSnapshot(ctx: RouteContext, body: Record<string, unknown>): HandlerResult {
  const req = (body['req'] ?? {}) as Record<string, unknown>;
  const inst = perps(ctx).find((i) => i.id === req['coin']);
  const interval = CANDLE_MS[String(req['interval'])];
  if (!inst || interval === undefined)
    return { response: json(422, 'Failed to deserialize the JSON body into the target type') };
  const start = Number(req['startTime']);
  const end = Number(req['endTime'] ?? ctx.wallNow);
  const count = windowCount(start, end, interval);
  const a = inst.asset;
  const bars = ctx.market.bars(a, 'hyperliquid', interval, Math.min(end, ctx.now), count);
  return {
    json: bars.map((b) => ({
      t: b.time,
      T: b.time + interval - 1,
      s: inst.id,
      i: String(req['interval']),
      o: px(b.open, a),
      c: px(b.close, a),
      h: px(b.high, a),
      l: px(b.low, a),
      v: fixed(b.volume, a.amountStep),
      n: Math.max(1, Math.round(b.volume / a.amountStep / 1000)),
    })),
  };
}

function l2Book(ctx: RouteContext, body: Record<string, unknown>): HandlerResult {
  const inst = perps(ctx).find((i) => i.id === body['coin']);
  if (!inst) return { json: null };
  const a = inst.asset;
  const book = ctx.market.book(a, 'hyperliquid', ctx.now, BOOK_LEVELS);
  const level = ([p, q]: [number, number]) => ({ px: px(p, a), sz: fixed(q, a.amountStep), n: 1 + Math.floor(q % 9) });
  return { json: { coin: inst.id, time: ctx.now, levels: [book.bids.map(level), book.asks.map(level)] } };
}

function fundingHistory(ctx: RouteContext, body: Record<string, unknown>): HandlerResult {
  const inst = perps(ctx).find((i) => i.id === body['coin']);
  if (!inst) return { json: [] };
  const start = Number(body['startTime']);
  const end = Number(body['endTime'] ?? ctx.wallNow);
  const count = windowCount(start, end, HOUR);
  return {
    json: ctx.market
      .fundingHistory(inst.asset, 'hyperliquid', Math.min(end, ctx.now), Math.min(count, 500))
      .map((f) => ({
        coin: inst.id,
        fundingRate: num(f.rate),
        premium: num(f.rate * 0.3),
        time: f.time,
      })),
  };
}

type InfoHandler = (ctx: RouteContext, body: Record<string, unknown>) => HandlerResult;

const INFO: Readonly<Record<string, InfoHandler>> = {
  meta: (ctx) => ({ json: (metaAndAssetCtxs(ctx) as unknown[])[0] }),
  metaAndAssetCtxs: (ctx) => ({ json: metaAndAssetCtxs(ctx) }),
  spotMeta: () => ({ json: { universe: [], tokens: [] } }),
  spotMetaAndAssetCtxs: () => ({ json: [{ universe: [], tokens: [] }, []] }),
  perpDexs: () => ({ json: [null] }),
  exchangeStatus: (ctx) => ({ json: { time: ctx.now, specialStatuses: null } }),
  userAbstraction: () => ({ json: 'default' }),
  clearinghouseState: (ctx, body) => ({
    json: clearinghouseState(ctx, typeof body['user'] === 'string' ? body['user'] : ''),
  }),
  l2Book,
  candleSnapshot,
  fundingHistory,
};

const routes = new Map<string, VenueRoute>(
  Object.entries(INFO).map(([type, handler]) => [
    type,
    {
      endpoint: `info:${type}`,
      signed: false,
      needsRead: false,
      handle: (ctx: RouteContext, req: ParsedRequest) => handler(ctx, bodyOf(req) ?? {}),
    },
  ]),
);

export const hyperliquidApi: VenueApi = {
  venue: 'hyperliquid',
  hosts: [HOST],
  route(req) {
    if (req.method !== 'POST' || req.host !== HOST || req.path !== '/info') return undefined;
    const type = bodyOf(req)?.['type'];
    return typeof type === 'string' ? routes.get(type) : undefined;
  },
  authenticate: () => ({ response: json(404, null) }),
  rateLimited: (retryAfterSeconds) => ({
    status: 429,
    headers: { 'content-type': 'application/json', 'retry-after': String(retryAfterSeconds) },
    body: 'null',
  }),
  serverError: () => GATEWAY_DOWN,
  /** Hyperliquid reads are unsigned: the closest to an authentication failure is an address it does not know. */
  authError: (req) => {
    const user = bodyOf(req)?.['user'];
    return json(200, {
      status: 'err',
      response: `User or API Wallet ${typeof user === 'string' ? user : '0x'} does not exist.`,
    });
  },
  permissionDenied: () => json(404, null),
};

/** Hyperliquid prices as the venue prints them (5 significant figures), for tests. */
export const hyperliquidPrice = px;
