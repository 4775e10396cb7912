import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import type { KeychainStatus } from '../../../shared/domain/keychain';
import { ok } from '../../../shared/result';
import { keychainErr, unavailableStatus, type SecretStore } from './secret-store';

/** The keychain "service" under which every account secret is filed; the account id is the entry's user name. */
export const KEYCHAIN_SERVICE = 'io.liquidation-guard.exchange-keys';
/** An entry name no account id can take (ids are UUIDs), written and removed by `status()` to probe the store. */
const PROBE_ID = '~probe';

/**
 * Pins Linux to the Secret Service: the library's default silently falls back to the kernel keyring, which does not
 * survive a reboot (security.md §1.4). Ignored on macOS and Windows.
 */
const ENTRY_OPTIONS = { linux: { store: 'secret-service' } } as const;

export interface OsSecretStoreOptions {
  /** Tests use their own service name so they never touch the app's entries. */
  readonly service?: string;
}

/**
 * The platform keychain through @napi-rs/keyring's AsyncEntry (never the sync Entry, which blocks the main thread on
 * D-Bus and unlock prompts, and never its keytar shim, which cannot pin the store). Every failure of the platform
 * store becomes `keychain_unavailable`, classified as no Secret Service, locked, no default keyring, or other.
 */
export function createOsSecretStore(options: OsSecretStoreOptions = {}): SecretStore {
  const service = options.service ?? KEYCHAIN_SERVICE;
  // The constructor itself throws when the pinned store is unreachable (no session bus).
  const entry = (id: string) => new AsyncEntry(service, id, ENTRY_OPTIONS);
  // One operation at a time: the Secret Service answers "No such interface … Secret.Item" when one call lists or
  // reads items while another deletes one (e.g. the status probe), which would look like a missing keychain.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(operation: () => Promise<T>): Promise<T> => {
    const run = queue.then(operation, operation);
    queue = run.catch(() => undefined);
    return run;
  };
  const store: SecretStore = {
    kind: 'os',
    async status(): Promise<KeychainStatus> {
      // A read is not enough: looking up a missing entry succeeds on a locked keyring (only secrets are locked) and
      // without a default collection. Writing a throwaway value fails exactly as storing a real secret would (and on
      // a desktop, lets the Secret Service ask the trader to unlock).
      try {
        const probe = entry(PROBE_ID);
        await probe.setPassword('probe');
        await probe.deleteCredential();
        return { store: 'os', available: true, reason: null, message: null };
      } catch (error) {
        return unavailableStatus('os', error);
      }
    },
    async set(id, secret) {
      try {
        await entry(id).setPassword(secret);
        return ok(undefined);
      } catch (error) {
        return keychainErr(error);
      }
    },
    async get(id) {
      try {
        return ok(await entry(id).getPassword());
      } catch (error) {
        return keychainErr(error);
      }
    },
    async delete(id) {
      try {
        return ok(await entry(id).deleteCredential());
      } catch (error) {
        return keychainErr(error);
      }
    },
    async list() {
      try {
        // findCredentials never falls back to the kernel keyring; it rejects when the Secret Service is unreachable.
        const credentials = await findCredentialsAsync(service);
        return ok(credentials.map((credential) => credential.account).filter((id) => id !== PROBE_ID));
      } catch (error) {
        return keychainErr(error);
      }
    },
  };
  return {
    kind: store.kind,
    status: () => serial(() => store.status()),
    set: (id, secret) => serial(() => store.set(id, secret)),
    get: (id) => serial(() => store.get(id)),
    delete: (id) => serial(() => store.delete(id)),
    list: () => serial(() => store.list()),
  };
}
