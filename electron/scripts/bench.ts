/**
 * `npm run bench`: every benchmark, each printing its own figures. Vitest benches (`*.bench.ts`: risk engine,
 * exchange layer), then the UI benchmarks in Chromium (`electron/scripts/bench-*.ts`).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scriptsDir = path.join(root, 'electron/scripts');

const run = (command: string, args: readonly string[]) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status === 0;

const benchJson = path.join(root, '.cache/bench.json');
let allOk = run(path.join(root, 'node_modules/.bin/vitest'), [
  'bench',
  '--run',
  '--project',
  'node',
  '--outputJson',
  benchJson,
]);
printMedians();
for (const script of readdirSync(scriptsDir)
  .filter((name) => /^bench-.+\.ts$/.test(name))
  .sort()) {
  console.log(`\n━━ ${script} ━━`);
  allOk = run(process.execPath, ['--import', 'tsx', path.join(scriptsDir, script)]) && allOk;
}
process.exit(allOk ? 0 : 1);

/** Vitest's table shows means and percentiles; the targets are medians, so print those from its JSON. */
function printMedians(): void {
  interface Bench {
    name: string;
    median: number;
    hz: number;
    sampleCount: number;
  }
  const report = JSON.parse(readFileSync(benchJson, 'utf8')) as {
    files: { filepath: string; groups: { fullName: string; benchmarks: Bench[] }[] }[];
  };
  console.log('\nMedians:');
  for (const file of report.files) {
    for (const group of file.groups) {
      for (const bench of group.benchmarks) {
        console.log(
          `  ${group.fullName} › ${bench.name}: median ${bench.median.toFixed(3)} ms (${bench.sampleCount} samples)`,
        );
      }
    }
  }
}
