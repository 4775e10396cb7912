import type { Simulator } from './simulator';

/**
 * Transport (D): the simulator's router called in-process, answering with a WHATWG `Response`, for ccxt's
 * `fetchImplementation` (exchanges-offline.md §8.2). No socket, no port. The timeout fault never resolves until
 * ccxt's own timer aborts the request, exactly like a silent server.
 * Each request is answered on a later turn of the event loop, as a socket's reply would be: otherwise a whole read
 * (dozens of requests, each answered at once) runs as one chain of promise callbacks, and nothing else in the
 * process — e.g. the browser shell serving the page while the demo opens — gets a turn until it ends.
 */
export interface InProcessInit {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | undefined;
  readonly signal?: AbortSignal;
}

export function inProcessFetch(sim: Simulator): (url: string, init?: InProcessInit) => Promise<Response> {
  return (url, init = {}) => nextTurn().then(() => answer(sim, url, init));
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function answer(sim: Simulator, url: string, init: InProcessInit): Promise<Response> {
  const response = sim.handle({ method: init.method ?? 'GET', url, headers: init.headers ?? {}, body: init.body });
  if (response.hang) {
    return new Promise<Response>((_resolve, reject) => {
      const abort = () => {
        reject(new DOMException('The operation was aborted.', 'AbortError'));
      };
      if (init.signal?.aborted) abort();
      else init.signal?.addEventListener('abort', abort, { once: true });
    });
  }
  return Promise.resolve(new Response(response.body, { status: response.status, headers: response.headers }));
}
