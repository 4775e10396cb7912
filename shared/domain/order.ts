import { z } from 'zod';
import { FiniteSchema, NonNegativeSchema, PositiveSchema, SideSchema, VenueSchema } from './venue';

/**
 * An order the app SUGGESTS (it never sends one): a protective stop, one per ladder rung (risk-method.md §4.4).
 * Default: stop-market, reduce-only, triggered on the mark price, one quantity per tranche. In hedge mode `reduceOnly`
 * is not accepted by Binance; `positionSide` names the leg instead.
 */
export const SuggestedOrderSchema = z.object({
  venue: VenueSchema,
  symbol: z.string().min(1),
  /** The open position it protects, or null for a planned trade. */
  positionId: z.string().min(1).nullable(),
  type: z.literal('stop-market'),
  /** Order side: `sell` closes a long, `buy` closes a short. */
  side: z.enum(['buy', 'sell']),
  reduceOnly: z.literal(true),
  /** The leg in hedge mode (Binance `positionSide`); null in one-way mode. */
  positionSide: SideSchema.nullable(),
  /** Rounded to the market's tick. */
  triggerPrice: PositiveSchema,
  triggerType: z.enum(['mark', 'last']),
  /** Amount in contracts (the venue's unit), floored to the amount step, and the same in base units. */
  amount: PositiveSchema,
  amountBase: PositiveSchema,
  /** 1-based rung index, shallowest first, and its weight in the ladder. */
  tranche: z.number().int().positive(),
  weight: PositiveSchema,
  /** Expected fill after slippage, the slippage assumed (fraction), and the loss if it fills (settle currency). */
  expectedFillPrice: PositiveSchema,
  expectedSlippage: NonNegativeSchema,
  lossIfFilled: FiniteSchema,
  /** Why this rung sits where it does, in words the UI can show. */
  reason: z.string().min(1),
});
export type SuggestedOrder = z.infer<typeof SuggestedOrderSchema>;
