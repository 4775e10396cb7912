/**
 * Exchange-layer benchmark (issue 4), printed figures, not a timed test. Run by `npm run bench`, or alone with
 * `node --import tsx electron/scripts/bench-exchanges.ts`.
 *
 * - The simulator (scenario `many-positions`: one account per venue, 50 positions each over 60 markets) runs in its
 *   own process on 127.0.0.1, so the figures are the services' own.
 * - Cold start: a fresh process imports the five ccxt exchange classes by deep path and loads the four venues'
 *   markets from the simulator (empty markets cache). Warm start: the same with the markets cache on disk (no
 *   market request at all). Each measured in 5 fresh processes; medians.
 * - Refresh: the snapshot service reading the four accounts and all their markets' data. First refresh (every piece
 *   fetched), then the steady refresh with the app's refresh policy (account data, tickers, funding, open interest,
 *   order books every time; histories and candles every few minutes), then with every piece refetched each time.
 * - Memory: resident set size of the services process with the four venues loaded, after the refreshes.
 * Targets (issue 4): warm start ≤ 300 ms, refresh ≤ 250 ms median, RSS ≤ 150 MB.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICES_HEAP_FLAGS } from '../heap-flags.mjs';
import { median } from './median';

const self = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(self), '..', '..');
/**
 * The measured children run this file bundled to plain JS (as the app ships: no TypeScript loader in the process).
 * One bundle per checkout: worktrees share node_modules, and a bench running in another would overwrite it.
 */
const BUNDLE = path.join(
  ROOT,
  'node_modules',
  '.cache',
  `liquidation-guard-bench-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`,
  'bench-exchanges.mjs',
);
const RUNS = 5;
const REFRESHES = 20;

interface StartResult {
  readonly importMs: number;
  readonly marketsMs: number;
  readonly totalMs: number;
  readonly sources: readonly string[];
}
interface RefreshResult {
  readonly firstMs: number;
  readonly steadyMs: readonly number[];
  readonly fullMs: readonly number[];
  readonly requestsSteady: number;
  readonly positions: number;
  readonly markets: number;
  readonly rssMb: number;
  readonly maxRssMb: number;
  readonly states: readonly string[];
}
interface DemoResult {
  readonly rssMb: number;
  readonly maxRssMb: number;
  readonly positions: number;
  readonly refreshMs: readonly number[];
}

const p95 = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.95))] ?? 0;
const ms = (v: number) => `${v.toFixed(0)} ms`;

/** Child: the simulator on loopback; prints its URL, then serves until killed. */
async function serveSimulator(): Promise<void> {
  const { Simulator } = await import('../simulator/simulator');
  const { startSimulatorServer } = await import('../simulator/http-server');
  const sim = new Simulator({ scenario: 'many-positions' });
  const server = await startSimulatorServer(sim);
  process.stdout.write(`${server.url}\n`);
  setInterval(() => sim.clearLog(), 5_000);
}

async function environmentFor(url: string, cacheDir: string) {
  const { MarketsCache } = await import('../services/exchanges/markets-cache');
  const { ccxtVersion } = await import('../services/exchanges/ccxt-loader');
  const { loopbackTransport, ALL_VENUE_HOSTS } = await import('../services/exchanges/transport');
  return {
    name: 'bench',
    transport: loopbackTransport(url, ALL_VENUE_HOSTS),
    enableRateLimit: false,
    timeoutMs: 30_000,
    marketsCache: new MarketsCache({ dir: cacheDir, ccxtVersion: await ccxtVersion() }),
    now: Date.now,
  };
}

async function scenarioCredentials() {
  const { loadScenario } = await import('../simulator/scenarios/index');
  const spec = loadScenario('many-positions');
  return spec.accounts.map((a) => ({
    venue: a.venue,
    credentials:
      a.venue === 'hyperliquid'
        ? { walletAddress: a.walletAddress ?? '' }
        : { apiKey: a.apiKey, secret: a.secret, ...(a.passphrase ? { password: a.passphrase } : {}) },
    stored:
      a.venue === 'hyperliquid'
        ? { venue: a.venue, walletAddress: a.walletAddress ?? '' }
        : a.venue === 'okx'
          ? { venue: a.venue, apiKey: a.apiKey, secret: a.secret, passphrase: a.passphrase ?? '' }
          : { venue: a.venue, apiKey: a.apiKey, secret: a.secret },
  }));
}

/** Child: import the ccxt classes and load the four venues' markets; print the timings. */
async function measureStart(url: string, cacheDir: string): Promise<void> {
  const t0 = performance.now();
  const { CCXT_CLASSES, loadExchangeClass } = await import('../services/exchanges/ccxt-loader');
  await Promise.all(CCXT_CLASSES.map((name) => loadExchangeClass(name)));
  const t1 = performance.now();
  const { createVenueAdapter } = await import('../services/exchanges/create-adapter');
  const env = await environmentFor(url, cacheDir);
  const accounts = await scenarioCredentials();
  const adapters = await Promise.all(accounts.map((a) => createVenueAdapter(a.venue, a.credentials, env)));
  const sources = await Promise.all(adapters.map((a) => a.ensureMarkets()));
  const t2 = performance.now();
  const result: StartResult = { importMs: t1 - t0, marketsMs: t2 - t1, totalMs: t2 - t0, sources };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Child: the snapshot service over the four accounts; refresh timings and memory. */
async function measureRefresh(url: string, cacheDir: string): Promise<void> {
  const { SnapshotService } = await import('../services/snapshot/snapshot-service');
  const { loopbackTransport, ALL_VENUE_HOSTS } = await import('../services/exchanges/transport');
  const { forgetSharedMarkets } = await import('../services/exchanges/ccxt-client');
  const accounts = await scenarioCredentials();
  let requests = 0;
  const inner = loopbackTransport(url, ALL_VENUE_HOSTS);
  const transport: typeof inner = (u, init) => {
    requests += 1;
    return inner(u, init);
  };
  const listed = accounts.map((a) => ({
    accountId: `bench-${a.venue}`,
    venue: a.venue,
    label: a.venue,
    keyHint: '…0001',
    permissions: { read: true, trade: false, withdraw: false, transfer: false, venueFlags: [], checkedAt: 0 },
    enabled: true,
    disabledReason: null,
    sessionOnly: false,
    demo: false,
    addedAt: 0,
  }));
  const storedFor = (id: string) => {
    const found = accounts.find((a) => `bench-${a.venue}` === id);
    return found
      ? { ok: true as const, value: found.stored }
      : { ok: false as const, error: { code: 'not_found' as const, message: `no bench account ${id}` } };
  };
  const service = (policy = {}) =>
    new SnapshotService({
      cacheDir,
      emit: () => undefined,
      accounts: {
        list: () => Promise.resolve(listed),
        credentialsFor: (id) => Promise.resolve(storedFor(id)),
      },
      transport,
      environmentName: 'bench',
      enableRateLimit: false,
      timeoutMs: 30_000,
      marketPolicy: policy,
    });
  const timed = async (run: () => Promise<unknown>) => {
    const t = performance.now();
    await run();
    return performance.now() - t;
  };
  const steadyService = service();
  const firstMs = await timed(() => steadyService.refresh());
  const steadyMs: number[] = [];
  let requestsSteady = 0;
  for (let i = 0; i < REFRESHES; i++) {
    requests = 0;
    steadyMs.push(await timed(() => steadyService.refresh()));
    requestsSteady = requests;
  }
  const snapshot = steadyService.getSnapshot();
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  forgetSharedMarkets();
  const fullService = service({
    tickersMs: 0,
    orderBookMs: 0,
    openInterestMs: 0,
    historyMs: 0,
    candles1hMs: 0,
    dailyMs: 0,
  });
  await fullService.refresh();
  const fullMs: number[] = [];
  for (let i = 0; i < 5; i++) fullMs.push(await timed(() => fullService.refresh()));
  const result: RefreshResult = {
    firstMs,
    steadyMs,
    fullMs,
    requestsSteady,
    positions: snapshot?.positions.length ?? 0,
    markets: snapshot?.markets.length ?? 0,
    rssMb,
    maxRssMb,
    states: snapshot?.statuses.map((s) => s.state) ?? [],
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Child: the app in demo mode (in-process simulator, flash-selloff: 15 positions on 4 venues); memory after refreshes. */
async function measureDemo(cacheDir: string): Promise<void> {
  const { SnapshotService } = await import('../services/snapshot/snapshot-service');
  const service = new SnapshotService({
    cacheDir,
    emit: () => undefined,
    accounts: {
      list: () => Promise.resolve([]),
      credentialsFor: () =>
        Promise.resolve({ ok: false as const, error: { code: 'not_found' as const, message: 'none' } }),
    },
  });
  const refreshMs: number[] = [];
  let t = performance.now();
  const first = await service.startDemo();
  refreshMs.push(performance.now() - t);
  for (let i = 0; i < 10; i++) {
    t = performance.now();
    await service.refresh();
    refreshMs.push(performance.now() - t);
  }
  const result: DemoResult = {
    rssMb: process.memoryUsage().rss / 2 ** 20,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    positions: first.positions.length,
    refreshMs,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** A measured services process, started with the V8 heap flags the app starts its services process with. */
function child(args: readonly string[]): unknown {
  const out = spawnSync(process.execPath, [...SERVICES_HEAP_FLAGS, BUNDLE, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const line = out.stdout.trim().split('\n').at(-1) ?? '';
  if (out.status !== 0 || !line.startsWith('{')) throw new Error(`bench child failed: ${out.stderr.slice(-2000)}`);
  return JSON.parse(line) as unknown;
}

async function bundle(): Promise<void> {
  const { build } = await import('esbuild');
  mkdirSync(path.dirname(BUNDLE), { recursive: true });
  // ccxt stays external and is loaded per exchange file by deep path, as in the app (exchanges-offline.md §6.3).
  await build({
    entryPoints: [self],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['ccxt', 'esbuild'],
    logLevel: 'error',
  });
}

async function orchestrate(): Promise<void> {
  await bundle();
  const simulator = spawn(process.execPath, [BUNDLE, '--simulator'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    simulator.stdout.setEncoding('utf8');
    simulator.stdout.once('data', (chunk: string) => {
      resolve(chunk.trim());
    });
    simulator.once('exit', (code) => {
      reject(new Error(`simulator exited (${String(code)})`));
    });
  });
  const cacheDirs: string[] = [];
  try {
    console.log(
      `Exchange layer: simulator ${url} (many-positions: 4 venues × 50 positions), ${os.cpus().length} CPUs, load ${os.loadavg()[0]?.toFixed(1)}; services process: node ${SERVICES_HEAP_FLAGS.join(' ')}`,
    );
    const cold: StartResult[] = [];
    let warmDir = '';
    for (let i = 0; i < RUNS; i++) {
      warmDir = mkdtempSync(path.join(os.tmpdir(), 'lg-bench-markets-'));
      cacheDirs.push(warmDir);
      cold.push((child as (args: readonly string[]) => StartResult)(['--start', url, warmDir]));
    }
    const warm: StartResult[] = [];
    for (let i = 0; i < RUNS; i++)
      warm.push((child as (args: readonly string[]) => StartResult)(['--start', url, warmDir]));
    const refresh = (child as (args: readonly string[]) => RefreshResult)(['--refresh', url, warmDir]);
    const demoDir = mkdtempSync(path.join(os.tmpdir(), 'lg-bench-demo-'));
    cacheDirs.push(demoDir);
    const demo = (child as (args: readonly string[]) => DemoResult)(['--demo', demoDir]);

    const row = (name: string, runs: readonly StartResult[]) =>
      `  ${name.padEnd(11)} import ${ms(median(runs.map((r) => r.importMs))).padStart(7)}   markets ${ms(median(runs.map((r) => r.marketsMs))).padStart(7)}   total ${ms(median(runs.map((r) => r.totalMs))).padStart(7)}   (markets from: ${[...new Set(runs.flatMap((r) => r.sources))].join(', ')})`;
    console.log(`Start of the 4 adapters (import of 5 ccxt classes + markets), median of ${RUNS} fresh processes:`);
    console.log(row('cold', cold));
    console.log(row('warm', warm));
    console.log(
      `Refresh of 4 venues × 50 positions (${refresh.positions} positions, ${refresh.markets} markets; statuses ${refresh.states.join('/')}):`,
    );
    console.log(`  first refresh (every piece)        ${ms(refresh.firstMs)}`);
    console.log(
      `  steady refresh (app policy)        median ${ms(median(refresh.steadyMs))}, p95 ${ms(p95(refresh.steadyMs))}, min ${ms(Math.min(...refresh.steadyMs))} over ${REFRESHES}; ${refresh.requestsSteady} requests each`,
    );
    console.log(
      `  full refresh (every piece again)   median ${ms(median(refresh.fullMs))} over ${refresh.fullMs.length}`,
    );
    console.log('Memory of the services process with 4 venues loaded:');
    console.log(
      `  4 venues × 50 positions, after ${REFRESHES + 1} refreshes   RSS ${refresh.rssMb.toFixed(0)} MB (peak ${refresh.maxRssMb.toFixed(0)} MB)`,
    );
    console.log(
      `  demo mode (4 venues, ${demo.positions} positions, simulator in-process), after 11 refreshes   RSS ${demo.rssMb.toFixed(0)} MB (peak ${demo.maxRssMb.toFixed(0)} MB); demo refresh median ${ms(median(demo.refreshMs.slice(1)))}`,
    );
    const warmTotal = median(warm.map((r) => r.totalMs));
    const steady = median(refresh.steadyMs);
    const verdict = (okay: boolean) => (okay ? 'met' : 'NOT met');
    console.log(
      `Targets: warm start ≤ 300 ms: ${verdict(warmTotal <= 300)}; refresh ≤ 250 ms median: ${verdict(steady <= 250)}; RSS ≤ 150 MB: ${verdict(refresh.maxRssMb <= 150)} (200 positions), ${verdict(demo.maxRssMb <= 150)} (demo)`,
    );
  } finally {
    simulator.kill();
    for (const dir of cacheDirs) rmSync(dir, { recursive: true, force: true });
  }
}

const [mode, url, dir] = process.argv.slice(2);
if (mode === '--simulator') await serveSimulator();
else if (mode === '--start' && url && dir) await measureStart(url, dir);
else if (mode === '--refresh' && url && dir) await measureRefresh(url, dir);
else if (mode === '--demo' && url) await measureDemo(url);
else await orchestrate();
