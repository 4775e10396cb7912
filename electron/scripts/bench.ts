/**
 * `npm run bench`: every benchmark, each printing its own figures. Vitest benches (`*.bench.ts`: risk engine,
 * exchange layer), then the UI benchmarks in Chromium (`electron/scripts/bench-*.ts`).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scriptsDir = path.join(root, 'electron/scripts');

const run = (command: string, args: readonly string[]) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status === 0;

let allOk = run(path.join(root, 'node_modules/.bin/vitest'), ['bench', '--run']);
for (const script of readdirSync(scriptsDir)
  .filter((name) => /^bench-.+\.ts$/.test(name))
  .sort()) {
  console.log(`\n━━ ${script} ━━`);
  allOk = run(process.execPath, ['--import', 'tsx', path.join(scriptsDir, script)]) && allOk;
}
process.exit(allOk ? 0 : 1);
