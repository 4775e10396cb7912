import type { Handlers } from '../../shared/ipc/contract';
import { createAccountsHandlers, type AccountsContext } from './accounts/accounts-handlers';
import { createAppHandlers, type AppContext } from './app/app-handlers';
import { createExportHandlers, type ExportContext } from './export/export-handlers';
import { createSnapshotHandlers, type SnapshotContext } from './snapshot/snapshot-handlers';

/**
 * The one implementation of the contract (DESIGN.md §4), used by both transports. Each area contributes its own
 * handlers; the `Handlers` type makes a missing or mistyped method a compile error. Transports parse arguments with
 * the contract's schemas before calling in (see `invokeHandler`), and handlers return a `Result`, never throw.
 */
export type ServicesContext = AppContext & AccountsContext & SnapshotContext & ExportContext;

export function createHandlers(context: ServicesContext): Handlers {
  return {
    ...createAppHandlers(context),
    ...createAccountsHandlers(context),
    ...createSnapshotHandlers(context),
    ...createExportHandlers(context),
  };
}
