import type { KeychainStatus, KeychainUnavailableReason } from '../../../shared/domain/keychain';
import { err, type Result } from '../../../shared/result';

/**
 * Where account secrets live (security.md §1). Keyed by account id; the value is an opaque string (the accounts
 * service stores its credentials as JSON). Every method returns a Result: a missing or locked keychain is
 * `keychain_unavailable` with a message that says exactly which, never an empty answer that looks like "no key".
 * Implementations never write a secret to disk themselves and never fall back to another store silently.
 */
export interface SecretStore {
  readonly kind: KeychainStatus['store'];
  /** Whether the store can be used right now, and if not, why (reads nothing secret). */
  status(): Promise<KeychainStatus>;
  set(id: string, secret: string): Promise<Result<void>>;
  /** The stored secret, or null when there is none (a locked or missing keychain is an error, not null). */
  get(id: string): Promise<Result<string | null>>;
  /** True when an entry was removed, false when there was none. */
  delete(id: string): Promise<Result<boolean>>;
  /** The ids that have an entry. */
  list(): Promise<Result<readonly string[]>>;
}

const SESSION_ONLY_HINT =
  'You can still add the account in session-only mode: the secret then stays in memory until you quit Liquidation Guard and must be entered again next time; nothing is written to disk.';

/** The trader-facing explanation for each way the keychain can be unavailable. */
export function keychainUnavailableMessage(reason: KeychainUnavailableReason, detail: string): string {
  switch (reason) {
    case 'no_secret_service':
      return `No keychain is available: there is no Secret Service (the keyring that gnome-keyring, KWallet or KeePassXC provide over D-Bus), so API secrets cannot be stored safely. Install or start one, then try again. ${SESSION_ONLY_HINT} (${detail})`;
    case 'locked':
      return `The keyring is locked: API secrets cannot be stored or read until it is unlocked. Unlock it (log in to your desktop session or open your keyring app) and try again. ${SESSION_ONLY_HINT} (${detail})`;
    case 'no_default_keyring':
      return `No default keyring exists: the Secret Service is running but has no default ("login") keyring to store secrets in. Create one in your keyring app (for example "Passwords and Keys") and try again. ${SESSION_ONLY_HINT} (${detail})`;
    case 'failure':
      return `The keychain reported an error, so nothing was stored or read: ${detail}. ${SESSION_ONLY_HINT}`;
  }
}

/**
 * Maps an error from the platform keychain (@napi-rs/keyring over zbus; security.md §1.2 table) to a reason.
 * Messages observed [ran, security.md §1.2 and this module's integration tests]:
 * - no bus: "Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled ..."
 * - bus without provider: "Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files"
 * - locked: "Couldn't access platform storage: Secret Service: unlock prompt was dismissed", "...IsLocked..."
 * - no login collection: "Couldn't access platform storage: Secret Service: no result found"
 */
export function classifyKeychainError(message: string): KeychainUnavailableReason {
  if (/unlock prompt|IsLocked|is locked|locked collection/iu.test(message)) return 'locked';
  if (/no result found|Object does not exist/iu.test(message)) return 'no_default_keyring';
  if (
    /DBus error|zbus error|D-Bus|autolaunch|org\.freedesktop\.secrets|ServiceUnknown|Failed to connect|No such file or directory/iu.test(
      message,
    )
  ) {
    return 'no_secret_service';
  }
  return 'failure';
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A `keychain_unavailable` Result for a thrown keychain error. */
export function keychainErr(error: unknown): Result<never> {
  const detail = errorText(error);
  return err('keychain_unavailable', keychainUnavailableMessage(classifyKeychainError(detail), detail));
}

/** The status for a thrown keychain error. */
export function unavailableStatus(store: KeychainStatus['store'], error: unknown): KeychainStatus {
  const detail = errorText(error);
  const reason = classifyKeychainError(detail);
  return { store, available: false, reason, message: keychainUnavailableMessage(reason, detail) };
}
