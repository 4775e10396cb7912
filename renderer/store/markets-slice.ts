import type { StateCreator } from 'zustand';
import { marketKey, type Market } from '../../shared/domain/market';
import type { Venue } from '../../shared/domain/venue';
import type { VenueMarket } from '../../shared/ipc/markets-schemas';
import type { AppError, Result } from '../../shared/result';
import type { AppState } from './index';

/** Every perpetual a venue lists (the planner's market picker), as last asked for. */
export type VenueMarketsLoad =
  | { readonly state: 'loading' }
  | { readonly state: 'ok'; readonly markets: readonly VenueMarket[] }
  | { readonly state: 'error'; readonly error: AppError };

/** One market read on demand (no position in it, so not in the snapshot); `demo` says which data it came from. */
export type MarketLoad = { readonly demo: boolean } & (
  | { readonly state: 'loading' }
  | { readonly state: 'ok'; readonly market: Market }
  | { readonly state: 'error'; readonly error: AppError }
);

export interface MarketsSlice {
  readonly venueMarkets: Readonly<Partial<Record<Venue, VenueMarketsLoad>>>;
  /** Keyed by `marketLoadKey(venue, symbol)`. */
  readonly marketLoads: Readonly<Record<string, MarketLoad>>;
  /** Reads the venue's market list; the list already shown stays until the new one arrives. */
  readonly loadVenueMarkets: (venue: Venue) => Promise<void>;
  /** Reads one market's full data; resolves with it, or null when it could not be had (the error is in marketLoads). */
  readonly loadMarket: (venue: Venue, symbol: string) => Promise<Market | null>;
}

/** Loads are keyed like every market: `venue|symbol`. */
export const marketLoadKey = marketKey;

/** A transport that throws (it should not) is reported like a failed call, never as an unhandled rejection. */
async function settle<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message: `The request failed (${detail.slice(0, 160)}).` } };
  }
}

export const createMarketsSlice =
  (api: AppState['api']): StateCreator<AppState, [], [], MarketsSlice> =>
  (set, get) => ({
    venueMarkets: {},
    marketLoads: {},
    loadVenueMarkets: async (venue) => {
      if (get().venueMarkets[venue]?.state !== 'ok') {
        set((s) => ({ venueMarkets: { ...s.venueMarkets, [venue]: { state: 'loading' } } }));
      }
      const result = await settle(() => api.listVenueMarkets({ venue }));
      const next: VenueMarketsLoad = result.ok
        ? { state: 'ok', markets: result.value.markets }
        : { state: 'error', error: result.error };
      set((s) => ({ venueMarkets: { ...s.venueMarkets, [venue]: next } }));
    },
    loadMarket: async (venue, symbol) => {
      const key = marketLoadKey(venue, symbol);
      const demo = get().snapshot?.demo ?? false;
      set((s) => ({ marketLoads: { ...s.marketLoads, [key]: { demo, state: 'loading' } } }));
      const result = await settle(() => api.getMarket({ venue, symbol }));
      const next: MarketLoad = result.ok
        ? { demo, state: 'ok', market: result.value }
        : { demo, state: 'error', error: result.error };
      set((s) => ({ marketLoads: { ...s.marketLoads, [key]: next } }));
      return result.ok ? result.value : null;
    },
  });
