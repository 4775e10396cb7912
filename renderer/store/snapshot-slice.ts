import type { StateCreator } from 'zustand';
import type { RefreshProgress, Snapshot } from '../../shared/domain/snapshot';
import type { AppError } from '../../shared/result';
import type { AppState } from './index';

export const SNAPSHOT_RECEIVED_MARK = 'lg:snapshot-received';

export interface SnapshotSlice {
  /** The last snapshot the services sent; kept on screen through failed refreshes (its statuses say what is stale). */
  readonly snapshot: Snapshot | null;
  readonly snapshotError: AppError | null;
  readonly refreshing: boolean;
  /** The latest progress event of the refresh under way, or null. */
  readonly refreshProgress: RefreshProgress | null;
  readonly startingDemo: boolean;
  readonly loadSnapshot: () => Promise<void>;
  readonly refresh: () => Promise<void>;
  readonly startDemo: () => Promise<void>;
  readonly stopDemo: () => Promise<void>;
  /** Subscribes to the services' push events; returns the unsubscribe function. */
  readonly listen: () => () => void;
}

export const createSnapshotSlice =
  (api: AppState['api']): StateCreator<AppState, [], [], SnapshotSlice> =>
  (set, get) => {
    /**
     * The services both answer a read and push `snapshotChanged` when it completes: the same snapshot (same
     * `takenAt`) arriving a second time is not rendered again (a whole report and dashboard render for nothing, e.g.
     * while the demo opens).
     */
    const isShown = (snapshot: Snapshot | null) => {
      const shown = get();
      return snapshot !== null && shown.snapshotError === null && shown.snapshot?.takenAt === snapshot.takenAt;
    };
    const acceptSnapshot = (result: Awaited<ReturnType<AppState['api']['refresh']>>) => {
      if (result.ok && isShown(result.value)) return;
      // Start of the re-render the UI benchmark measures (ends when the dashboard has committed the new rows).
      performance.mark(SNAPSHOT_RECEIVED_MARK);
      // A failed call never clears what is shown: the error is reported beside the old data.
      set(result.ok ? { snapshot: result.value, snapshotError: null } : { snapshotError: result.error });
    };
    return {
      snapshot: null,
      snapshotError: null,
      refreshing: false,
      refreshProgress: null,
      startingDemo: false,
      loadSnapshot: async () => {
        const result = await api.getSnapshot({});
        if (result.ok && isShown(result.value)) return;
        if (result.ok) set({ snapshot: result.value ?? get().snapshot, snapshotError: null });
        else set({ snapshotError: result.error });
      },
      refresh: async () => {
        if (get().refreshing) return;
        set({ refreshing: true, refreshProgress: null });
        acceptSnapshot(await api.refresh({}));
        set({ refreshing: false, refreshProgress: null });
      },
      startDemo: async () => {
        if (get().startingDemo) return;
        set({ startingDemo: true, view: 'dashboard' });
        acceptSnapshot(await api.startDemo({}));
        set({ startingDemo: false });
      },
      stopDemo: async () => {
        acceptSnapshot(await api.stopDemo({}));
      },
      listen: () => {
        const offSnapshot = api.on('snapshotChanged', (snapshot) => {
          if (isShown(snapshot)) return;
          performance.mark(SNAPSHOT_RECEIVED_MARK);
          set({ snapshot, snapshotError: null });
        });
        const offProgress = api.on('refreshProgress', (progress) =>
          set({ refreshProgress: progress.phase === 'done' ? null : progress }),
        );
        return () => {
          offSnapshot();
          offProgress();
        };
      },
    };
  };
