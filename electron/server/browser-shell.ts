import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readdir, readFile, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Handlers } from '../../shared/ipc/contract';
import { invokeHandler } from '../services/invoke';
import { SECURITY_HEADERS } from './security-headers';

/**
 * The browser shell's transport (DESIGN.md §5, security.md §4): the same handlers as Electron's IPC, served over
 * loopback HTTP. `POST /api/<method>` with JSON arguments and `Authorization: Bearer <token>`; push events on
 * `GET /api/events` as server-sent events (read with fetch, so the token travels in a header there too).
 * Static renderer files need no token: they hold no data. They are read once, at start (`loadStaticFiles`).
 */
export interface BrowserShellOptions {
  readonly handlers: Handlers;
  /** The built renderer (index.html + assets). */
  readonly staticDir: string;
  /** Push events from the services; returns an unsubscribe function. */
  readonly subscribe?: (listener: (event: string, payload: unknown) => void) => () => void;
  readonly log?: (message: string) => void;
  /** For tests; a fresh 256-bit token otherwise. */
  readonly token?: string;
}

export interface BrowserShell {
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** The address that opens the app with its token (in the fragment, so it never reaches a request or a log). */
  readonly appUrl: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const log = options.log ?? (() => undefined);
  const staticFiles = await loadStaticFiles(await realpath(options.staticDir));
  const eventStreams = new Set<ServerResponse>();
  let port = 0;

  const server: Server = createServer((request, response) => {
    // A refused request's body is drained so the kept-alive connection stays usable for the next call.
    response.on('finish', () => {
      if (!request.complete) request.resume();
    });
    handle(request, response).catch((error: unknown) => {
      log(`browser shell: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) send(response, 500, { error: 'internal error' });
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    // DNS rebinding: a foreign name that resolves to us is refused before anything else.
    if (!allowedHosts.includes(request.headers.host ?? '')) {
      send(response, 421, { error: 'misdirected request' });
      return;
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedHosts.some((host) => origin === `http://${host}`)) {
      send(response, 403, { error: 'foreign origin' });
      return;
    }
    const fetchSite = request.headers['sec-fetch-site'];
    if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none') {
      send(response, 403, { error: 'cross-site request' });
      return;
    }
    const url = new URL(request.url ?? '/', `http://${allowedHosts[0] ?? ''}`);
    if (!url.pathname.startsWith('/api/')) {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        send(response, 405, { error: 'method not allowed' });
        return;
      }
      serveStatic(url.pathname, response);
      return;
    }
    if (!hasValidToken(request)) {
      send(response, 401, { error: 'missing or wrong token' });
      return;
    }
    if (url.pathname === '/api/events') {
      if (request.method !== 'GET') {
        send(response, 405, { error: 'method not allowed' });
        return;
      }
      openEventStream(response);
      return;
    }
    if (request.method !== 'POST') {
      send(response, 405, { error: 'method not allowed' });
      return;
    }
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (contentType !== 'application/json') {
      send(response, 415, { error: 'the body must be application/json' });
      return;
    }
    const body = await readBody(request);
    if (body === null) {
      send(response, 413, { error: 'request body too large' });
      return;
    }
    let args: unknown;
    try {
      args = body.length === 0 ? {} : JSON.parse(body);
    } catch {
      send(response, 400, { error: 'the body is not valid JSON' });
      return;
    }
    const method = decodePath(url.pathname.slice('/api/'.length));
    if (method === null) {
      send(response, 404, { error: 'unknown method' });
      return;
    }
    const outcome = await invokeHandler(options.handlers, method, args, log);
    switch (outcome.kind) {
      case 'unknown_method': {
        send(response, 404, { error: outcome.message });
        return;
      }
      case 'invalid_args': {
        send(response, 400, outcome.result);
        return;
      }
      case 'done': {
        send(response, 200, outcome.result);
        return;
      }
    }
  }

  function hasValidToken(request: IncomingMessage): boolean {
    const header = request.headers.authorization ?? '';
    const presented = Buffer.from(header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '');
    return presented.length === tokenBytes.length && timingSafeEqual(presented, tokenBytes);
  }

  function serveStatic(pathname: string, response: ServerResponse): void {
    const decoded = pathname === '/' ? '/index.html' : decodePath(pathname);
    const file = decoded === null ? undefined : staticFiles.get(decoded);
    if (file === undefined) {
      send(response, 404, { error: 'not found' });
      return;
    }
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': file.contentType,
      'Content-Length': file.content.length,
    });
    response.end(file.content);
  }

  function openEventStream(response: ServerResponse): void {
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    response.write(': connected\n\n');
    eventStreams.add(response);
    response.on('close', () => eventStreams.delete(response));
  }

  const unsubscribe = options.subscribe?.((event, payload) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of eventStreams) stream.write(frame);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    port,
    token,
    appUrl: `${origin}/#t=${token}`,
    close: async () => {
      unsubscribe?.();
      for (const stream of eventStreams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface StaticFile {
  readonly content: Buffer;
  readonly contentType: string;
}

/**
 * The built renderer, read into memory before the server listens (a few MB): a page request is then answered in one
 * turn of the event loop, without file-system round trips that would each wait behind the demo's first read (ccxt
 * import, market parsing) on this same loop. Keyed by URL path (`/assets/index-….js`); only these files are served,
 * so no request path ever reaches the file system.
 */
async function loadStaticFiles(root: string): Promise<ReadonlyMap<string, StaticFile>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry): Promise<[string, StaticFile]> => {
        const filePath = path.join(entry.parentPath, entry.name);
        const urlPath = `/${path.relative(root, filePath).split(path.sep).join('/')}`;
        const contentType = CONTENT_TYPES[path.extname(filePath)] ?? 'application/octet-stream';
        return [urlPath, { content: await readFile(filePath), contentType }];
      }),
  );
  return new Map(files);
}

/** A URL path percent-decoded, or null when its encoding is malformed (`/%E0%A4%A`): answered 404, never 500. */
function decodePath(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Reads the body; past the limit it stops keeping chunks but drains the rest, so the 413 reaches the client. */
function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 8 * MAX_BODY_BYTES) request.destroy();
      else if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
