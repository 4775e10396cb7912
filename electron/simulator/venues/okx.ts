import { createHmac } from 'node:crypto';
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
 * OKX v5 (www.okx.com/api/v5), swaps only. Responses are `{code: "0", msg: "", data: [...]}` with string numbers;
 * sizes are in contracts of `ctVal` (coins for -USDT-SWAP, USD for -USD-SWAP); histories newest first. Signed
 * requests carry OK-ACCESS-KEY, -PASSPHRASE, -TIMESTAMP (ISO 8601) and -SIGN = base64(HMAC-SHA256(secret,
 * timestamp + method + "/api/v5/…?query")) (exchanges-offline.md §4.4). The account is in single-currency
 * margin mode: each currency's details carry its own maintenance margin and margin ratio.
 */
const HOST = 'www.okx.com';
const PREFIX = '/api/v5';
const s8 = (v: number) => String(Number(v.toPrecision(15)));

const ok = (data: unknown[]) => ({ code: '0', msg: '', data });
const okxError = (status: number, code: string, msg: string) => json(status, { code, msg, data: [] });

const swaps = (ctx: RouteContext) => listInstruments('okx', ctx.market.assets);
const byInstId = (ctx: RouteContext, id: string | null) =>
  id === null ? undefined : swaps(ctx).find((i) => i.id === id);
const uly = (inst: Instrument) => inst.id.replace('-SWAP', '');

function withInst(ctx: RouteContext, req: ParsedRequest, body: (inst: Instrument) => unknown[]): HandlerResult {
  const inst = byInstId(ctx, req.query.get('instId'));
  if (!inst) return { response: okxError(400, '51001', "Instrument ID doesn't exist") };
  return { json: ok(body(inst)) };
}

function instruments(ctx: RouteContext, req: ParsedRequest): HandlerResult {
  if (req.query.get('instType') !== 'SWAP') return { json: ok([]) };
  return {
    json: ok(
      swaps(ctx).map((inst) => {
        const a = inst.asset;
        return {
          alias: '',
          baseCcy: '',
          category: '1',
          ctMult: '1',
          ctType: inst.kind,
          ctVal: String(inst.contractSize),
          ctValCcy: inst.kind === 'linear' ? a.base : 'USD',
          expTime: '',
          instFamily: uly(inst),
          instId: inst.id,
          instType: 'SWAP',
          lever: String(Math.min(125, a.maxLeverage)),
          listTime: '1611916828000',
          lotSz: String(inst.lotSize),
          maxIcebergSz: '100000000.0000000000000000',
          maxLmtAmt: '20000000',
          maxLmtSz: '100000000',
          maxMktAmt: '',
          maxMktSz: '10000',
          maxStopSz: '10000',
          maxTriggerSz: '100000000.0000000000000000',
          maxTwapSz: '100000000.0000000000000000',
          minSz: String(inst.lotSize),
          optType: '',
          quoteCcy: '',
          ruleType: 'normal',
          settleCcy: inst.settle,
          state: 'live',
          stk: '',
          tickSz: String(a.tickSize),
          uly: uly(inst),
        };
      }),
    ),
  };
}

function positionRow(ctx: RouteContext, s: PositionState): Record<string, unknown> {
  const p = s.position;
  const isolated = p.marginMode === 'isolated';
  const sign = p.side === 'long' ? 1 : -1;
  const tick = p.asset.tickSize;
  const fee = -s.notionalSettle * 0.0005;
  const marginBalance = isolated ? p.isolatedMargin + s.unrealizedPnl : s.initialMargin + s.unrealizedPnl;
  return {
    adl: '1',
    availPos: p.hedged ? s8(p.contracts) : '',
    avgPx: s8(p.entryPrice),
    baseBal: '',
    baseBorrowed: '',
    baseInterest: '',
    bePx: s8(p.entryPrice * (1 + sign * 0.001)),
    bizRefId: '',
    bizRefType: '',
    cTime: String(p.openedAt),
    ccy: p.inst.settle,
    clSpotInUseAmt: '',
    closeOrderAlgo: [],
    deltaBS: '',
    deltaPA: '',
    fee: s8(fee),
    fundingFee: '0',
    gammaBS: '',
    gammaPA: '',
    hedgedPos: '',
    idxPx: fixed(ctx.market.indexPrice(p.asset, ctx.now), tick),
    imr: isolated ? '' : s8(s.initialMargin),
    instId: p.inst.id,
    instType: 'SWAP',
    interest: '',
    last: fixed(s.markPrice, tick),
    lever: String(p.leverage),
    liab: '',
    liabCcy: '',
    liqPenalty: '0',
    liqPx: s.liquidationPrice === null ? '' : s8(s.liquidationPrice),
    margin: isolated ? s8(p.isolatedMargin) : '',
    markPx: fixed(s.markPrice, tick),
    maxSpotInUseAmt: '',
    mgnMode: p.marginMode,
    // OKX margin ratio: (margin + uPnL) / (maintenance margin + liquidation fee) (liquidation.md §4).
    mgnRatio: s8(marginBalance / (s.maintenanceMargin + s.notionalSettle * 0.0005)),
    mmr: s8(s.maintenanceMargin),
    nonSettleAvgPx: '',
    notionalUsd: s8(s.notionalUsd),
    optVal: '',
    pendingCloseOrdLiabVal: '',
    pnl: '0',
    // One-way (net) mode: pos is signed. Long/short mode: positive with posSide.
    pos: s8(p.hedged ? p.contracts : sign * p.contracts),
    posCcy: '',
    posId: String(1_000_000 + ((p.id.length * 7919) % 100_000)),
    posSide: p.hedged ? p.side : 'net',
    quoteBal: '',
    quoteBorrowed: '',
    quoteInterest: '',
    realizedPnl: s8(fee),
    settledPnl: '',
    spotInUseAmt: '',
    spotInUseCcy: '',
    thetaBS: '',
    thetaPA: '',
    tradeId: String(p.openedAt % 1_000_000_000),
    uTime: String(p.openedAt),
    upl: s8(s.unrealizedPnl),
    uplLastPx: s8(s.unrealizedPnl),
    uplRatio: s8(s.unrealizedPnl / (isolated ? p.isolatedMargin : s.initialMargin)),
    uplRatioLastPx: s8(s.unrealizedPnl / (isolated ? p.isolatedMargin : s.initialMargin)),
    usdPx: p.kind === 'inverse' ? fixed(s.markPrice, tick) : '',
    vegaBS: '',
    vegaPA: '',
  };
}

function positions(ctx: RouteContext, req: ParsedRequest, key: SimKey): unknown {
  const filter = req.query.get('instId')?.split(',') ?? null;
  return ok(
    ctx.accounts
      .openPositions(key.accountId, ctx.now)
      .filter((s) => filter === null || filter.includes(s.position.inst.id))
      .map((s) => positionRow(ctx, s)),
  );
}

function balance(ctx: RouteContext, key: SimKey): unknown {
  const balances = ctx.accounts.balances(key.accountId, ctx.now);
  const open = ctx.accounts.openPositions(key.accountId, ctx.now);
  const usd = (pick: (b: (typeof balances)[number]) => number) =>
    balances.reduce((sum, b) => sum + pick(b) * b.usdPrice, 0);
  const details = balances.map((b) => {
    const isoUpl = open
      .filter((s) => s.position.inst.settle === b.currency && s.position.marginMode === 'isolated')
      .reduce((x, s) => x + s.unrealizedPnl, 0);
    const fees = open
      .filter((s) => s.position.inst.settle === b.currency && s.position.marginMode === 'cross')
      .reduce((x, s) => x + s.notionalSettle * 0.0005, 0);
    const crossEquity = b.equity - b.isolatedMargin - isoUpl;
    return {
      accAvgPx: '',
      availBal: s8(b.available),
      availEq: s8(b.available),
      borrowFroz: '0',
      cashBal: s8(b.walletBalance),
      ccy: b.currency,
      clSpotInUseAmt: '',
      colBorrAutoConversion: '0',
      collateralEnabled: false,
      collateralRestrict: false,
      crossLiab: '0',
      disEq: s8(b.equity * b.usdPrice),
      eq: s8(b.equity),
      eqUsd: s8(b.equity * b.usdPrice),
      fixedBal: '0',
      frozenBal: s8(b.initialMargin + b.isolatedMargin),
      imr: b.initialMargin > 0 ? s8(b.initialMargin) : '',
      interest: '0',
      isoEq: s8(b.isolatedMargin + isoUpl),
      isoLiab: '0',
      isoUpl: s8(isoUpl),
      liab: '0',
      maxLoan: '0',
      maxSpotInUse: '',
      mgnRatio: b.crossMaintenanceMargin > 0 ? s8(crossEquity / (b.crossMaintenanceMargin + fees)) : '',
      mmr: b.crossMaintenanceMargin > 0 ? s8(b.crossMaintenanceMargin) : '',
      notionalLever: '',
      openAvgPx: '',
      ordFrozen: '0',
      rewardBal: '',
      smtSyncEq: '0',
      spotBal: '',
      spotCopyTradingEq: '0',
      spotInUseAmt: '',
      spotIsoBal: '0',
      spotUpl: '',
      spotUplRatio: '',
      stgyEq: '0',
      totalPnl: '',
      totalPnlRatio: '',
      twap: '0',
      uTime: String(ctx.now),
      upl: s8(b.unrealizedPnl),
      uplLiab: '0',
    };
  });
  const totalEq = usd((b) => b.equity);
  const mm = usd((b) => b.crossMaintenanceMargin);
  return ok([
    {
      adjEq: s8(totalEq),
      availEq: s8(usd((b) => b.available)),
      borrowFroz: '0',
      details,
      imr: s8(usd((b) => b.initialMargin + b.isolatedMargin)),
      isoEq: s8(usd((b) => b.isolatedMargin)),
      mgnRatio: mm > 0 ? s8(totalEq / mm) : '',
      mmr: s8(mm),
      notionalUsd: s8(open.reduce((x, s) => x + s.notionalUsd, 0)),
      notionalUsdForBorrow: '0',
      notionalUsdForFutures: '0',
      notionalUsdForOption: '0',
      notionalUsdForSwap: s8(open.reduce((x, s) => x + s.notionalUsd, 0)),
      ordFroz: '0',
      totalEq: s8(totalEq),
      uTime: String(ctx.now),
      upl: s8(usd((b) => b.unrealizedPnl)),
    },
  ]);
}

/** OKX perm values are read_only, trade and withdraw; moving funds out needs withdraw, so a transfer key has it. */
const PERM: Readonly<Record<KeyProfile, string>> = {
  'read-only': 'read_only',
  'trade-enabled': 'read_only,trade',
  'withdraw-enabled': 'read_only,withdraw',
  'transfer-enabled': 'read_only,withdraw',
  'no-read': '',
};

function accountConfig(key: SimKey): unknown {
  return ok([
    {
      acctLv: '2',
      acctStpMode: 'cancel_maker',
      autoLoan: false,
      ctIsoMode: 'automatic',
      enableSpotBorrow: false,
      greeksType: 'PA',
      ip: '',
      kycLv: '2',
      label: 'liquidation-guard',
      level: 'Lv1',
      levelTmp: '',
      liquidationGear: '-1',
      mainUid: '374579799097793561',
      mgnIsoMode: 'automatic',
      opAuth: '0',
      perm: PERM[key.profile],
      posMode: 'net_mode',
      roleType: '0',
      spotBorrowAutoRepay: false,
      spotOffsetType: '',
      spotRoleType: '0',
      spotTraderInsts: [],
      traderInsts: [],
      type: '0',
      uid: '374579799097793561',
    },
  ]);
}

function markPrice(ctx: RouteContext, req: ParsedRequest): HandlerResult {
  const id = req.query.get('instId');
  const list = swaps(ctx).filter((i) => id === null || i.id === id);
  return {
    json: ok(
      list.map((inst) => ({
        instId: inst.id,
        instType: 'SWAP',
        markPx: fixed(ctx.market.markPrice(inst.asset, 'okx', ctx.now), inst.asset.tickSize),
        ts: String(ctx.now),
      })),
    ),
  };
}

function fundingRow(ctx: RouteContext, inst: Instrument): Record<string, unknown> {
  const next = ctx.market.nextFundingTime('okx', ctx.now);
  const rate = ctx.market.fundingRate(inst.asset, 'okx', ctx.now);
  return {
    formulaType: 'noRate',
    fundingRate: s8(rate),
    fundingTime: String(next),
    impactValue: '',
    instId: inst.id,
    instType: 'SWAP',
    interestRate: '0.0001',
    maxFundingRate: '0.0075',
    method: 'current_period',
    minFundingRate: '-0.0075',
    nextFundingRate: '',
    nextFundingTime: String(next + ctx.market.fundingIntervalMs('okx')),
    premium: s8(rate * 0.3),
    settFundingRate: s8(rate),
    settState: 'settled',
    sett: '',
    ts: String(ctx.now),
  };
}

function fundingRate(ctx: RouteContext, req: ParsedRequest): HandlerResult {
  const id = req.query.get('instId');
  if (id === 'ANY') return { json: ok(swaps(ctx).map((inst) => fundingRow(ctx, inst))) };
  return withInst(ctx, req, (inst) => [fundingRow(ctx, inst)]);
}

function openInterestRow(ctx: RouteContext, inst: Instrument, t: number): Record<string, unknown> {
  const base = ctx.market.openInterestBase(inst.asset, 'okx', t);
  const mark = ctx.market.markPrice(inst.asset, 'okx', t);
  const contracts = inst.kind === 'linear' ? base / inst.contractSize : (base * mark) / inst.contractSize;
  return {
    instId: inst.id,
    instType: 'SWAP',
    oi: s8(roundToStep(contracts, inst.lotSize)),
    oiCcy: s8(base),
    oiUsd: s8(base * mark),
    ts: String(t),
  };
}

function indexTickers(ctx: RouteContext, req: ParsedRequest): HandlerResult {
  const quote = req.query.get('quoteCcy');
  const id = req.query.get('instId');
  const rows = ctx.market.assets.flatMap((a) =>
    ['USDT', 'USD']
      .filter((q) => (quote === null || q === quote) && (id === null || id === `${a.base}-${q}`))
      .map((q) => {
        const index = ctx.market.indexPrice(a, ctx.now);
        const day = ctx.market.bars(a, 'okx', DAY, ctx.now, 1)[0];
        return {
          instId: `${a.base}-${q}`,
          idxPx: fixed(index, a.tickSize),
          high24h: fixed(day?.high ?? index, a.tickSize),
          low24h: fixed(day?.low ?? index, a.tickSize),
          open24h: fixed(day?.open ?? index, a.tickSize),
          sodUtc0: fixed(day?.open ?? index, a.tickSize),
          sodUtc8: fixed(day?.open ?? index, a.tickSize),
          ts: String(ctx.now),
        };
      }),
  );
  return { json: ok(rows) };
}

const PERIOD_MS: Readonly<Record<string, number>> = { '5m': 5 * MINUTE, '1H': HOUR, '1D': DAY };

function newestFirst(ctx: RouteContext, period: number, limit: number): number[] {
  const last = Math.floor(ctx.now / period) * period;
  return Array.from({ length: limit }, (_, i) => last - i * period);
}

function books(ctx: RouteContext, req: ParsedRequest, inst: Instrument): unknown[] {
  const a = inst.asset;
  const depth = intParam(req.query, 'sz', 1, 400);
  const book = ctx.market.book(a, 'okx', ctx.now, depth);
  const size = (base: number, price: number) =>
    s8(
      Math.max(
        inst.lotSize,
        roundToStep(
          inst.kind === 'linear' ? base / inst.contractSize : (base * price) / inst.contractSize,
          inst.lotSize,
        ),
      ),
    );
  const level = ([p, q]: [number, number]) => [fixed(p, a.tickSize), size(q, p), '0', String(1 + Math.floor(q % 7))];
  return [{ asks: book.asks.map(level), bids: book.bids.map(level), ts: String(ctx.now) }];
}

const BAR_MS: Readonly<Record<string, number>> = {
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '1H': HOUR,
  '4H': 4 * HOUR,
  '1D': DAY,
  '1Dutc': DAY,
};

function candles(ctx: RouteContext, req: ParsedRequest, inst: Instrument): unknown[] {
  const ms = BAR_MS[req.query.get('bar') ?? '1m'] ?? MINUTE;
  const limit = intParam(req.query, 'limit', 100, 300);
  const a = inst.asset;
  return ctx.market
    .bars(a, 'okx', ms, ctx.now, limit)
    .reverse()
    .map((b) => {
      const contracts =
        inst.kind === 'linear' ? b.volume / inst.contractSize : (b.volume * b.close) / inst.contractSize;
      const confirmed = b.time + ms <= ctx.now ? '1' : '0';
      return [
        String(b.time),
        fixed(b.open, a.tickSize),
        fixed(b.high, a.tickSize),
        fixed(b.low, a.tickSize),
        fixed(b.close, a.tickSize),
        s8(roundToStep(contracts, inst.lotSize)),
        s8(b.volume),
        s8(b.volume * b.close),
        confirmed,
      ];
    });
}

function positionTiers(ctx: RouteContext, req: ParsedRequest): HandlerResult {
  const family = req.query.get('uly') ?? req.query.get('instFamily');
  const inst = swaps(ctx).find((i) => uly(i) === family);
  if (!inst) return { response: okxError(400, '51001', "Instrument ID doesn't exist") };
  // OKX tiers are in contracts; the model's tiers are in USD notional (linear) at the asset's reference price.
  const perContractUsd = inst.kind === 'linear' ? inst.contractSize * inst.asset.price : inst.contractSize;
  return {
    json: ok(
      ctx.market.tiers(inst.asset).map((t) => ({
        baseMaxLoan: '',
        imr: String(roundToStep(1 / t.maxLeverage, 0.0001)),
        instFamily: uly(inst),
        instId: '',
        maxLever: String(t.maxLeverage),
        maxSz: String(Math.round(t.maxNotional / perContractUsd)),
        minSz: String(Math.round(t.minNotional / perContractUsd)),
        mmr: String(t.mmr),
        optMgnFactor: '0',
        quoteMaxLoan: '',
        tier: String(t.tier),
        uly: uly(inst),
      })),
    ),
  };
}

type Handler = VenueRoute['handle'];
const route = (path: string, signed: boolean, handle: Handler, needsRead = signed): [string, VenueRoute] => [
  `${PREFIX}${path}`,
  { endpoint: `${PREFIX}${path}`, signed, needsRead, handle },
];
const withKey =
  (f: (ctx: RouteContext, req: ParsedRequest, key: SimKey) => unknown): Handler =>
  (ctx, req, key) =>
    key ? { json: f(ctx, req, key) } : { response: okxError(401, '50111', 'Invalid OK-ACCESS-KEY') };

const ROUTES: ReadonlyMap<string, VenueRoute> = new Map([
  route('/public/time', false, (ctx) => ({ json: ok([{ ts: String(ctx.now) }]) })),
  route('/public/instruments', false, instruments),
  route('/public/mark-price', false, markPrice),
  route('/public/funding-rate', false, fundingRate),
  route('/public/funding-rate-history', false, (ctx, req) =>
    withInst(ctx, req, (inst) =>
      ctx.market
        .fundingHistory(inst.asset, 'okx', ctx.now, intParam(req.query, 'limit', 100, 400))
        .reverse()
        .map((f) => ({
          formulaType: 'noRate',
          fundingRate: s8(f.rate),
          fundingTime: String(f.time),
          instId: inst.id,
          instType: 'SWAP',
          method: 'current_period',
          realizedRate: s8(f.rate),
        })),
    ),
  ),
  route('/public/open-interest', false, (ctx, req) => {
    const id = req.query.get('instId');
    if (id !== null) return withInst(ctx, req, (inst) => [openInterestRow(ctx, inst, ctx.now)]);
    return { json: ok(swaps(ctx).map((inst) => openInterestRow(ctx, inst, ctx.now))) };
  }),
  route('/public/position-tiers', false, positionTiers),
  route('/market/index-tickers', false, indexTickers),
  route('/market/books', false, (ctx, req) => withInst(ctx, req, (inst) => books(ctx, req, inst))),
  route('/market/candles', false, (ctx, req) => withInst(ctx, req, (inst) => candles(ctx, req, inst))),
  route('/rubik/stat/contracts/open-interest-history', false, (ctx, req) =>
    withInst(ctx, req, (inst) =>
      newestFirst(
        ctx,
        PERIOD_MS[req.query.get('period') ?? '5m'] ?? 5 * MINUTE,
        intParam(req.query, 'limit', 100, 100),
      ).map((t) => {
        const row = openInterestRow(ctx, inst, t);
        return [String(t), row['oi'], row['oiCcy'], row['oiUsd']];
      }),
    ),
  ),
  route('/rubik/stat/contracts/long-short-account-ratio-contract', false, (ctx, req) =>
    withInst(ctx, req, (inst) =>
      newestFirst(
        ctx,
        PERIOD_MS[req.query.get('period') ?? '5m'] ?? 5 * MINUTE,
        intParam(req.query, 'limit', 100, 100),
      ).map((t) => [String(t), ctx.market.longShortRatio(inst.asset, t).toFixed(4)]),
    ),
  ),
  route('/account/positions', true, withKey(positions)),
  route(
    '/account/balance',
    true,
    withKey((ctx, _req, key) => balance(ctx, key)),
  ),
  // Any key may read its own configuration; `perm` tells what it can do.
  route(
    '/account/config',
    true,
    withKey((_ctx, _req, key) => accountConfig(key)),
    false,
  ),
]);

export const okxApi: VenueApi = {
  venue: 'okx',
  hosts: [HOST],
  route: (req) => (req.method === 'GET' && req.host === HOST ? ROUTES.get(req.path) : undefined),
  authenticate(req, keys, venueNow) {
    const apiKey = req.headers['ok-access-key'];
    const key = keys.get('okx', apiKey);
    if (!key) return { response: okxError(401, '50111', 'Invalid OK-ACCESS-KEY') };
    if (req.headers['ok-access-passphrase'] !== key.passphrase)
      return { response: okxError(401, '50105', 'Invalid OK-ACCESS-PASSPHRASE') };
    const timestamp = req.headers['ok-access-timestamp'] ?? '';
    const sign = req.headers['ok-access-sign'] ?? '';
    const requestPath = `${req.path}${req.rawQuery ? `?${req.rawQuery}` : ''}`;
    const expected = createHmac('sha256', key.secret)
      .update(`${timestamp}${req.method}${requestPath}${req.body}`)
      .digest('base64');
    if (!timingSafeEqualStrings(sign, expected)) return { response: okxError(401, '50113', 'Invalid Sign') };
    const ts = Date.parse(timestamp);
    if (!Number.isFinite(ts) || Math.abs(venueNow - ts) > 30_000)
      return { response: okxError(401, '50102', 'Timestamp request expired') };
    return { key };
  },
  rateLimited: (retryAfterSeconds) => ({
    ...okxError(429, '50011', 'Too Many Requests'),
    headers: { 'content-type': 'application/json', 'retry-after': String(retryAfterSeconds) },
  }),
  serverError: () => GATEWAY_DOWN,
  authError: () => okxError(401, '50111', 'Invalid OK-ACCESS-KEY'),
  permissionDenied: () => okxError(401, '50114', 'Invalid Authority'),
};
