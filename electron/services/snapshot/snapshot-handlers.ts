import type { Handlers } from '../../../shared/ipc/contract';
import { err, ok, type Result } from '../../../shared/result';
import type { SnapshotService } from './snapshot-service';

export interface SnapshotContext {
  readonly snapshot: SnapshotService;
}

/** getSnapshot, refresh, startDemo, stopDemo, listVenueMarkets, getMarket. Per-account failures live in the snapshot's statuses, not here. */
export function createSnapshotHandlers(
  context: SnapshotContext,
): Pick<Handlers, 'getSnapshot' | 'refresh' | 'startDemo' | 'stopDemo' | 'listVenueMarkets' | 'getMarket'> {
  const service = context.snapshot;
  return {
    getSnapshot: async () => ok(await service.settledSnapshot()),
    refresh: ({ accountIds }) => guard(() => service.refresh(accountIds)),
    startDemo: ({ scenario }) => guard(() => service.startDemo(scenario)),
    stopDemo: () => guard(() => service.stopDemo()),
    listVenueMarkets: async ({ venue }) => {
      const result = await service.listVenueMarkets(venue);
      return result.ok ? ok({ markets: [...result.value] }) : result;
    },
    getMarket: async ({ venue, symbol }) => {
      const result = await guard(() => service.getMarket(venue, symbol));
      return result.ok ? result.value : result;
    },
  };
}

async function guard<T>(run: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await run());
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return err(
      'internal',
      `The refresh could not complete (${detail.slice(0, 160)}). Please try again; if it persists, report it.`,
    );
  }
}
