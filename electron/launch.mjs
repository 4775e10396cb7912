// @ts-check
/**
 * `npm start`: Electron where its runtime is available, else the browser shell (DESIGN.md §5).
 * `--browser` forces the browser shell; `--no-open` only prints its address; `--demo` opens on the demo
 * (`--demo=calm` or a benchmark load picks another scenario).
 * Plain JavaScript run by Node itself: both shells start from prebuilt bundles (electron/scripts/build.ts), so the
 * start path loads no TypeScript compiler (tsx and its module hooks cost ≈0.5 s before the first request and slow
 * every later import, ccxt's included). Only a stale build is made first, by the TypeScript build script.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVICES_HEAP_FLAGS } from './heap-flags.mjs';
import { BROWSER_SHELL_BUNDLE, isBuildStale } from './scripts/build-state.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
/** `require`, typed as answering `unknown` so that what it loads is given its type where it is used. */
/** @type {(id: string) => unknown} */
const load = require;
/** @type {(text: string) => unknown} */
const parseJson = JSON.parse;
/** Electron ≥ 42 fetches its runtime on first run; give that one try, bounded so a closed network answers quickly. */
const RUNTIME_FETCH_TIMEOUT_MS = 45_000;

/** @typedef {{ available: true, executable: string } | { available: false, reason: string }} RuntimeProbe */

/** @returns {RuntimeProbe} */
function probeElectronRuntime() {
  /** @type {string} */
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { available: false, reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const executableIn = () => path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (existsSync(pathFile) && existsSync(executableIn())) return { available: true, executable: executableIn() };
  const fetch = spawnSync(process.execPath, [path.join(packageDir, 'install.js')], {
    stdio: 'ignore',
    timeout: RUNTIME_FETCH_TIMEOUT_MS,
  });
  if (fetch.status === 0 && existsSync(pathFile) && existsSync(executableIn())) {
    return { available: true, executable: executableIn() };
  }
  return {
    available: false,
    reason:
      fetch.error !== undefined
        ? `its download did not finish within ${RUNTIME_FETCH_TIMEOUT_MS / 1000} s`
        : 'it could not be downloaded (no network access to its release host)',
  };
}

/** Builds the bundles when the sources are newer than them (first start, or after an edit). */
function buildIfStale() {
  if (!isBuildStale(root)) return;
  console.log('Building the app (first start or sources changed)…');
  const built = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'electron/scripts/build.ts')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('the build failed (see above)');
}

async function main() {
  const args = process.argv.slice(2);
  const flags = new Set(args);
  const demoFlag = args.find((arg) => arg === '--demo' || arg.startsWith('--demo='));
  const packageJson = /** @type {{ version: string }} */ (
    parseJson(readFileSync(path.join(root, 'package.json'), 'utf8'))
  );
  buildIfStale();

  /** @type {RuntimeProbe} */
  const runtime = flags.has('--browser') ? { available: false, reason: '--browser was given' } : probeElectronRuntime();
  if (runtime.available) {
    // The services run in Electron's main process, which takes V8 flags only from its command line.
    const child = spawn(
      runtime.executable,
      [
        `--js-flags=${SERVICES_HEAP_FLAGS.join(' ')}`,
        path.join(root, 'dist/electron/main.cjs'),
        ...(demoFlag === undefined ? [] : [demoFlag]),
      ],
      { stdio: 'inherit' },
    );
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  console.log(`Electron runtime unavailable (${runtime.reason}); starting the browser shell instead.`);
  const { runBrowserShell } = /** @type {typeof import('./server/run-browser-shell')} */ (
    load(path.join(root, BROWSER_SHELL_BUNDLE))
  );
  const shell = await runBrowserShell({
    version: packageJson.version,
    staticDir: path.join(root, 'dist/renderer'),
    open: !flags.has('--no-open'),
    demo: demoFlag === undefined ? null : (demoFlag.split('=')[1] ?? 'flash-selloff'),
    print: (line) => console.log(line),
  });
  const stop = () => void shell.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((/** @type {unknown} */ error) => {
  console.error(`Liquidation Guard could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
