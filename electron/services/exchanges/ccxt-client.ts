import type { Exchange } from 'ccxt';
import type { ExchangeEnvironment, MarketsSource, ClientCredentials } from './adapter';
import { ccxtVersion, loadExchangeClass, type CcxtClassName } from './ccxt-loader';
import { MalformedResponseError } from './errors';
import type { FetchInit } from './transport';

/**
 * Builds a ccxt client for one venue class with the app's read-only settings, and shares its market list between
 * clients of the same class and environment (memory → disk cache → network).
 */

/**
 * Per-class options that switch off the calls a read-only app does not need (exchanges-offline.md §5, §8.1
 * step 3): no currency or margin-pair downloads, only the derivatives markets, no bulk leverage brackets inside
 * fetchPositions (tiers are fetched on their own), no unified-account probe before each balance call.
 */
function classConfig(name: CcxtClassName): { options: Record<string, unknown>; has?: Record<string, boolean> } {
  switch (name) {
    case 'binanceusdm':
    case 'binancecoinm':
      return {
        options: { fetchCurrencies: false, fetchMargins: false, leverageBrackets: {}, adjustForTimeDifference: false },
      };
    case 'bybit':
      return {
        has: { fetchCurrencies: false },
        options: {
          fetchMarkets: { types: ['linear', 'inverse'] },
          enableUnifiedAccount: true,
          enableUnifiedMargin: false,
          adjustForTimeDifference: false,
        },
      };
    case 'okx':
      return { has: { fetchCurrencies: false }, options: { fetchMarkets: { types: ['swap'] } } };
    case 'hyperliquid':
      // No spotMeta currency download: balances are read from clearinghouseState.
      return { has: { fetchCurrencies: false }, options: { fetchMarkets: { types: ['swap'] } } };
  }
}

/** Called with each raw response, e.g. to record a venue's Retry-After. */
export type ResponseHook = (response: Response) => void;

export async function createClient(
  name: CcxtClassName,
  credentials: ClientCredentials,
  env: ExchangeEnvironment,
  onResponse?: ResponseHook,
): Promise<Exchange> {
  const Ctor = await loadExchangeClass(name);
  const { options, has } = classConfig(name);
  const config: Record<string, unknown> = {
    enableRateLimit: env.enableRateLimit,
    timeout: env.timeoutMs,
    // Never log requests (they carry key headers, security.md §2.5); keep no copy of the last response.
    verbose: false,
    enableLastHttpResponse: false,
    enableLastJsonResponse: false,
    enableLastResponseHeaders: false,
    options,
    ...(has ? { has } : {}),
  };
  if (name === 'hyperliquid') {
    // Reads need only the wallet address. A private key would make loadMarkets POST signed actions.
    if (credentials.walletAddress !== undefined) config['walletAddress'] = credentials.walletAddress;
  } else {
    if (credentials.apiKey !== undefined) config['apiKey'] = credentials.apiKey;
    if (credentials.secret !== undefined) config['secret'] = credentials.secret;
    if (credentials.password !== undefined) config['password'] = credentials.password;
  }
  const exchange = new Ctor(config);
  exchange.fetchImplementation = async (url: string, init: FetchInit) => {
    const response = await env.transport(url, init);
    onResponse?.(response);
    return response;
  };
  // ccxt hands a body it cannot parse back as a string, which its parsers would read as "no data": refuse it.
  const parseJson = exchange.parseJson.bind(exchange) as (text: string) => unknown;
  exchange.parseJson = (text: string): unknown => {
    const parsed = parseJson(text);
    if (parsed === undefined && /^\s*[[{]/u.test(text)) {
      throw new MalformedResponseError(`${name} sent malformed JSON (${text.length} bytes)`);
    }
    return parsed;
  };
  return exchange;
}

type MarketList = Record<string, unknown>[];
const sharedMarkets = new Map<string, Promise<{ markets: MarketList; source: MarketsSource }>>();

/**
 * Gives `exchange` its markets without a request when possible: another client's (memory), the disk cache, or
 * else `loadMarkets()` (which is saved to the cache). Returns where they came from.
 */
export async function ensureClientMarkets(
  exchange: Exchange,
  name: CcxtClassName,
  env: ExchangeEnvironment,
): Promise<MarketsSource> {
  if (exchange.markets !== undefined && Object.keys(exchange.markets).length > 0) return 'memory';
  const key = `${name}-${env.name}`;
  let pending = sharedMarkets.get(key);
  let firstForKey = false;
  if (!pending) {
    firstForKey = true;
    pending = (async () => {
      const cached = env.marketsCache ? await env.marketsCache.load(key) : null;
      if (cached) return { markets: cached, source: 'cache' as const };
      const loaded = await exchange.loadMarkets();
      const markets = Object.values(loaded) as unknown as MarketList;
      await env.marketsCache?.save(key, markets);
      return { markets, source: 'network' as const };
    })();
    sharedMarkets.set(key, pending);
    pending.catch(() => sharedMarkets.delete(key));
  }
  const { markets, source } = await pending;
  if (exchange.markets === undefined || Object.keys(exchange.markets).length === 0) exchange.setMarkets(markets);
  return firstForKey ? source : 'memory';
}

/**
 * Loads `exchange`'s markets from the venue again (a position in a market the cached list does not know: a new
 * listing), replacing the shared and on-disk copies.
 */
export async function reloadClientMarkets(
  exchange: Exchange,
  name: CcxtClassName,
  env: ExchangeEnvironment,
): Promise<void> {
  const loaded = await exchange.loadMarkets(true);
  const markets = Object.values(loaded) as unknown as MarketList;
  sharedMarkets.set(`${name}-${env.name}`, Promise.resolve({ markets, source: 'network' as const }));
  await env.marketsCache?.save(`${name}-${env.name}`, markets);
}

/** Forgets the in-memory market lists (tests and the benchmark's cold/warm runs). */
export function forgetSharedMarkets(): void {
  sharedMarkets.clear();
}

/** ccxt's version, for the markets cache. */
export { ccxtVersion };
