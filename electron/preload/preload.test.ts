import { beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../shared/ipc/contract';

/** The preload runs only inside Electron; here `electron` is replaced by a recorder of what the preload exposes. */
const exposed: Record<string, unknown> = {};
const invoke = vi.fn((channel: string, args: unknown) => Promise.resolve({ channel, args }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: { invoke, on: vi.fn(), removeListener: vi.fn() },
}));

beforeEach(async () => {
  await import('./index');
});

describe('preload (security.md §3.5)', () => {
  it('exposes window.api only, with exactly one function per contract method plus on', () => {
    expect(Object.keys(exposed)).toEqual(['api']);
    const api = exposed['api'] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'on'].sort());
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('each function invokes its own channel; there is no generic invoke', async () => {
    const api = exposed['api'] as Record<string, (args: unknown) => Promise<unknown>>;
    await api['getAppInfo']?.({});
    expect(invoke).toHaveBeenCalledWith('lg:getAppInfo', {});
    expect(api['invoke']).toBeUndefined();
    expect(api['send']).toBeUndefined();
  });
});
