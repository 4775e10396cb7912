import { z } from 'zod';

/**
 * Whether secrets can be kept in the OS keychain (security.md §1). When they cannot, the app says exactly why and
 * offers session-only accounts: the secret stays in memory until the app quits, and nothing is written to disk.
 */
export const KeychainUnavailableReasonSchema = z.enum([
  /** No D-Bus session bus, or no Secret Service (gnome-keyring, KWallet, KeePassXC) on it. */
  'no_secret_service',
  /** The keyring exists but is locked, and unlocking was declined or impossible. */
  'locked',
  /** The Secret Service has no default keyring ("login" collection) to store into. */
  'no_default_keyring',
  /** Any other failure of the platform store, with its message. */
  'failure',
]);
export type KeychainUnavailableReason = z.infer<typeof KeychainUnavailableReasonSchema>;

export const KeychainStatusSchema = z.object({
  /** `os`: the platform keychain; `memory`: demo mode, nothing persists. */
  store: z.enum(['os', 'memory']),
  available: z.boolean(),
  reason: KeychainUnavailableReasonSchema.nullable(),
  /** What is wrong and what the trader can do, or null when available. */
  message: z.string().nullable(),
});
export type KeychainStatus = z.infer<typeof KeychainStatusSchema>;
