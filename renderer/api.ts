import { METHOD_NAMES, type Api, type EventName, type MethodName } from '../shared/ipc/contract';
import { err, type Result } from '../shared/result';

/**
 * The only file that talks to the services. In Electron the preload provides `window.api`; in the browser shell the
 * same contract is served at `POST /api/<method>` with the per-launch token, which arrives in the URL fragment once
 * and is then kept in this tab's sessionStorage (never in a cookie, never in a request URL).
 */
declare global {
  interface Window {
    readonly api?: Api;
  }
}

const TOKEN_KEY = 'liquidation-guard.token';

export function connectApi(): Api {
  return window.api ?? createHttpApi(takeToken());
}

function takeToken(): string | null {
  const match = /^#t=([A-Za-z0-9_-]+)$/.exec(window.location.hash);
  if (match?.[1] !== undefined) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

const NO_SESSION =
  'This page has no valid session. Open the address that `npm start` printed (it carries a one-time token).';

export function createHttpApi(token: string | null, baseUrl = ''): Api {
  const call = async (method: MethodName, args: unknown): Promise<Result<unknown>> => {
    if (token === null) return err('auth', NO_SESSION);
    let response: Response;
    try {
      response = await fetch(`${baseUrl}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(args ?? {}),
      });
    } catch {
      return err('network', 'Liquidation Guard’s background service is not answering. Is `npm start` still running?');
    }
    if (response.status === 401) return err('auth', NO_SESSION);
    if (response.status === 200 || response.status === 400) return (await response.json()) as Result<unknown>;
    return err('internal', `The background service refused the request (HTTP ${response.status}).`);
  };

  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let streaming = false;
  const startEventStream = () => {
    if (streaming || token === null) return;
    streaming = true;
    void readEventStream(`${baseUrl}/api/events`, token, (event, payload) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    }).finally(() => {
      streaming = false;
      // Reconnect after a pause when the stream ends (service restarted, laptop slept).
      setTimeout(startEventStream, 2_000);
    });
  };

  const api: Record<string, unknown> = {};
  for (const method of METHOD_NAMES) api[method] = (args: unknown) => call(method, args);
  api['on'] = (event: EventName, listener: (payload: unknown) => void) => {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    startEventStream();
    return () => set.delete(listener);
  };
  return api as Api;
}

/** Server-sent events read with fetch, so the token travels in a header (EventSource cannot send one). */
async function readEventStream(
  url: string,
  token: string,
  deliver: (event: string, payload: unknown) => void,
): Promise<void> {
  try {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok || response.body === null) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let boundary = buffer.indexOf('\n\n');
      while (boundary !== -1) {
        const frame = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        const event = /^event: (.+)$/m.exec(frame)?.[1];
        const data = /^data: (.+)$/m.exec(frame)?.[1];
        if (event !== undefined && data !== undefined) deliver(event, JSON.parse(data));
        boundary = buffer.indexOf('\n\n');
      }
    }
  } catch {
    // The caller reconnects.
  }
}
