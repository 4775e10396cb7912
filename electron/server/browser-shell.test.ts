import fc from 'fast-check';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/ipc/contract';
import { createServices } from '../services/create-services';
import { startBrowserShell, type BrowserShell } from './browser-shell';

/** Raw HTTP so Host, Origin and bodies are exactly what a hostile client would send (fetch would fix them up). */
interface RequestOptions {
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

function send(
  shell: BrowserShell,
  options: RequestOptions,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        agent: false,
        port: shell.port,
        method: options.method ?? 'POST',
        path: options.path ?? '/api/getAppInfo',
        headers: { Host: `127.0.0.1:${shell.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body ?? '');
  });
}

let shell: BrowserShell;
let staticDirForLateFile = '';
let handlers: Handlers;
const json = (token: string) => ({ 'Content-Type': 'application/json', Authorization: `Bearer ${token}` });

beforeAll(async () => {
  const staticDir = await mkdtemp(path.join(os.tmpdir(), 'lg-static-'));
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  await mkdir(path.join(staticDir, 'assets'));
  await writeFile(path.join(staticDir, 'assets', 'index-abc.js'), 'export {};');
  staticDirForLateFile = staticDir;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'lg-data-'));
  handlers = createServices({ shell: 'browser', version: '9.9.9', dataDir }).handlers;
  shell = await startBrowserShell({ handlers, staticDir });
});
afterAll(async () => {
  await shell.close();
});

describe('browser shell transport (security.md §4)', () => {
  it('binds 127.0.0.1 on a random port and hands out a 256-bit token in the URL fragment', () => {
    expect(shell.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(shell.port).toBeGreaterThan(0);
    expect(Buffer.from(shell.token, 'base64url')).toHaveLength(32);
    expect(shell.appUrl).toBe(`${shell.origin}/#t=${shell.token}`);
  });

  it('answers a well-formed call with the handler result', async () => {
    const response = await send(shell, { headers: json(shell.token), body: '{}' });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      ok: true,
      value: { name: 'Liquidation Guard', version: '9.9.9', shell: 'browser', platform: process.platform },
    });
  });

  it.each([
    ['no token', 401, { headers: { 'Content-Type': 'application/json' } }],
    ['a wrong token', 401, { headers: { 'Content-Type': 'application/json', Authorization: 'Bearer nope' } }],
    ['a token in the wrong scheme', 401, { headers: { 'Content-Type': 'application/json', Authorization: 'Basic x' } }],
    ['text/plain', 415, { headers: { 'Content-Type': 'text/plain' } }],
    ['form encoding', 415, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }],
    ['a foreign Origin', 403, { headers: { Origin: 'http://localhost:3000' } }],
    ['a cross-site fetch', 403, { headers: { 'Sec-Fetch-Site': 'cross-site' } }],
    ['a GET on the API', 405, { method: 'GET' }],
    ['an OPTIONS preflight', 403, { method: 'OPTIONS', headers: { Origin: 'http://evil.example' } }],
    ['an unknown method', 404, { path: '/api/placeOrder' }],
    ['a malformed method name', 404, { path: '/api/%E0%A4%A' }],
    // Dot segments are resolved like a browser does: '/api/.' is '/api/' (no method), '/api/..' is the page '/'.
    ['an empty method name', 404, { path: '/api/.' }],
    ['a POST on the page', 405, { path: '/api/..' }],
    ['invalid JSON', 400, { body: '{not json' }],
  ] as const)('refuses %s with %i', async (_name, status, options: RequestOptions) => {
    const withToken = options.headers?.['Authorization'] === undefined && status !== 401;
    const headers = { ...(withToken ? json(shell.token) : {}), ...options.headers };
    const response = await send(shell, { body: options.method === 'OPTIONS' ? '' : '{}', ...options, headers });
    expect(response.status).toBe(status);
  });

  it('refuses a foreign Host (DNS rebinding) with 421, even with the right token', async () => {
    const response = await send(shell, {
      headers: { ...json(shell.token), Host: `evil.example:${shell.port}` },
      body: '{}',
    });
    expect(response.status).toBe(421);
  });

  it('accepts its own origin in both spellings', async () => {
    for (const origin of [`http://127.0.0.1:${shell.port}`, `http://localhost:${shell.port}`]) {
      const response = await send(shell, { headers: { ...json(shell.token), Origin: origin }, body: '{}' });
      expect(response.status).toBe(200);
    }
  });

  it('names the invalid field in a 400', async () => {
    const response = await send(shell, {
      path: '/api/updateSettings',
      headers: json(shell.token),
      body: JSON.stringify({ patch: { refreshIntervalSeconds: 1 } }),
    });
    expect(response.status).toBe(400);
    const result = JSON.parse(response.body) as { ok: false; error: { code: string; message: string } };
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toContain('patch.refreshIntervalSeconds');
  });

  it('refuses a body over 1 MB with 413', async () => {
    const response = await send(shell, { headers: json(shell.token), body: `{"x":"${'a'.repeat(1_100_000)}"}` });
    expect(response.status).toBe(413);
  });

  it('serves the renderer without a token but never a file outside it', async () => {
    expect((await send(shell, { method: 'GET', path: '/' })).status).toBe(200);
    expect((await send(shell, { method: 'GET', path: '/../../etc/passwd' })).status).toBe(404);
    expect((await send(shell, { method: 'GET', path: '/%2e%2e/%2e%2e/etc/passwd' })).status).toBe(404);
    // A malformed percent-encoding is a path that names no file, not a server error.
    expect((await send(shell, { method: 'GET', path: '/%E0%A4%A' })).status).toBe(404);
  });

  it('serves the files the renderer folder held at start, nested ones with their type, and only those', async () => {
    const script = await send(shell, { method: 'GET', path: '/assets/index-abc.js' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toBe('export {};');
    // Read once at start: a file written later is not served (the build replaces dist/ only between launches).
    await writeFile(path.join(staticDirForLateFile, 'late.html'), '<p>late</p>');
    expect((await send(shell, { method: 'GET', path: '/late.html' })).status).toBe(404);
    expect((await send(shell, { method: 'GET', path: '/assets' })).status).toBe(404);
  });

  it('sends the security headers and never a CORS header', async () => {
    for (const response of [
      await send(shell, { method: 'GET', path: '/' }),
      await send(shell, { headers: json(shell.token), body: '{}' }),
      await send(shell, { method: 'OPTIONS' }),
    ]) {
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(Object.keys(response.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('no input crashes it: random paths and bodies get an HTTP answer and the next call still works', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), fc.oneof(fc.string(), fc.json()), async (method, body) => {
        const response = await send(shell, {
          path: `/api/${encodeURIComponent(method)}`,
          headers: json(shell.token),
          body,
        });
        // '..' is a dot segment: the path resolves to the page '/', where a POST gets 405 (table above).
        expect(method === '..' ? [405] : [200, 400, 404]).toContain(response.status);
      }),
      { numRuns: 150 },
    );
    expect((await send(shell, { headers: json(shell.token), body: '{}' })).status).toBe(200);
  });

  it('a refused request leaves the kept-alive connection usable', async () => {
    const { Agent } = await import('node:http');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const statuses: number[] = [];
    for (const headers of [{ ...json(shell.token), 'Content-Type': 'text/plain' }, json(shell.token)]) {
      statuses.push(
        await new Promise<number>((resolve, reject) => {
          const req = request(
            { host: '127.0.0.1', port: shell.port, agent, method: 'POST', path: '/api/getAppInfo', headers },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            },
          );
          req.on('error', reject);
          req.end('{}');
        }),
      );
    }
    agent.destroy();
    expect(statuses).toEqual([415, 200]);
  });

  it('streams events only with the token', async () => {
    expect((await send(shell, { method: 'GET', path: '/api/events' })).status).toBe(401);
  });
});
