// @ts-check
/**
 * Whether `dist/` is up to date with the sources: the one staleness rule for `npm start` (electron/launch.mjs, plain
 * JavaScript so starting needs no TypeScript loader) and the build script (electron/scripts/build.ts).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const SOURCE_DIRS = ['renderer', 'shared', 'electron'];
const STAMP = 'dist/.build-stamp';
/** The browser shell's prebuilt back end (electron/server/run-browser-shell.ts bundled). */
export const BROWSER_SHELL_BUNDLE = 'dist/electron/browser-shell.cjs';

/** @param {string} root the repository root */
export function isBuildStale(root) {
  const stampPath = path.join(root, STAMP);
  return !existsSync(stampPath) || Number(readFileSync(stampPath, 'utf8')) < newestSourceMtime(root);
}

/** Records that `dist/` now matches the sources. @param {string} root */
export function writeBuildStamp(root) {
  writeFileSync(path.join(root, STAMP), String(newestSourceMtime(root)));
}

/** @param {string} root */
function newestSourceMtime(root) {
  let newest = statSync(path.join(root, 'package.json')).mtimeMs;
  /** @param {string} dir */
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full);
      } else if (!/\.(test|bench)\.tsx?$/.test(entry.name)) {
        newest = Math.max(newest, statSync(full).mtimeMs);
      }
    }
  };
  for (const dir of SOURCE_DIRS) walk(path.join(root, dir));
  return newest;
}
