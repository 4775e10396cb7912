/**
 * `npm start`: Electron where its runtime is available, else the browser shell (DESIGN.md §5).
 * `--browser` forces the browser shell; `--no-open` only prints its address; `--demo` opens on the demo
 * (`--demo=calm` or a benchmark load picks another scenario).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSER_SHELL_BUNDLE, buildIfStale } from './scripts/build';
import type { runBrowserShell as RunBrowserShell } from './server/run-browser-shell';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Electron ≥ 42 fetches its runtime on first run; give that one try, bounded so a closed network answers quickly. */
const RUNTIME_FETCH_TIMEOUT_MS = 45_000;

type RuntimeProbe = { available: true; executable: string } | { available: false; reason: string };

function probeElectronRuntime(): RuntimeProbe {
  const require = createRequire(import.meta.url);
  let packageDir: string;
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

async function main(): Promise<void> {
  const flags = new Set(process.argv.slice(2));
  const demoFlag = process.argv.slice(2).find((arg) => arg === '--demo' || arg.startsWith('--demo='));
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  await buildIfStale(root);

  const runtime: RuntimeProbe = flags.has('--browser')
    ? { available: false, reason: '--browser was given' }
    : probeElectronRuntime();
  if (runtime.available) {
    const child = spawn(
      runtime.executable,
      [path.join(root, 'dist/electron/main.cjs'), ...(demoFlag === undefined ? [] : [demoFlag])],
      { stdio: 'inherit' },
    );
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  console.log(`Electron runtime unavailable (${runtime.reason}); starting the browser shell instead.`);
  // The prebuilt back end (see electron/scripts/build.ts): starts in a fraction of the time compiling it would take.
  const { runBrowserShell } = createRequire(import.meta.url)(path.join(root, BROWSER_SHELL_BUNDLE)) as {
    runBrowserShell: typeof RunBrowserShell;
  };
  const shell = await runBrowserShell({
    version,
    staticDir: path.join(root, 'dist/renderer'),
    open: !flags.has('--no-open'),
    demo: demoFlag === undefined ? null : (demoFlag.split('=')[1] ?? 'flash-selloff'),
    print: (line) => console.log(line),
  });
  const stop = () => void shell.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Liquidation Guard could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
