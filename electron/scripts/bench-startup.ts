/**
 * `npm run bench:startup`: time from `npm start -- --browser --no-open` to the shell's first paint in Chromium,
 * median of 5 cold process starts (the browser is already open, as a trader's would be). Prints each run and the
 * median; the build is made once beforehand and is not counted.
 */
import { buildIfStale } from './build';
import { launchChromium, REPO_ROOT, startApp } from './app-harness';
import { median } from './median';

const RUNS = 5;

async function main(): Promise<void> {
  await buildIfStale(REPO_ROOT);
  const browser = await launchChromium();
  const rows: { url: number; paint: number; ready: number }[] = [];
  for (let run = 1; run <= RUNS; run += 1) {
    const started = performance.now();
    const app = await startApp('npm', ['start', '--', '--browser', '--no-open']);
    const page = await browser.newPage();
    const navigationStartedAt = performance.now() - started;
    await page.goto(app.appUrl);
    await page.getByTestId('shell-status-shell').waitFor();
    const readyAt = performance.now() - started;
    // Evaluated in the page (a string, since this script is type-checked against Node's, not the DOM's, types).
    const firstPaint = await page.evaluate<number>(
      "performance.getEntriesByType('paint').find((entry) => entry.name === 'first-contentful-paint')?.startTime ?? NaN",
    );
    rows.push({ url: app.addressAfterMs, paint: navigationStartedAt + firstPaint, ready: readyAt });
    console.log(
      `run ${run}: address printed ${app.addressAfterMs.toFixed(0)} ms · first paint ${(navigationStartedAt + firstPaint).toFixed(0)} ms · shell ready ${readyAt.toFixed(0)} ms`,
    );
    await page.close();
    await app.stop();
  }
  await browser.close();
  const pick = (key: 'url' | 'paint' | 'ready') => median(rows.map((row) => row[key])).toFixed(0);
  console.log(
    `startup (median of ${RUNS}): address printed ${pick('url')} ms · first paint ${pick('paint')} ms · shell ready ${pick('ready')} ms`,
  );
}

await main();
