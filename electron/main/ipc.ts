import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import { METHOD_NAMES, type Handlers } from '../../shared/ipc/contract';
import { err } from '../../shared/result';
import type { EventBus } from '../services/event-bus';
import { invokeHandler } from '../services/invoke';
import { isTrustedSender } from './trusted-sender';

/** Channel names: one per contract method, plus one for push events. */
export const methodChannel = (name: string): string => `lg:${name}`;
export const EVENT_CHANNEL = 'lg:event';

/**
 * Binds every contract method to ipcMain. A call is served only when it comes from the app's own main frame at the
 * app's own origin (security.md §3.3): not a subframe, not a navigated-away page, not another window.
 */
export function bindIpc(handlers: Handlers, events: EventBus, getWindow: () => BrowserWindow | null): () => void {
  const senderOf = (frame: WebFrameMain | null) =>
    frame === null ? null : { url: frame.url, isMainFrameOfAppWindow: frame === getWindow()?.webContents.mainFrame };
  for (const name of METHOD_NAMES) {
    ipcMain.handle(methodChannel(name), async (event, args: unknown) => {
      if (!isTrustedSender(senderOf(event.senderFrame)))
        return err('internal', 'Refused: the request did not come from the app.');
      const outcome = await invokeHandler(handlers, name, args, (message) => console.error(message));
      return outcome.kind === 'unknown_method' ? err('not_found', outcome.message) : outcome.result;
    });
  }
  const unsubscribe = events.subscribe((event, payload) => {
    getWindow()?.webContents.send(EVENT_CHANNEL, { event, payload });
  });
  return () => {
    unsubscribe();
    for (const name of METHOD_NAMES) ipcMain.removeHandler(methodChannel(name));
  };
}
