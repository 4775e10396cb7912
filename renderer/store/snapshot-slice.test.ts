import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../shared/domain/snapshot';
import { ok } from '../../shared/result';
import { fakeApi } from '../test-fixtures/fake-api';
import { FIXTURE_NOW, fixtureSnapshot } from '../test-fixtures/snapshot';
import { createAppStore } from './index';

/** A store whose services answer getSnapshot/refresh with `answer` and whose pushed events the test sends. */
function storeWithPush(answer: Snapshot) {
  let push: (snapshot: Snapshot) => void = () => undefined;
  const store = createAppStore(
    fakeApi({
      getSnapshot: () => Promise.resolve(ok(answer)),
      refresh: () => Promise.resolve(ok(answer)),
      on: (event: string, listener: (payload: unknown) => void) => {
        if (event === 'snapshotChanged') push = listener;
        return () => undefined;
      },
    }),
  );
  store.getState().listen();
  return { store, push: (snapshot: Snapshot) => push(snapshot) };
}

describe('snapshot slice: a snapshot both answered and pushed is taken once', () => {
  it.each([
    ['read, then the same snapshot pushed', 'load'],
    ['refresh, then the same snapshot pushed', 'refresh'],
  ] as const)('%s: the shown snapshot is not replaced by its copy', async (_name, call) => {
    const answered = fixtureSnapshot();
    const { store, push } = storeWithPush(answered);
    await (call === 'load' ? store.getState().loadSnapshot() : store.getState().refresh());
    expect(store.getState().snapshot).toBe(answered);
    // The push arrives as a separate copy (parsed from the event stream), same takenAt.
    push(structuredClone(answered));
    expect(store.getState().snapshot).toBe(answered);
  });

  it('pushed first, then the same snapshot answered: the pushed one stays', async () => {
    const answered = fixtureSnapshot();
    const { store, push } = storeWithPush(answered);
    const pushed = structuredClone(answered);
    push(pushed);
    await store.getState().loadSnapshot();
    expect(store.getState().snapshot).toBe(pushed);
  });

  it('a newer snapshot (later takenAt) replaces the shown one', async () => {
    const { store, push } = storeWithPush(fixtureSnapshot());
    await store.getState().loadSnapshot();
    const newer = fixtureSnapshot({ takenAt: FIXTURE_NOW + 30_000 });
    push(newer);
    expect(store.getState().snapshot).toBe(newer);
  });

  it('after a failed refresh, the same snapshot pushed again is taken (it clears the error)', async () => {
    const answered = fixtureSnapshot();
    const { store, push } = storeWithPush(answered);
    await store.getState().loadSnapshot();
    store.setState({ snapshotError: { code: 'network', message: 'offline' } });
    push(structuredClone(answered));
    expect(store.getState().snapshotError).toBeNull();
  });
});
