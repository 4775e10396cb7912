import { describe, expect, it } from 'vitest';
import { inProcessFetch } from '../../simulator/in-process';
import { Simulator } from '../../simulator/simulator';
import type { ExchangeEnvironment } from './adapter';
import { BinanceAdapter } from './binance-adapter';
import { BybitAdapter } from './bybit-adapter';
import { OkxAdapter } from './okx-adapter';
import { FIXTURES_PRESENT, FIXTURES_SKIP_REASON, recordedCase } from './testing/recorded-fixtures';
import { guardedTransport, type FetchImplementation } from './transport';

/**
 * Recorded venue responses (ccxt's static fixtures, ../shared/fixtures/ccxt) fed through the adapters' parsing:
 * ccxt's transport answers each private endpoint with the recorded body (its own error handling still runs); the
 * market lists come from the simulator, which lists the same instruments. Expected values are the recorded raw
 * fields, cross-checked against ccxt's own `parsedResponse` where ccxt fills the field.
 */
const sim = new Simulator({ scenario: 'calm' });

/**
 * Answers `host/path` (or `host/path?k=v&…`, matched when the request carries those parameters; the most specific
 * key wins) with the recorded body; everything else (market lists) from the in-process simulator.
 */
function recordedTransport(bodies: Readonly<Record<string, unknown>>): FetchImplementation {
  const simulator = inProcessFetch(sim);
  const keys = Object.keys(bodies).sort((a, b) => b.length - a.length);
  return guardedTransport(async (url, init) => {
    const parsed = new URL(url);
    const key = keys.find((k) => {
      const [target, query] = k.split('?');
      return (
        target === `${parsed.host}${parsed.pathname}` &&
        [...new URLSearchParams(query ?? '')].every(([name, value]) => parsed.searchParams.get(name) === value)
      );
    });
    if (key !== undefined) {
      return new Response(JSON.stringify(bodies[key]), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    }
    return simulator(url, init);
  }, sim.hosts);
}

/** The read time every position is stamped with (the venues' own times say when a position last changed). */
const READ_AT = 1_722_161_200_000;

const environment = (bodies: Readonly<Record<string, unknown>>): ExchangeEnvironment => ({
  name: 'recorded-fixtures',
  transport: recordedTransport(bodies),
  enableRateLimit: false,
  timeoutMs: 2_000,
  marketsCache: null,
  now: () => READ_AT,
});

describe.skipIf(!FIXTURES_PRESENT)(
  FIXTURES_PRESENT ? 'recorded Binance responses through the Binance adapter' : FIXTURES_SKIP_REASON,
  () => {
    it('normalises the recorded USDⓈ-M v3 and COIN-M positions and balances', async () => {
      const linear = recordedCase('binance', 'fetchPositions', 0); // "Fetch linear positions without symbols"
      const inverse = recordedCase('binance', 'fetchPositions', 3); // "inverse positions"
      const symbolConfig = recordedCase('binance', 'fetchMarginMode', 0); // fapi/v1/symbolConfig
      const inverseAccount = recordedCase('binance', 'fetchMarginMode', 1); // dapi/v1/account
      const linearAccount = recordedCase('binance', 'fetchBalance', 1); // "Linear swap balance"
      const adapter = await BinanceAdapter.create(
        { apiKey: 'key', secret: 'secretsecret' },
        environment({
          'fapi.binance.com/fapi/v3/positionRisk': linear.httpResponse,
          'fapi.binance.com/fapi/v1/symbolConfig': symbolConfig.httpResponse,
          'fapi.binance.com/fapi/v3/account': linearAccount.httpResponse,
          'dapi.binance.com/dapi/v1/positionRisk': inverse.httpResponse,
          'dapi.binance.com/dapi/v1/account': inverseAccount.httpResponse,
        }),
      );
      const { positions, balances } = await adapter.fetchAccount('rec');
      expect(positions).toHaveLength(2); // the zero-size BCHUSD_241227 row is not a position

      const ccxtLinear = (linear.parsedResponse as Record<string, unknown>[])[0]!;
      const btc = positions.find((p) => p.symbol === 'BTC/USDT:USDT')!;
      // Recorded raw row: positionAmt 0.009, entryPrice 67445.9, markPrice 67502.68519858, liquidationPrice
      // 64846.98753790, maintMargin 2.43009666, initialMargin 7.59405208, unRealizedProfit 0.51106678, updateTime
      // 1722161166529; symbolConfig: marginType CROSSED, leverage 20 (v3 positionRisk has no leverage: ccxt's own
      // parsedResponse has leverage null, exchanges-offline.md §2.5).
      expect(ccxtLinear['leverage']).toBeNull();
      expect(btc).toMatchObject({
        side: 'long',
        contracts: 0.009,
        entryPrice: 67_445.9,
        markPrice: 67_502.68519858,
        exchangeLiquidationPrice: 64_846.9875379,
        maintenanceMarginSettle: 2.43009666,
        initialMarginSettle: 7.59405208,
        unrealizedPnlSettle: 0.51106678,
        leverage: 20,
        marginMode: 'cross',
        positionMode: 'one-way',
        isolatedMarginSettle: null,
        updatedAt: READ_AT,
      });
      expect(btc.notionalUsd).toBeCloseTo(0.009 * 67_502.68519858, 8);
      for (const field of [
        'contracts',
        'entryPrice',
        'markPrice',
        'liquidationPrice',
        'unrealizedPnl',
        'side',
      ] as const) {
        const ours = {
          contracts: btc.contracts,
          entryPrice: btc.entryPrice,
          markPrice: btc.markPrice,
          liquidationPrice: btc.exchangeLiquidationPrice,
          unrealizedPnl: btc.unrealizedPnlSettle,
          side: btc.side,
        }[field];
        expect(ours, field).toEqual(ccxtLinear[field]);
      }

      // Recorded COIN-M row: BTCUSD_PERP positionAmt -3 (100 USD contracts), entry 68911.00000037, mark 68234.2,
      // liquidation 72491.16879818, leverage 20, marginType cross, uPnL 0.00004318 BTC.
      const coin = positions.find((p) => p.symbol === 'BTC/USD:BTC')!;
      expect(coin).toMatchObject({
        side: 'short',
        contracts: 3,
        contractSize: 100,
        notionalUsd: 300,
        entryPrice: 68_911.00000037,
        markPrice: 68_234.2,
        exchangeLiquidationPrice: 72_491.16879818,
        leverage: 20,
        marginMode: 'cross',
        unrealizedPnlSettle: 0.00004318,
      });
      expect(coin.sizeBase).toBeCloseTo(300 / 68_234.2, 12);
      // The recorded dapi/v1/account row for BTCUSD_PERP has positionAmt 0 (taken at another moment): its margins are
      // not lent to this position, which says so instead.
      expect(coin.maintenanceMarginSettle).toBeNull();
      expect(coin.missing).toContainEqual({
        field: 'maintenanceMarginSettle',
        reason: 'Binance COIN-M account data did not match this position',
      });

      // Recorded linear account: USDT walletBalance = marginBalance = availableBalance = 31.02261200, no positions.
      expect(balances.find((b) => b.currency === 'USDT')).toMatchObject({
        walletBalance: 31.022612,
        equity: 31.022612,
        availableMargin: 31.022612,
        crossMaintenanceMargin: 0,
        equityUsd: 31.022612,
      });
    });
  },
);

describe.skipIf(!FIXTURES_PRESENT)(
  FIXTURES_PRESENT ? 'recorded Bybit responses through the Bybit adapter' : FIXTURES_SKIP_REASON,
  () => {
    it('normalises the recorded unified-account LTC position (blank liqPrice/bustPrice) and coin balances', async () => {
      const position = recordedCase('bybit', 'fetchPositions', 0); // "Fetch linear position"
      const balance = recordedCase('bybit', 'fetchBalance', 0); // unified account
      const empty = {
        retCode: 0,
        retMsg: 'OK',
        result: { list: [], nextPageCursor: '', category: 'linear' },
        retExtInfo: {},
        time: 0,
      };
      const adapter = await BybitAdapter.create(
        { apiKey: 'key', secret: 'secretsecret' },
        environment({
          'api.bybit.com/v5/position/list?settleCoin=USDT': position.httpResponse,
          'api.bybit.com/v5/position/list': empty,
          'api.bybit.com/v5/account/wallet-balance': balance.httpResponse,
          // Not in the recordings: the v5 account/info shape with the mode the recorded position implies (tradeMode 0).
          'api.bybit.com/v5/account/info': {
            retCode: 0,
            retMsg: 'OK',
            result: { unifiedMarginStatus: 5, marginMode: 'REGULAR_MARGIN' },
            retExtInfo: {},
            time: 0,
          },
        }),
      );
      const { positions, balances } = await adapter.fetchAccount('rec');
      expect(positions).toHaveLength(1);
      const ccxtParsed = (position.parsedResponse as Record<string, unknown>[])[0]!;
      // Recorded row: size 1.2, avgPrice 64.59947917, markPrice 71.1, leverage 6, positionMM 0.81072399,
      // positionIM 12.95542633, unrealisedPnl 7.800625, liqPrice "" and bustPrice "", updatedTime 1699948800031.
      expect(positions[0]).toMatchObject({
        symbol: 'LTC/USDT:USDT',
        side: 'long',
        contracts: 1.2,
        entryPrice: 64.59947917,
        markPrice: 71.1,
        leverage: 6,
        marginMode: 'cross',
        maintenanceMarginSettle: 0.81072399,
        initialMarginSettle: 12.95542633,
        unrealizedPnlSettle: 7.800625,
        exchangeLiquidationPrice: null,
        updatedAt: READ_AT,
      });
      expect(positions[0]?.notionalUsd).toBeCloseTo(1.2 * 71.1, 10);
      // ccxt's own parse agrees where it fills the field; its recorded maintenanceMargin (0.81072399, an older ccxt)
      // is the raw positionMM we read (exchanges-offline.md §2.5); its marginMode is null (tradeMode deprecated).
      expect(ccxtParsed['maintenanceMargin']).toBe(positions[0]?.maintenanceMarginSettle);
      expect(ccxtParsed['marginMode']).toBeNull();
      expect([
        ccxtParsed['contracts'],
        ccxtParsed['entryPrice'],
        ccxtParsed['markPrice'],
        ccxtParsed['leverage'],
      ]).toEqual([1.2, 64.59947917, 71.1, 6]);
      // Recorded USDC coin: equity 5848.53933918, walletBalance 5848.20013918, totalPositionMM 0.33266212,
      // unrealisedPnl 0.3392, usdValue 5849.59207626; accountMMRate "0"; availableToWithdraw "".
      expect(balances.find((b) => b.currency === 'USDC')).toMatchObject({
        equity: 5_848.53933918,
        walletBalance: 5_848.20013918,
        crossMaintenanceMargin: 0.33266212,
        crossUnrealizedPnl: 0.3392,
        equityUsd: 5_849.59207626,
        availableMargin: null,
        marginRatio: { value: 0, liquidationAt: '100%', marginMode: 'cross' },
      });
    });
  },
);

describe.skipIf(!FIXTURES_PRESENT)(
  FIXTURES_PRESENT ? 'recorded OKX responses through the OKX adapter' : FIXTURES_SKIP_REASON,
  () => {
    const balance = () => recordedCase('okx', 'fetchBalance', 3).httpResponse; // trading account, "spot balance"
    const run = (positionsBody: unknown) =>
      OkxAdapter.create(
        { apiKey: 'key', secret: 'secretsecret', password: 'password' },
        environment({
          'www.okx.com/api/v5/account/positions': positionsBody,
          'www.okx.com/api/v5/account/balance': balance(),
        }),
      ).then((adapter) => adapter.fetchAccount('rec'));

    it('normalises the recorded inverse isolated BTC-USD-SWAP long (the liquidation.md §4 check position)', async () => {
      const recorded = recordedCase('okx', 'fetchPosition', 2); // "Inverse swap isolated fetch position"
      const { positions } = await run(recorded.httpResponse);
      // Recorded: pos 1 (ctVal 100 USD), avgPx 92300, markPx 92376.7, lever 3, mgnMode isolated, posSide long,
      // margin 0.0003611412062116, mmr 0.0000043300962256 BTC, upl 0.000000899562244, liqPx 69536.6125000014.
      expect(positions).toEqual([
        expect.objectContaining({
          symbol: 'BTC/USD:BTC',
          kind: 'inverse',
          side: 'long',
          contracts: 1,
          contractSize: 100,
          notionalUsd: 100,
          entryPrice: 92_300,
          markPrice: 92_376.7,
          leverage: 3,
          marginMode: 'isolated',
          positionMode: 'hedge',
          isolatedMarginSettle: 0.0003611412062116,
          initialMarginSettle: 0.0003611412062116,
          maintenanceMarginSettle: 0.0000043300962256,
          unrealizedPnlSettle: 0.000000899562244,
          exchangeLiquidationPrice: 69_536.6125000014,
          updatedAt: READ_AT,
        }),
      ]);
      expect(positions[0]?.sizeBase).toBeCloseTo(100 / 92_376.7, 12);
      // ccxt agrees on the fields it fills.
      const ccxtParsed = recorded.parsedResponse as Record<string, unknown>;
      expect([
        ccxtParsed['contracts'],
        ccxtParsed['contractSize'],
        ccxtParsed['liquidationPrice'],
        ccxtParsed['marginMode'],
      ]).toEqual([1, 100, 69_536.6125000014, 'isolated']);
    });

    it('normalises the recorded inverse cross position and the currency details of the trading account', async () => {
      const recorded = recordedCase('okx', 'fetchPosition', 1); // "Inverse swap cross fetch position"
      const { positions, balances } = await run(recorded.httpResponse);
      // Recorded: cross, imr 0.000054313938912, mmr 0.000004345115113, liqPx 89.11497615226264, lever 20.
      expect(positions[0]).toMatchObject({
        marginMode: 'cross',
        leverage: 20,
        isolatedMarginSettle: null,
        initialMarginSettle: 0.000054313938912,
        maintenanceMarginSettle: 0.000004345115113,
        exchangeLiquidationPrice: 89.11497615226264,
      });
      // Recorded TUSD detail: eq 3000, cashBal 3000, availEq 3000, eqUsd 43505220, upl 0, isoUpl 0, mmr "".
      expect(balances.find((b) => b.currency === 'TUSD')).toMatchObject({
        equity: 3_000,
        walletBalance: 3_000,
        availableMargin: 3_000,
        equityUsd: 43_505_220,
        crossMaintenanceMargin: null,
        crossUnrealizedPnl: 0,
        marginRatio: null,
      });
    });
  },
);
