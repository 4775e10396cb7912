import type { Venue } from '../../../shared/domain/venue';
import type { AccountModel } from '../account-model';
import type { KeyRegistry, SimKey } from '../keys';
import type { MarketModel } from '../market-model';

/** A request as it reached the simulator (either transport), with the original exchange URL. */
export interface SimRequest {
  readonly method: string;
  readonly url: string;
  /** Header names in any case; the simulator lower-cases them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

export interface SimResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The timeout fault: never answer (the client's own timeout fires). */
  readonly hang?: boolean;
}

export interface ParsedRequest {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  /** The query string exactly as sent (signatures cover these bytes). */
  readonly rawQuery: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface RouteContext {
  readonly market: MarketModel;
  readonly accounts: AccountModel;
  /** Scenario time (ms): what the market looks like. */
  readonly now: number;
  /** The wall clock the client signs with (ms), for windows a client computes from it. */
  readonly wallNow: number;
}

/** What a handler returns: a JSON body (status 200) or a full response (errors). */
export type HandlerResult = { readonly json: unknown; readonly status?: number } | { readonly response: SimResponse };

export interface VenueRoute {
  /** The name faults match on: the REST path, or `info:<type>` on Hyperliquid. */
  readonly endpoint: string;
  /** Needs a valid signature and API key. */
  readonly signed: boolean;
  /** A private read that a `no-read` key may not make (the key-introspection endpoints are exempt). */
  readonly needsRead: boolean;
  readonly handle: (ctx: RouteContext, req: ParsedRequest, key: SimKey | undefined) => HandlerResult;
}

export type AuthResult = { readonly key: SimKey } | { readonly response: SimResponse };

export interface VenueApi {
  readonly venue: Venue;
  readonly hosts: readonly string[];
  route(req: ParsedRequest): VenueRoute | undefined;
  /** Verifies the venue's real signature scheme; `venueNow` is the venue's clock (ours + any skew fault). */
  authenticate(req: ParsedRequest, keys: KeyRegistry, venueNow: number): AuthResult;
  /** The venue's own error responses for the request-level faults and for a key without read permission. */
  rateLimited(retryAfterSeconds: number): SimResponse;
  serverError(): SimResponse;
  authError(req: ParsedRequest): SimResponse;
  permissionDenied(): SimResponse;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): SimResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

export const text = (status: number, body: string): SimResponse => ({
  status,
  headers: { 'content-type': 'text/html' },
  body,
});

/** The gateway page a venue's load balancer serves when the backend is down (not JSON, as in production). */
export const GATEWAY_DOWN = text(
  503,
  '<html><head><title>503 Service Temporarily Unavailable</title></head><body>503 Service Temporarily Unavailable</body></html>',
);

/** Integer query parameter with a default and an upper bound, as venues clamp `limit`. */
export function intParam(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name);
  const value = raw === null ? fallback : Number.parseInt(raw, 10);
  return Number.isFinite(value) && value > 0 ? Math.min(value, max) : fallback;
}

export function timingSafeEqualStrings(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
