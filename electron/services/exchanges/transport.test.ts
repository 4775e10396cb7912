import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Simulator } from '../../simulator/simulator';
import { inProcessFetch } from '../../simulator/in-process';
import {
  ALL_VENUE_HOSTS,
  BlockedHostError,
  guardedTransport,
  loopbackTransport,
  MAX_DECODED_BODY_BYTES,
  nodeFetch,
  productionTransport,
} from './transport';

/** Every transport refuses hosts outside its allow-list before any byte leaves (exchanges-offline.md §8). */
describe('transports refuse hosts outside their allow-list', () => {
  const sim = new Simulator({ scenario: 'calm' });
  it.each([
    ['production', productionTransport()],
    ['loopback', loopbackTransport('http://127.0.0.1:9', sim.hosts)],
    ['in-process', guardedTransport(inProcessFetch(sim), sim.hosts)],
  ])('%s', async (_name, transport) => {
    for (const url of [
      'https://evil.example.com/fapi/v1/time',
      'https://fapi.binance.com.evil.io/x',
      'http://fapi.binance.com/fapi/v1/time',
    ]) {
      await expect(transport(url)).rejects.toBeInstanceOf(BlockedHostError);
    }
  });

  it('production allows exactly the four venues hosts', () => {
    expect([...ALL_VENUE_HOSTS].sort()).toEqual([
      'api.binance.com',
      'api.bybit.com',
      'api.hyperliquid.xyz',
      'dapi.binance.com',
      'fapi.binance.com',
      'www.okx.com',
    ]);
    expect([...sim.hosts].sort()).toEqual([...ALL_VENUE_HOSTS].sort());
  });
});

/** nodeFetch keeps the fetch contract ccxt relies on (ccxt's Exchange.fetch error mapping, exchanges-offline.md §1). */
describe('nodeFetch', () => {
  const body = JSON.stringify({ ok: true, text: 'défaut' });
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const encoding = req.url?.slice(1) ?? '';
      if (encoding === 'redirect') {
        res.writeHead(302, { location: 'https://evil.example.com/' }).end();
        return;
      }
      if (encoding === 'hang') return;
      if (encoding === 'bomb') {
        // One byte past the cap, compressed to about 65 kB.
        res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(MAX_DECODED_BODY_BYTES + 1)));
        return;
      }
      const bytes = Buffer.from(body, 'utf8');
      const encoded: Record<string, Buffer> = {
        gzip: gzipSync(bytes),
        br: brotliCompressSync(bytes),
        deflate: deflateSync(bytes),
        'deflate-raw': deflateRawSync(bytes),
        identity: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]),
      };
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': encoding === 'deflate-raw' ? 'deflate' : encoding,
        'retry-after': '7',
      });
      res.end(encoded[encoding]);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it.each(['gzip', 'br', 'deflate', 'deflate-raw', 'identity'])('decodes a %s body (and drops a BOM)', async (enc) => {
    const response = await nodeFetch(`${base}/${enc}`);
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.text()).toBe(body);
    await expect(response.text()).rejects.toBeInstanceOf(TypeError);
  });

  it('refuses a body that inflates past MAX_DECODED_BODY_BYTES with a TypeError (ccxt: NetworkError)', async () => {
    await expect(nodeFetch(`${base}/bomb`)).rejects.toBeInstanceOf(TypeError);
  });

  it('refuses a redirect with a TypeError (ccxt: NetworkError)', async () => {
    await expect(nodeFetch(`${base}/redirect`)).rejects.toBeInstanceOf(TypeError);
  });

  it('reports a refused connection as a TypeError (ccxt: NetworkError)', async () => {
    await expect(nodeFetch('http://127.0.0.1:9/')).rejects.toBeInstanceOf(TypeError);
  });

  it('rejects with an AbortError when the signal aborts (ccxt: RequestTimeout)', async () => {
    const controller = new AbortController();
    const pending = nodeFetch(`${base}/hang`, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
