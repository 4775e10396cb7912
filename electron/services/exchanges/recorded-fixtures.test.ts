import { describe, expect, it } from 'vitest';
import { inProcessFetch } from '../../simulator/in-process';
import { Simulator } from '../../simulator/simulator';
import type { ExchangeEnvironment } from './adapter';
import { BinanceAdapter } from './binance-adapter';
import { FIXTURES_PRESENT, FIXTURES_SKIP_REASON, recordedCase } from './testing/recorded-fixtures';
import { guardedTransport, type FetchImplementation } from './transport';

/**
 * Recorded venue responses (ccxt's static fixtures, ../shared/fixtures/ccxt) fed through the adapters' parsing:
 * ccxt's transport answers each private endpoint with the recorded body (its own error handling still runs); the
 * market lists come from the simulator, which lists the same instruments. Expected values are the recorded raw
 * fields, cross-checked against ccxt's own `parsedResponse` where ccxt fills the field.
 */
const sim = new Simulator({ scenario: 'calm' });

function recordedTransport(bodies: Readonly<Record<string, unknown>>): FetchImplementation {
  const simulator = inProcessFetch(sim);
  return guardedTransport(async (url, init) => {
    const match = /^https:\/\/([^/?]+)([^?]*)/u.exec(url);
    const body = match ? bodies[`${match[1]}${match[2]}`] : undefined;
    if (body !== undefined)
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    return simulator(url, init);
  }, sim.hosts);
}

const environment = (bodies: Readonly<Record<string, unknown>>): ExchangeEnvironment => ({
  name: 'recorded-fixtures',
  transport: recordedTransport(bodies),
  enableRateLimit: false,
  timeoutMs: 2_000,
  marketsCache: null,
  now: () => 1_722_161_200_000,
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
        updatedAt: 1_722_161_166_529,
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
