import { z } from 'zod';
import { EpochMsSchema, FiniteSchema, MarginModeSchema, NonNegativeSchema, VenueSchema } from './venue';

/** What a key may do, as the venue's own key-introspection endpoint reported it. */
export const PermissionsSchema = z.object({
  read: z.boolean(),
  trade: z.boolean(),
  withdraw: z.boolean(),
  transfer: z.boolean(),
  /** The venue's flags in its own words, e.g. `enableFutures`, for the trader to compare with the venue's UI. */
  venueFlags: z.array(z.string()),
  checkedAt: EpochMsSchema.nullable(),
});
export type Permissions = z.infer<typeof PermissionsSchema>;

/**
 * The outcome of the last key-permission check, in words the accounts screen shows as a badge.
 * read_only: fine; trade_allowed: accepted only because the trader allows trade-enabled keys (warning badge);
 * refused: the account is disabled (see `disabledReason`); unverified: the check could not run (network, venue down).
 */
export const PermissionVerdictSchema = z.enum(['read_only', 'trade_allowed', 'refused', 'unverified']);
export type PermissionVerdict = z.infer<typeof PermissionVerdictSchema>;
export const PermissionCheckSchema = z.object({
  verdict: PermissionVerdictSchema,
  message: z.string().min(1),
  at: EpochMsSchema,
});
export type PermissionCheck = z.infer<typeof PermissionCheckSchema>;

/**
 * An exchange account as the renderer sees it: never a secret, at most the key's last four characters.
 * `keyHint` is `…abcd`; Hyperliquid accounts carry their wallet address's last four instead.
 */
export const AccountSchema = z.object({
  accountId: z.string().min(1),
  venue: VenueSchema,
  label: z.string().min(1).max(60),
  keyHint: z.string().regex(/^….{4}$/u, 'a key hint is … and the last four characters'),
  permissions: PermissionsSchema,
  enabled: z.boolean(),
  /** Why the app disabled the account (e.g. the key gained trade rights), or null. */
  disabledReason: z.string().nullable(),
  /** Secret held only in memory until the app quits (no keychain available). */
  sessionOnly: z.boolean(),
  demo: z.boolean(),
  addedAt: EpochMsSchema,
  /** The last permission check (absent on accounts stored before checks were recorded). */
  permissionCheck: PermissionCheckSchema.optional(),
});
export type Account = z.infer<typeof AccountSchema>;

/**
 * One settlement currency's balance on one account. Equity = wallet balance + unrealised PnL; available = what can
 * open new positions. Cross-margin figures feed account-level liquidation.
 */
export const BalanceSchema = z.object({
  accountId: z.string().min(1),
  venue: VenueSchema,
  currency: z.string().min(1),
  equity: FiniteSchema,
  walletBalance: FiniteSchema,
  availableMargin: FiniteSchema.nullable(),
  /** Maintenance margin of all cross positions in this currency, as the venue reports it. */
  crossMaintenanceMargin: NonNegativeSchema.nullable(),
  crossUnrealizedPnl: FiniteSchema.nullable(),
  /** The venue's margin ratio as it displays it, and which way is danger (see peers.md §d). */
  marginRatio: z
    .object({ value: NonNegativeSchema, liquidationAt: z.enum(['100%', '0%']), marginMode: MarginModeSchema })
    .nullable(),
  /** Equity in USD-equivalent, for totals across currencies. */
  equityUsd: FiniteSchema,
  updatedAt: EpochMsSchema,
});
export type Balance = z.infer<typeof BalanceSchema>;
