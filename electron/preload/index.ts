import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { METHOD_NAMES } from '../../shared/ipc/contract';

/**
 * Exposes exactly one named function per contract method plus `on` for push events; never a generic invoke, never
 * ipcRenderer itself. Arguments are validated again in the main process.
 */
const api: Record<string, unknown> = {};
for (const name of METHOD_NAMES) {
  api[name] = (args: unknown) => ipcRenderer.invoke(`lg:${name}`, args ?? {});
}
api['on'] = (event: string, listener: (payload: unknown) => void) => {
  const relay = (_: IpcRendererEvent, message: { event: string; payload: unknown }) => {
    if (message.event === event) listener(message.payload);
  };
  ipcRenderer.on('lg:event', relay);
  return () => ipcRenderer.removeListener('lg:event', relay);
};

contextBridge.exposeInMainWorld('api', Object.freeze(api));
