/**
 * How ccxt's requests leave the process. ccxt calls `exchange.fetchImplementation(url, init)` with its real
 * `https://<venue host>/…` URL (exchanges-offline.md §1, transports C and D), so signing and URL-based error
 * mapping stay exactly as in production. Every transport here refuses any host outside its allow-list, so a
 * routing mistake can never reach an unintended server (the demo can never reach a real exchange).
 */
export interface FetchInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | undefined;
  readonly signal?: AbortSignal;
}

export type FetchImplementation = (url: string, init?: FetchInit) => Promise<Response>;

/** The real venues' hosts, for production (the only hosts the app ever talks to). */
export const VENUE_HOSTS = {
  binance: ['fapi.binance.com', 'dapi.binance.com', 'api.binance.com'],
  bybit: ['api.bybit.com'],
  okx: ['www.okx.com'],
  hyperliquid: ['api.hyperliquid.xyz'],
} as const;

export const ALL_VENUE_HOSTS: readonly string[] = Object.values(VENUE_HOSTS).flat();

/** Thrown (as a TypeError, which ccxt reports as NetworkError) for a host outside the allow-list. */
export class BlockedHostError extends TypeError {
  constructor(readonly host: string) {
    super(`blocked request to ${host}: not on this transport's allow-list`);
    this.name = 'BlockedHostError';
  }
}

function hostOf(url: string): { host: string; rest: string } {
  const match = /^https:\/\/([^/?#]+)(.*)$/u.exec(url);
  const host = match?.[1];
  if (host === undefined) throw new BlockedHostError(url.slice(0, 40));
  return { host: host.toLowerCase(), rest: match?.[2] ?? '' };
}

/** The standard fetch options ccxt passes (it also adds legacy `agent`/`timeout` for custom transports: dropped). */
function forwardable(init: FetchInit): RequestInit {
  return {
    method: init.method ?? 'GET',
    headers: init.headers ?? {},
    body: init.body ?? null,
    signal: init.signal ?? null,
  };
}

/** Observes responses, e.g. to remember a venue's `Retry-After`. */
export type ResponseObserver = (url: string, response: Response) => void;

/**
 * Transport (C): forwards to the loopback simulator at `baseUrl` (`http://127.0.0.1:PORT`), keeping the original
 * host as the first path segment: `https://fapi.binance.com/fapi/v1/time` → `${baseUrl}/fapi.binance.com/fapi/v1/time`.
 */
export function loopbackTransport(
  baseUrl: string,
  allowedHosts: readonly string[],
  observe?: ResponseObserver,
): FetchImplementation {
  const allowed = new Set(allowedHosts);
  return async (url, init = {}) => {
    const { host, rest } = hostOf(url);
    if (!allowed.has(host)) throw new BlockedHostError(host);
    const response = await fetch(`${baseUrl}/${host}${rest.length > 0 ? rest : '/'}`, {
      ...forwardable(init),
      redirect: 'error',
    });
    observe?.(url, response);
    return response;
  };
}

/** Production: the platform fetch, restricted to the real venue hosts, never following redirects. */
export function productionTransport(
  allowedHosts: readonly string[] = ALL_VENUE_HOSTS,
  observe?: ResponseObserver,
): FetchImplementation {
  const allowed = new Set(allowedHosts);
  return async (url, init = {}) => {
    const { host } = hostOf(url);
    if (!allowed.has(host)) throw new BlockedHostError(host);
    const response = await fetch(url, { ...forwardable(init), redirect: 'error' });
    observe?.(url, response);
    return response;
  };
}

/** Wraps any transport with an allow-list and an observer (used for the in-process simulator transport). */
export function guardedTransport(
  inner: FetchImplementation,
  allowedHosts: readonly string[],
  observe?: ResponseObserver,
): FetchImplementation {
  const allowed = new Set(allowedHosts);
  return async (url, init) => {
    const { host } = hostOf(url);
    if (!allowed.has(host)) throw new BlockedHostError(host);
    const response = await inner(url, init);
    observe?.(url, response);
    return response;
  };
}
