import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { createServices as CreateServices } from '../services/create-services';
import { MAIN_PROCESS_BUNDLE } from './build';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('the Electron main-process bundle', () => {
  it('runs the services from CommonJS: the demo reads all four venues through ccxt (no Electron runtime needed)', async () => {
    // Bundled exactly as dist/electron/main.cjs is, but from the services' entry so it runs in plain Node. Without the
    // import.meta.url shim, ccxt's per-venue files could not be located and every venue would fail.
    // Inside the repo (like dist/) so the external packages resolve from its node_modules.
    mkdirSync(path.join(root, '.cache'), { recursive: true });
    const outDir = mkdtempSync(path.join(root, '.cache', 'bundle-test-'));
    const outfile = path.join(outDir, 'services.cjs');
    await build({
      ...MAIN_PROCESS_BUNDLE,
      sourcemap: false,
      entryPoints: [path.join(root, 'electron/services/create-services.ts')],
      outfile,
      nodePaths: [path.join(root, 'node_modules')],
    });
    const { createServices } = createRequire(outfile)(outfile) as {
      createServices: typeof CreateServices;
    };
    const services = createServices({
      shell: 'electron',
      version: 'test',
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'lg-bundle-data-')),
    });
    const demo = await services.handlers.startDemo({});
    rmSync(outDir, { recursive: true, force: true });
    expect(demo.ok).toBe(true);
    if (!demo.ok) return;
    expect(demo.value.statuses.map((status) => status.state)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(demo.value.positions.length).toBeGreaterThan(10);
  }, 60_000);
});
