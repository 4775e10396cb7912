/**
 * Builds what both shells run: the renderer bundle (Vite), the Electron main + preload bundles and the browser shell's
 * back end (esbuild).
 * ccxt and the keychain module stay external (exchanges-offline.md §6.3): loaded from node_modules at run time.
 * `tsx electron/scripts/build.ts` builds; `buildIfStale` (the benchmarks) and `npm start` (electron/launch.mjs) skip it when nothing changed.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
// Plain JavaScript (shared with electron/launch.mjs), so named with its extension.
import { BROWSER_SHELL_BUNDLE, isBuildStale, writeBuildStamp } from './build-state.mjs';

export async function build(root: string): Promise<void> {
  const { build: viteBuild } = await import('vite');
  const esbuild = await import('esbuild');
  await viteBuild({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
  await esbuild.build({
    ...MAIN_PROCESS_BUNDLE,
    entryPoints: [path.join(root, 'electron/main/index.ts')],
    outfile: path.join(root, 'dist/electron/main.cjs'),
  });
  await esbuild.build({
    ...MAIN_PROCESS_BUNDLE,
    entryPoints: [path.join(root, 'electron/preload/index.ts')],
    outfile: path.join(root, 'dist/electron/preload.cjs'),
  });
  // The browser shell's back end, prebuilt like Electron's: `npm start` loads it instead of compiling the services.
  await esbuild.build({
    ...MAIN_PROCESS_BUNDLE,
    entryPoints: [path.join(root, 'electron/server/run-browser-shell.ts')],
    outfile: path.join(root, BROWSER_SHELL_BUNDLE),
  });
  writeBuildStamp(root);
}

/** How Electron's main process and preload are bundled: CommonJS for Node 20 in Electron, dependencies external. */
export const MAIN_PROCESS_BUNDLE: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // pdfkit reads its font metrics from its own folder at run time.
  external: ['electron', 'ccxt', '@napi-rs/keyring', 'pdfkit'],
  // The services locate ccxt's per-venue files with createRequire(import.meta.url); CJS has no import.meta.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};
export async function buildIfStale(root: string): Promise<void> {
  if (!isBuildStale(root)) return;
  console.log('Building the app (first start or sources changed)…');
  await build(root);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const started = performance.now();
  await build(root);
  console.log(`Built in ${Math.round(performance.now() - started)} ms`);
}
