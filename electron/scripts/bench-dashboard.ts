/**
 * UI benchmarks in Chromium (issue 6):
 * 1. from launching the browser shell on the demo (`--browser --no-open --demo`) to the dashboard showing the demo's
 *    positions: one cold start (no markets cache) reported, then the median of 5 starts with the cache a second
 *    launch has, target ≤ 1.5 s. The clock stops on the first animation frame in which the page has a positions row
 *    (checked inside the page on every frame), not at a locator's next poll: Playwright's `waitFor` polls with a
 *    back-off that reaches 500 ms between checks after the first ≈0.3 s, which added up to half a second;
 * 2. re-render after a refresh with 500 positions (`--demo=five-hundred-positions`): from the snapshot reaching the
 *    page to the dashboard committing its rows (the renderer's own performance marks), median of 10, target ≤ 50 ms.
 * The build is made beforehand and not counted.
 */
import type { Browser, Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfStale } from './build';
import { launchChromium, REPO_ROOT, startApp } from './app-harness';
import { median } from './median';

const RUNS = 5;
const REFRESHES = 10;
const launchShell = (demo: string, dataDir?: string) =>
  startApp(process.execPath, ['electron/launch.mjs', '--browser', '--no-open', demo], dataDir);
/** The page's document, typed only as far as used here (this folder compiles without the DOM library). */
type PageGlobal = { document: { querySelector(selector: string): unknown } };
/** Resolves on the first animation frame in which the dashboard has drawn a positions row. */
const firstRowDrawn = (page: Page) =>
  page.waitForFunction(
    () => (globalThis as unknown as PageGlobal).document.querySelector('[data-testid="positions-row"]') !== null,
    undefined,
    { polling: 'raf' },
  );
/**
 * Where the span went, on the page's own clock (ms from `launchedAt`, an epoch time): its first contentful paint and
 * the end of its first snapshot read. Only printed, so that a slow run shows whether the wait was the page or the data.
 */
async function pageSpan(
  page: Page,
  snapshotUrl: string,
  launchedAt: number,
): Promise<{ firstPaint: string; snapshotReceived: string }> {
  const [origin, paint, snapshot] = await page.evaluate((url) => {
    const paintEntry = performance.getEntriesByName('first-contentful-paint')[0];
    const read = performance.getEntriesByName(url)[0];
    return [
      performance.timeOrigin,
      paintEntry?.startTime ?? null,
      read === undefined ? null : read.startTime + read.duration,
    ] as const;
  }, snapshotUrl);
  const at = (ms: number | null) => (ms === null ? '—' : `${(origin + ms - launchedAt).toFixed(0)} ms`);
  return { firstPaint: at(paint), snapshotReceived: at(snapshot) };
}
const positionsShown = async (page: Page) =>
  ((await page.locator('#positions-panel-heading').textContent()) ?? '').replace(/\D+/g, '');

async function main(): Promise<void> {
  await buildIfStale(REPO_ROOT);
  const browser = await launchChromium();
  // Run 0 starts cold (an empty data folder: no markets cache); the others start as a trader's second launch does.
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lg-bench-'));
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run += 1) {
    const started = performance.now();
    const app = await launchShell('--demo', dataDir);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const pageOpenAt = performance.now() - started;
    await page.goto(app.appUrl);
    // "All positions": the panel counts every row of the report, and the table has drawn its first rows.
    await firstRowDrawn(page);
    const elapsed = performance.now() - started;
    // Not timed: the row is visible (not only in the DOM).
    await page.getByTestId('positions-row').first().waitFor();
    if (run > 0) times.push(elapsed);
    const span = await pageSpan(page, `${app.origin}/api/getSnapshot`, performance.timeOrigin + started);
    console.log(
      `${run === 0 ? 'cold start' : `run ${run}`}: dashboard with ${await positionsShown(page)} positions after ${elapsed.toFixed(0)} ms (address printed at ${app.addressAfterMs.toFixed(0)} ms, tab open ${pageOpenAt.toFixed(0)} ms, first paint ${span.firstPaint}, snapshot received ${span.snapshotReceived})`,
    );
    await page.close();
    await app.stop();
  }
  rmSync(dataDir, { recursive: true, force: true });
  console.log(
    `launch → dashboard with the demo's positions (median of ${RUNS} warm starts): ${median(times).toFixed(0)} ms (target ≤ 1500 ms)`,
  );
  await rerenderBench(browser);
  await browser.close();
}

async function rerenderBench(browser: Browser): Promise<void> {
  const app = await launchShell('--demo=five-hundred-positions');
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(app.appUrl);
  await page.getByTestId('positions-row').first().waitFor({ timeout: 120_000 });
  const refresh = page.getByTestId('dashboard-refresh-button');
  for (let i = 1; i <= REFRESHES; i += 1) {
    await refresh.click();
    await page.waitForFunction((n) => performance.getEntriesByName('lg:dashboard-rerender').length >= n, i);
  }
  const durations = await page.evaluate(() =>
    performance.getEntriesByName('lg:dashboard-rerender').map((entry) => entry.duration),
  );
  console.log(`re-renders (ms): ${durations.map((d) => d.toFixed(1)).join(', ')}`);
  console.log(
    `re-render after a refresh with ${await positionsShown(page)} positions (median of ${durations.length}): ${median(durations).toFixed(1)} ms (target ≤ 50 ms)`,
  );
  await page.close();
  await app.stop();
}

await main();
