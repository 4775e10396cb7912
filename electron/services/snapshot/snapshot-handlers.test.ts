import { describe, expect, it } from 'vitest';
import { createSnapshotHandlers } from './snapshot-handlers';
import type { SnapshotService } from './snapshot-service';

/** The contract handlers return Results and never throw across a transport (DESIGN.md §4). */
describe('snapshot handlers', () => {
  const snapshot = { takenAt: 1, demo: false, accounts: [], balances: [], positions: [], markets: [], statuses: [] };
  const service = (fail: boolean) =>
    ({
      settledSnapshot: () => Promise.resolve(null),
      refresh: () => (fail ? Promise.reject(new Error('disk full')) : Promise.resolve(snapshot)),
      startDemo: () => Promise.resolve({ ...snapshot, demo: true }),
      stopDemo: () => Promise.resolve(snapshot),
    }) as unknown as SnapshotService;

  it('wraps results', async () => {
    const handlers = createSnapshotHandlers({ snapshot: service(false) });
    expect(await handlers.getSnapshot({})).toEqual({ ok: true, value: null });
    expect(await handlers.refresh({})).toEqual({ ok: true, value: snapshot });
    expect(await handlers.startDemo({})).toEqual({ ok: true, value: { ...snapshot, demo: true } });
    expect(await handlers.stopDemo({})).toEqual({ ok: true, value: snapshot });
  });

  it('turns an unexpected failure into an internal error with a message', async () => {
    const handlers = createSnapshotHandlers({ snapshot: service(true) });
    expect(await handlers.refresh({ accountIds: ['a'] })).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: 'The refresh could not complete (disk full). Please try again; if it persists, report it.',
      },
    });
  });
});
