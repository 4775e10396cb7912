import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  FIXTURES_PRESENT,
  FIXTURES_SKIP_REASON,
  recordedCase,
  shapeDifferences,
} from '../services/exchanges/testing/recorded-fixtures';
import { Simulator } from './simulator';

/**
 * The simulator's responses have the same fields with the same JSON types as ccxt's recorded responses of the
 * real venues (../shared/fixtures/ccxt), so the simulator cannot drift into a shape only our code accepts.
 * Fields the recording has that the simulator lacks, type mismatches, and simulator-only fields all fail, except
 * the extras listed per case with the reason.
 */
const sim = new Simulator({ scenario: 'flash-selloff' });

function binanceGet(host: string, path: string, query = ''): unknown {
  const { apiKey, secret } = sim.spec.accounts.find((a) => a.venue === 'binance')!;
  const payload = `timestamp=${Date.now()}${query ? `&${query}` : ''}&recvWindow=10000`;
  const signature = createHmac('sha256', secret).update(payload).digest('hex');
  const response = sim.handle({
    method: 'GET',
    url: `https://${host}${path}?${payload}&signature=${signature}`,
    headers: { 'X-MBX-APIKEY': apiKey },
    body: undefined,
  });
  expect(response.status).toBe(200);
  return JSON.parse(response.body) as unknown;
}

function bybitGet(path: string, query = ''): unknown {
  const { apiKey, secret } = sim.spec.accounts.find((a) => a.venue === 'bybit')!;
  const timestamp = String(Date.now());
  const sign = createHmac('sha256', secret).update(`${timestamp}${apiKey}5000${query}`).digest('hex');
  const headers = {
    'X-BAPI-API-KEY': apiKey,
    'X-BAPI-TIMESTAMP': timestamp,
    'X-BAPI-RECV-WINDOW': '5000',
    'X-BAPI-SIGN': sign,
  };
  const response = sim.handle({
    method: 'GET',
    url: `https://api.bybit.com${path}?${query}`,
    headers,
    body: undefined,
  });
  expect(response.status).toBe(200);
  return JSON.parse(response.body) as unknown;
}

function okxGet(path: string, query = ''): unknown {
  const { apiKey, secret, passphrase } = sim.spec.accounts.find((a) => a.venue === 'okx')!;
  const timestamp = new Date().toISOString();
  const requestPath = `/api/v5${path}${query ? `?${query}` : ''}`;
  const sign = createHmac('sha256', secret).update(`${timestamp}GET${requestPath}`).digest('base64');
  const headers = {
    'OK-ACCESS-KEY': apiKey,
    'OK-ACCESS-PASSPHRASE': passphrase!,
    'OK-ACCESS-TIMESTAMP': timestamp,
    'OK-ACCESS-SIGN': sign,
  };
  const response = sim.handle({ method: 'GET', url: `https://www.okx.com${requestPath}`, headers, body: undefined });
  expect(response.status).toBe(200);
  return JSON.parse(response.body) as unknown;
}

const publicGet = (url: string): unknown => {
  const response = sim.handle({ method: 'GET', url, headers: {}, body: undefined });
  expect(response.status).toBe(200);
  return JSON.parse(response.body) as unknown;
};

interface ShapeCase {
  readonly name: string;
  readonly recorded: () => unknown;
  readonly simulated: () => unknown;
  /** Simulator-only paths, each with why it is there. */
  readonly extras?: Readonly<Record<string, string>>;
}

const CASES: readonly ShapeCase[] = [
  {
    name: 'binance fapi/v3/positionRisk (fetchPositions[0])',
    recorded: () => recordedCase('binance', 'fetchPositions', 0).httpResponse,
    simulated: () => binanceGet('fapi.binance.com', '/fapi/v3/positionRisk'),
  },
  {
    name: 'binance dapi/v1/positionRisk (fetchPositions[3])',
    recorded: () => recordedCase('binance', 'fetchPositions', 3).httpResponse,
    simulated: () => binanceGet('dapi.binance.com', '/dapi/v1/positionRisk'),
  },
  {
    name: 'binance fapi account (fetchBalance[1])',
    recorded: () => recordedCase('binance', 'fetchBalance', 1).httpResponse,
    simulated: () => binanceGet('fapi.binance.com', '/fapi/v3/account'),
  },
  {
    name: 'binance dapi/v1/account (fetchMarginMode[1])',
    recorded: () => recordedCase('binance', 'fetchMarginMode', 1).httpResponse,
    simulated: () => binanceGet('dapi.binance.com', '/dapi/v1/account'),
  },
  {
    name: 'binance fapi/v1/symbolConfig (fetchMarginMode[0])',
    recorded: () => recordedCase('binance', 'fetchMarginMode', 0).httpResponse,
    simulated: () => binanceGet('fapi.binance.com', '/fapi/v1/symbolConfig'),
  },
  {
    name: 'binance fapi/v1/depth (fetchOrderBook[1])',
    recorded: () => recordedCase('binance', 'fetchOrderBook', 1).httpResponse,
    simulated: () => publicGet('https://fapi.binance.com/fapi/v1/depth?symbol=BTCUSDT&limit=5'),
  },
  {
    name: 'binance fapi/v1/klines (fetchOHLCV[2])',
    recorded: () => recordedCase('binance', 'fetchOHLCV', 2).httpResponse,
    simulated: () => publicGet('https://fapi.binance.com/fapi/v1/klines?interval=1m&limit=3&symbol=BTCUSDT'),
  },
  {
    name: 'bybit v5/position/list (fetchPositions[0])',
    recorded: () => recordedCase('bybit', 'fetchPositions', 0).httpResponse,
    simulated: () => bybitGet('/v5/position/list', 'settleCoin=USDT&limit=200&category=linear'),
    extras: {
      // ccxt's addPaginationCursorToResult copies the page cursor into each row of the (recorded) raw response.
      '$.result.list[0].nextPageCursor': 'a ccxt artefact in the recording, not a Bybit field',
    },
  },
  {
    name: 'bybit v5/account/wallet-balance (fetchBalance[0])',
    recorded: () => recordedCase('bybit', 'fetchBalance', 0).httpResponse,
    simulated: () => bybitGet('/v5/account/wallet-balance', 'accountType=UNIFIED'),
  },
  {
    name: 'bybit v5/market/tickers (fetchFundingRate[0])',
    recorded: () => recordedCase('bybit', 'fetchFundingRate', 0).httpResponse,
    simulated: () => publicGet('https://api.bybit.com/v5/market/tickers?symbol=BTCUSDT&category=linear'),
    extras: {
      // ccxt's fetchFundingRates stamps the response time into each row before parsing (mutating the recording).
      '$.result.list[0].timestamp': 'a ccxt artefact in the recording, not a Bybit field',
    },
  },
  {
    name: 'bybit v5/market/open-interest (fetchOpenInterest[0])',
    recorded: () => recordedCase('bybit', 'fetchOpenInterest', 0).httpResponse,
    simulated: () =>
      publicGet('https://api.bybit.com/v5/market/open-interest?symbol=BTCUSDT&intervalTime=1h&category=linear&limit=1'),
  },
  {
    name: 'bybit v5/market/orderbook (fetchOrderBook[0])',
    recorded: () => recordedCase('bybit', 'fetchOrderBook', 0).httpResponse,
    simulated: () => publicGet('https://api.bybit.com/v5/market/orderbook?symbol=BTCUSDT&category=linear&limit=2'),
    extras: { '$.result.cts': 'matching-engine time, added to Bybit orderbook responses after this recording' },
  },
  {
    name: 'bybit v5/market/kline (fetchOHLCV[0])',
    recorded: () => recordedCase('bybit', 'fetchOHLCV', 0).httpResponse,
    simulated: () =>
      publicGet('https://api.bybit.com/v5/market/kline?symbol=BTCUSDT&interval=60&category=linear&limit=3'),
  },
  {
    name: 'okx account/positions (fetchPosition[2])',
    recorded: () => recordedCase('okx', 'fetchPosition', 2).httpResponse,
    simulated: () => okxGet('/account/positions', 'instId=BTC-USD-SWAP'),
    extras: { '$.data[0].availPos': 'OKX leaves it empty in net (one-way) mode; the recording is in long/short mode' },
  },
  {
    name: 'okx account/balance (fetchBalance[3])',
    recorded: () => recordedCase('okx', 'fetchBalance', 3).httpResponse,
    simulated: () => okxGet('/account/balance'),
  },
  {
    name: 'okx account/config (fetchAccounts[0])',
    recorded: () => recordedCase('okx', 'fetchAccounts', 0).httpResponse,
    simulated: () => okxGet('/account/config'),
    extras: {
      '$.data[0].acctStpMode': 'newer account/config fields (OKX v5 docs), not in this older recording',
      '$.data[0].enableSpotBorrow': 'newer account/config field (OKX v5 docs)',
      '$.data[0].spotBorrowAutoRepay': 'newer account/config field (OKX v5 docs)',
      '$.data[0].type': 'newer account/config field (OKX v5 docs)',
    },
  },
  {
    name: 'okx public/open-interest (fetchOpenInterest[0])',
    recorded: () => recordedCase('okx', 'fetchOpenInterest', 0).httpResponse,
    simulated: () => publicGet('https://www.okx.com/api/v5/public/open-interest?instType=SWAP&instId=BTC-USDT-SWAP'),
  },
  {
    name: 'okx market/books (fetchOrderBook[0])',
    recorded: () => recordedCase('okx', 'fetchOrderBook', 0).httpResponse,
    simulated: () => publicGet('https://www.okx.com/api/v5/market/books?instId=BTC-USDT-SWAP&sz=2'),
  },
  {
    name: 'okx market/candles (fetchOHLCV[0])',
    recorded: () => recordedCase('okx', 'fetchOHLCV', 0).httpResponse,
    simulated: () => publicGet('https://www.okx.com/api/v5/market/candles?instId=BTC-USDT-SWAP&bar=1H&limit=3'),
  },
];

describe.skipIf(!FIXTURES_PRESENT)(
  FIXTURES_PRESENT ? 'simulator response shapes match recorded venue responses' : FIXTURES_SKIP_REASON,
  () => {
    it.each(CASES)('$name', ({ recorded, simulated, extras = {} }) => {
      const differences = shapeDifferences(recorded(), simulated()).filter(
        (d) => !Object.keys(extras).some((path) => d.startsWith(`${path}:`)),
      );
      expect(differences).toEqual([]);
    });
  },
);
