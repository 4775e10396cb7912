import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/ipc/contract';
import { ok } from '../../shared/result';
import { invokeHandler } from './invoke';

const settingsResult = { settings: {} as never, notice: null };
/** Only the methods these tests call; the rest of the contract is irrelevant here. */
const fakeHandlers = (overrides: Partial<Handlers>): Handlers =>
  ({
    getAppInfo: () => Promise.resolve(ok({ name: 'x', version: '1', shell: 'browser', platform: 'linux' })),
    getSettings: () => Promise.resolve(ok(settingsResult)),
    ...overrides,
  }) as Handlers;

describe('invokeHandler', () => {
  it('refuses an unknown method without calling anything', async () => {
    expect(await invokeHandler(fakeHandlers({}), 'placeOrder', {})).toEqual({
      kind: 'unknown_method',
      message: 'No such method: placeOrder',
    });
  });

  it('refuses an inherited property name (no prototype lookup)', async () => {
    expect((await invokeHandler(fakeHandlers({}), 'toString', {})).kind).toBe('unknown_method');
    expect((await invokeHandler(fakeHandlers({}), '__proto__', {})).kind).toBe('unknown_method');
  });

  it('refuses extra arguments (strict schemas) and names the field', async () => {
    const outcome = await invokeHandler(fakeHandlers({}), 'getAppInfo', { sneaky: 1 });
    expect(outcome.kind).toBe('invalid_args');
    expect(outcome.kind === 'invalid_args' && !outcome.result.ok && outcome.result.error.code).toBe('invalid_input');
  });

  it('turns a throwing handler into an internal error and logs it', async () => {
    const logged: string[] = [];
    const outcome = await invokeHandler(
      fakeHandlers({ getAppInfo: () => Promise.reject(new Error('boom')) }),
      'getAppInfo',
      {},
      (message) => logged.push(message),
    );
    expect(outcome).toMatchObject({ kind: 'done', result: { ok: false, error: { code: 'internal' } } });
    expect(logged).toEqual(['handler getAppInfo threw: boom']);
  });

  it('treats missing arguments as {}', async () => {
    expect((await invokeHandler(fakeHandlers({}), 'getAppInfo', undefined)).kind).toBe('done');
  });
});
