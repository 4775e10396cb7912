/**
 * `npm run bench:startup`: time from `npm start -- --browser --no-open` to the shell's first paint in Chromium,
 * median of 5 cold process starts (the browser is already open, as a trader's would be). Prints each run and the
 * median; the build is made once beforehand and is not counted.
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/fixtures/chromium';
import { buildIfStale } from './build';
import { median } from './median';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = 5;

async function main(): Promise<void> {
  await buildIfStale(root);
  const choice = findChromium();
  if (!choice.found) throw new Error(choice.reason);
  const browser = await chromium.launch({
    args: CHROMIUM_ARGS,
    ...(choice.executablePath !== undefined ? { executablePath: choice.executablePath } : {}),
  });
  const rows: { url: number; paint: number; ready: number }[] = [];
  for (let run = 1; run <= RUNS; run += 1) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lg-bench-'));
    const started = performance.now();
    const child = spawn('npm', ['start', '--', '--browser', '--no-open'], {
      cwd: root,
      env: { ...process.env, LG_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    const appUrl = await new Promise<string>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /running at (\S+)/.exec(output);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.once('exit', () => reject(new Error(`npm start exited early:\n${output}`)));
    });
    const urlAt = performance.now() - started;
    const page = await browser.newPage();
    const navigationStartedAt = performance.now() - started;
    await page.goto(appUrl);
    await page.getByTestId('shell-status-shell').waitFor();
    const readyAt = performance.now() - started;
    // Evaluated in the page (a string, since this script is type-checked against Node's, not the DOM's, types).
    const firstPaint = await page.evaluate<number>(
      "performance.getEntriesByType('paint').find((entry) => entry.name === 'first-contentful-paint')?.startTime ?? NaN",
    );
    rows.push({ url: urlAt, paint: navigationStartedAt + firstPaint, ready: readyAt });
    console.log(
      `run ${run}: address printed ${urlAt.toFixed(0)} ms · first paint ${(navigationStartedAt + firstPaint).toFixed(0)} ms · shell ready ${readyAt.toFixed(0)} ms`,
    );
    await page.close();
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
  await browser.close();
  const pick = (key: 'url' | 'paint' | 'ready') => median(rows.map((row) => row[key])).toFixed(0);
  console.log(
    `startup (median of ${RUNS}): address printed ${pick('url')} ms · first paint ${pick('paint')} ms · shell ready ${pick('ready')} ms`,
  );
}

await main();
