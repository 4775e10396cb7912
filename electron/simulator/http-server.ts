import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Simulator } from './simulator';

/**
 * The simulator on loopback HTTP for tests (transport C): `http://127.0.0.1:PORT/<original host>/<path>?<query>`.
 * Binds 127.0.0.1 only, on a random port. Never redirects. The timeout fault holds the socket open until the
 * client gives up; `close()` destroys such sockets.
 */
export interface RunningSimulatorServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startSimulatorServer(sim: Simulator): Promise<RunningSimulatorServer> {
  const hanging = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = (req.url ?? '/').slice(1);
      const slash = target.indexOf('/');
      const host = slash < 0 ? target : target.slice(0, slash);
      const rest = slash < 0 ? '/' : target.slice(slash);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers[name] = value;
      }
      const response = sim.handle({
        method: req.method ?? 'GET',
        url: `https://${host}${rest}`,
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : undefined,
      });
      if (response.hang) {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      res.writeHead(response.status, response.headers);
      res.end(response.body);
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
