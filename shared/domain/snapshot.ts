import { z } from 'zod';
import { AppErrorSchema } from '../result';
import { AccountSchema, BalanceSchema } from './account';
import { MarketSchema } from './market';
import { PositionSchema } from './position';
import { EpochMsSchema, VenueSchema } from './venue';

/**
 * Each account's data carries its own status so one venue failing never blanks another:
 * ok (fresh), stale (last good data kept; `error` says why the refresh failed), error (no good data yet), loading.
 */
export const SourceStatusSchema = z.object({
  accountId: z.string().min(1),
  venue: VenueSchema,
  state: z.enum(['loading', 'ok', 'stale', 'error']),
  lastOkAt: EpochMsSchema.nullable(),
  error: AppErrorSchema.nullable(),
});
export type SourceStatus = z.infer<typeof SourceStatusSchema>;

/** Everything read from the exchanges at one moment. The risk report is computed from this alone. */
export const SnapshotSchema = z.object({
  takenAt: EpochMsSchema,
  demo: z.boolean(),
  accounts: z.array(AccountSchema),
  balances: z.array(BalanceSchema),
  positions: z.array(PositionSchema),
  markets: z.array(MarketSchema),
  statuses: z.array(SourceStatusSchema),
});
export type Snapshot = z.infer<typeof SnapshotSchema>;

/** Pushed while a refresh runs: how many accounts have answered (or failed) so far, then the market phase. */
export const RefreshProgressSchema = z.object({
  phase: z.enum(['accounts', 'markets', 'done']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** The account that just finished, with its state; null for phase changes. */
  accountId: z.string().min(1).nullable(),
  state: SourceStatusSchema.shape.state.nullable(),
  demo: z.boolean(),
});
export type RefreshProgress = z.infer<typeof RefreshProgressSchema>;
