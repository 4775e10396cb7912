import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from './memory-secret-store';
import { classifyKeychainError, keychainErr } from './secret-store';

describe('classifyKeychainError', () => {
  // Source of each message: security.md §1.2 table ([ran] rows) and os-secret-store.integration.test.ts runs.
  it.each([
    [
      'Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead',
      'no_secret_service',
    ],
    [
      'Platform failure: DBus error: The name org.freedesktop.secrets was not provided by any .service files',
      'no_secret_service',
    ],
    ['zbus error: Failed to connect to address unix:path=/run/user/0/bus', 'no_secret_service'],
    ["Couldn't access platform storage: Secret Service: unlock prompt was dismissed", 'locked'],
    ['zbus error: org.freedesktop.Secret.Error.IsLocked: Cannot get secret of a locked object', 'locked'],
    ["Couldn't access platform storage: Secret Service: no result found", 'no_default_keyring'],
    ['Ambiguous: found 2 credentials', 'failure'],
  ] as const)('%s → %s', (message, reason) => {
    expect(classifyKeychainError(message)).toBe(reason);
  });

  it('turns a thrown error into keychain_unavailable with the reason in words', () => {
    expect(
      keychainErr(new Error("Couldn't access platform storage: Secret Service: unlock prompt was dismissed")),
    ).toEqual({
      ok: false,
      error: { code: 'keychain_unavailable', message: expect.stringMatching(/^The keyring is locked/u) as unknown },
    });
  });
});

describe('createMemorySecretStore', () => {
  it('stores, reads back, overwrites, lists and deletes', async () => {
    const store = createMemorySecretStore();
    expect(await store.status()).toEqual({ store: 'memory', available: true, reason: null, message: null });
    await store.set('a', 'one');
    await store.set('a', 'two');
    await store.set('b', 'three');
    expect(await store.get('a')).toEqual({ ok: true, value: 'two' });
    expect(await store.list()).toEqual({ ok: true, value: ['a', 'b'] });
    expect(await store.delete('a')).toEqual({ ok: true, value: true });
    expect(await store.delete('a')).toEqual({ ok: true, value: false });
    expect(await store.get('a')).toEqual({ ok: true, value: null });
  });
});
