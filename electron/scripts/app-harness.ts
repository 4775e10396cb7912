/** What the Chromium benchmarks share: Debian's (or Playwright's) Chromium, and the app started as a trader starts it. */
import { chromium, type Browser } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, findChromium } from '../../e2e/fixtures/chromium';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function launchChromium(): Promise<Browser> {
  const choice = findChromium();
  if (!choice.found) throw new Error(choice.reason);
  return chromium.launch({
    args: CHROMIUM_ARGS,
    ...(choice.executablePath !== undefined ? { executablePath: choice.executablePath } : {}),
  });
}

export interface StartedApp {
  readonly appUrl: string;
  /** ms from spawning the command to its printing the address. */
  readonly addressAfterMs: number;
  stop(): Promise<void>;
}

/**
 * Runs `command args…` (e.g. `npm start -- --browser --no-open`) in its own process group with a data folder (a
 * fresh one unless given), and resolves when it prints the app's address.
 */
export async function startApp(command: string, args: readonly string[], dataDir?: string): Promise<StartedApp> {
  const folder = dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'lg-bench-'));
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, LG_DATA_DIR: folder },
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
    child.once('exit', () => reject(new Error(`${command} exited before it was ready:\n${output}`)));
  });
  const addressAfterMs = performance.now() - started;
  return {
    appUrl,
    addressAfterMs,
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(-child.pid, 'SIGTERM');
        await exited;
      }
      if (dataDir === undefined) rmSync(folder, { recursive: true, force: true });
    },
  };
}
