import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Hands the token to the system browser without putting it on any command line (security.md §4): a 0600 file in a
 * 0700 folder that redirects to the app URL. The browser is started with this file's path, never with the token.
 */
export async function writeLaunchFile(appUrl: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'liquidation-guard-'));
  const file = path.join(dir, 'open.html');
  const escaped = appUrl.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  await writeFile(
    file,
    `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escaped}"><title>Liquidation Guard</title>`,
    { mode: 0o600 },
  );
  return file;
}
