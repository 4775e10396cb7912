import http from 'node:http';
import https from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

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

/** Statuses fetch treats as redirects (refused here, as fetch does with `redirect: 'error'`). */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Statuses whose response cannot carry a body (the WHATWG Response constructor refuses one). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** Kept-alive connections, shared by every client (the venues answer many small requests per refresh). */
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 16 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 16 }),
};

/**
 * The most a compressed body may expand to. The largest real answer (Binance's 500-level book, all markets' tickers)
 * is a few MB; a body that inflates past this is refused (a network error) instead of exhausting memory.
 */
export const MAX_DECODED_BODY_BYTES = 64 * 1024 * 1024;

/** A body in its content-encoding, decoded as fetch does (deflate: zlib-wrapped, or raw as some servers send it). */
function decode(raw: Buffer, encoding: string | undefined): Buffer {
  const limit = { maxOutputLength: MAX_DECODED_BODY_BYTES };
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(raw, limit);
    case 'br':
      return brotliDecompressSync(raw, limit);
    case 'deflate': {
      // A zlib stream starts with CM = 8 and a header whose 16 bits are a multiple of 31; anything else is raw.
      const first = raw[0] ?? 0;
      const zlibWrapped = first % 16 === 8 && ((first << 8) | (raw[1] ?? 0)) % 31 === 0;
      return zlibWrapped ? inflateSync(raw, limit) : inflateRawSync(raw, limit);
    }
    default:
      return raw;
  }
}

/**
 * A fully read response, with the part of the WHATWG `Response` interface ccxt and the adapters use (status,
 * statusText, ok, headers, text, json, arrayBuffer). A real `Response` would wrap the bytes in a web stream only for
 * them to be read back at once, on every one of a refresh's hundreds of requests.
 */
class BufferedResponse {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = 'basic';
  bodyUsed = false;

  constructor(
    private readonly bytes: Buffer,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
  ) {
    this.ok = status >= 200 && status < 300;
  }

  private take(): Buffer {
    if (this.bodyUsed) throw new TypeError('Body is unusable: Body has already been read');
    this.bodyUsed = true;
    return this.bytes;
  }

  text(): Promise<string> {
    // As fetch's text(): UTF-8, a leading byte-order mark dropped. (A throw in the executor rejects.)
    return new Promise((resolve) => {
      const text = this.take().toString('utf8');
      resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    });
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return new Promise((resolve) => {
      const bytes = this.take();
      resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    });
  }

  /** Typed as the platform `Response` for `fetchImplementation` (ccxt reads only the members above). */
  asResponse(): Response {
    return this as unknown as Response;
  }
}

/**
 * One request over node:http(s) with kept-alive sockets, answered as a WHATWG `Response` for ccxt. It behaves as
 * `fetch(url, { redirect: 'error' })` does for ccxt's purposes (a redirect or any transport failure rejects with a
 * TypeError, which ccxt reports as NetworkError; an abort rejects with an AbortError, ccxt's RequestTimeout; gzip and
 * brotli bodies are decoded) at a fraction of the cost of the fetch machinery per request (streams, Request objects),
 * which dominated a refresh of hundreds of order books.
 */
export function nodeFetch(url: string, init: FetchInit = {}): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const secure = url.startsWith('https:');
    const headers: Record<string, string> = { ...init.headers };
    if (!Object.keys(headers).some((name) => name.toLowerCase() === 'accept-encoding')) {
      headers['accept-encoding'] = 'gzip, deflate, br';
    }
    const fail = (error: unknown) => {
      if (init.signal?.aborted === true || (error instanceof Error && error.name === 'AbortError')) {
        reject(new DOMException('The operation was aborted.', 'AbortError'));
      } else reject(new TypeError('fetch failed', { cause: error }));
    };
    const request = (secure ? https : http).request(
      url,
      {
        method: init.method ?? 'GET',
        headers,
        agent: secure ? agents.https : agents.http,
        ...(init.signal ? { signal: init.signal } : {}),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (REDIRECT_STATUSES.has(status)) {
          res.resume();
          fail(new Error(`redirect (${status}) refused`));
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          try {
            const raw = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
            const encoding = res.headers['content-encoding'];
            const body = decode(raw, encoding);
            const responseHeaders = new Headers();
            const rawHeaders = res.rawHeaders;
            for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
              responseHeaders.append(rawHeaders[i] as string, rawHeaders[i + 1] as string);
            }
            resolve(
              new BufferedResponse(
                NULL_BODY_STATUSES.has(status) ? Buffer.alloc(0) : body,
                status,
                res.statusMessage ?? '',
                responseHeaders,
              ).asResponse(),
            );
          } catch (error) {
            fail(error);
          }
        });
      },
    );
    request.on('error', fail);
    request.end(init.body ?? undefined);
  });
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
    const response = await nodeFetch(`${baseUrl}/${host}${rest.length > 0 ? rest : '/'}`, init);
    observe?.(url, response);
    return response;
  };
}

/** Production: node:https (`nodeFetch`), restricted to the real venue hosts, never following redirects. */
export function productionTransport(
  allowedHosts: readonly string[] = ALL_VENUE_HOSTS,
  observe?: ResponseObserver,
): FetchImplementation {
  const allowed = new Set(allowedHosts);
  return async (url, init = {}) => {
    const { host } = hostOf(url);
    if (!allowed.has(host)) throw new BlockedHostError(host);
    const response = await nodeFetch(url, init);
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
