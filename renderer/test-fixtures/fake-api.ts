import { defaultSettings } from '../../shared/domain/settings';
import type { Api } from '../../shared/ipc/contract';
import { err, ok } from '../../shared/result';

/**
 * A fake of the services for component tests: what the shell asks for at start answers like a fresh install (no
 * accounts, no snapshot, default settings); any other method answers `internal` naming itself, so a test that
 * forgets to fake something fails with a clear message instead of an unhandled rejection.
 */
export function fakeApi(overrides: Partial<Record<keyof Api, unknown>> = {}): Api {
  const defaults: Partial<Record<keyof Api, unknown>> = {
    getAppInfo: () =>
      Promise.resolve(ok({ name: 'Liquidation Guard', version: '1.2.3', shell: 'electron', platform: 'darwin' })),
    getSettings: () => Promise.resolve(ok({ settings: defaultSettings(), notice: null })),
    listAccounts: () => Promise.resolve(ok({ accounts: [] })),
    getKeychainStatus: () => Promise.resolve(ok({ store: 'os', available: true, reason: null, message: null })),
    getSnapshot: () => Promise.resolve(ok(null)),
    on: () => () => undefined,
  };
  const answers = { ...defaults, ...overrides };
  return new Proxy(answers, {
    get: (target, name: string) =>
      target[name as keyof Api] ?? (() => Promise.resolve(err('internal', `${name} is not faked in this test`))),
  }) as unknown as Api;
}
