import type { Handlers } from '../../shared/ipc/contract';
import { createAppHandlers, type AppContext } from './app/app-handlers';

/**
 * The one implementation of the contract (DESIGN.md §4), used by both transports. Each area contributes its own
 * handlers; the `Handlers` type makes a missing or mistyped method a compile error. Transports parse arguments with
 * the contract's schemas before calling in (see `invokeHandler`), and handlers return a `Result`, never throw.
 */
export type ServicesContext = AppContext;

export function createHandlers(context: ServicesContext): Handlers {
  return {
    ...createAppHandlers(context),
  };
}
