import { z } from 'zod';
import { MarketKindSchema, VenueSchema } from '../domain/venue';

/** Argument and result schemas of the venue-market methods in `contract.ts` (the planner's market picker). */
const SymbolSchema = z.string().min(1).max(100);

export const ListVenueMarketsArgsSchema = z.object({ venue: VenueSchema }).strict();

/** One perpetual the venue lists (from the loaded ccxt market list; no prices). */
export const VenueMarketSchema = z.object({
  symbol: SymbolSchema,
  base: z.string().min(1),
  quote: z.string().min(1),
  settle: z.string().min(1),
  kind: MarketKindSchema,
});
export type VenueMarket = z.infer<typeof VenueMarketSchema>;

export const ListVenueMarketsResultSchema = z.object({ markets: z.array(VenueMarketSchema) });
export type ListVenueMarketsResult = z.infer<typeof ListVenueMarketsResultSchema>;

export const GetMarketArgsSchema = z.object({ venue: VenueSchema, symbol: SymbolSchema }).strict();
