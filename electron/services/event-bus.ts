import type { EventName, EventPayload } from '../../shared/ipc/contract';

export type EventListener = (event: string, payload: unknown) => void;

/** Push events from the services to whichever transport is attached (Electron IPC or the browser shell's stream). */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit: (event, payload) => {
      for (const listener of listeners) listener(event, payload);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
