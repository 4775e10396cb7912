/** What the Chromium benchmarks share: Debian's (or Playwright's) Chromium, and the app started as the e2e tests do. */
import { chromium, type Browser } from '@playwright/test';
import { REPO_ROOT, startShell, type RunningShell } from '../../e2e/fixtures/browser-shell';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/fixtures/chromium';

export { REPO_ROOT };

export async function launchChromium(): Promise<Browser> {
  const choice = findChromium();
  if (!choice.found) throw new Error(choice.reason);
  return chromium.launch({
    args: CHROMIUM_ARGS,
    ...(choice.executablePath !== undefined ? { executablePath: choice.executablePath } : {}),
  });
}

export interface StartedApp extends RunningShell {
  /** ms from spawning the command to its printing the address. */
  readonly addressAfterMs: number;
}

/** Runs `command args…` with a data folder (fresh unless given) and resolves when it prints the app's address. */
export async function startApp(command: string, args: readonly string[], dataDir?: string): Promise<StartedApp> {
  const started = performance.now();
  const shell = await startShell({ command: [command, ...args], ...(dataDir === undefined ? {} : { dataDir }) });
  return { ...shell, addressAfterMs: performance.now() - started };
}
