import { ok } from '../../../shared/result';
import type { SecretStore } from './secret-store';

/**
 * Secrets in a Map, gone when the process ends. Used for unit tests, the demo, and session-only accounts (when the
 * OS keychain is unavailable and the trader chose to keep a secret until quit). Never persists anything.
 */
export function createMemorySecretStore(): SecretStore {
  const entries = new Map<string, string>();
  return {
    kind: 'memory',
    status: () => Promise.resolve({ store: 'memory', available: true, reason: null, message: null }),
    set: (id, secret) => {
      entries.set(id, secret);
      return Promise.resolve(ok(undefined));
    },
    get: (id) => Promise.resolve(ok(entries.get(id) ?? null)),
    delete: (id) => Promise.resolve(ok(entries.delete(id))),
    list: () => Promise.resolve(ok([...entries.keys()])),
  };
}
