/**
 * `npm test`: the one command CI runs. Typecheck, lint, format, unit and integration tests, build, end-to-end tests;
 * it runs every step (so one failure does not hide another) and ends with `N passed, N failed, N skipped`, counting
 * each test plus each whole-tree check. Exit code 0 only when nothing failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir = path.join(root, '.cache');
const TS_PROJECTS = ['tsconfig.json', 'shared', 'electron', 'renderer', 'e2e'];

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  skipReasons: Map<string, number>;
  failures: string[];
}
const tally: Tally = { passed: 0, failed: 0, skipped: 0, skipReasons: new Map(), failures: [] };

function run(command: string, args: readonly string[], extraEnv: Record<string, string> = {}): boolean {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.env['CI'] === 'true' ? '0' : '1', ...extraEnv },
  });
  return result.status === 0;
}

const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

function check(name: string, passed: boolean): void {
  console.log(`\n${passed ? '✓' : '✗'} ${name}`);
  if (passed) tally.passed += 1;
  else {
    tally.failed += 1;
    tally.failures.push(name);
  }
}

function step(title: string): void {
  console.log(`\n━━ ${title} ━━`);
}

function unitTests(): void {
  step('unit and integration tests (Vitest)');
  const report = path.join(cacheDir, 'vitest.json');
  rmSync(report, { force: true });
  const ok = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${report}`]);
  if (!existsSync(report)) return check('vitest produced a report', false);
  const summary = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { name: string; status: string; assertionResults: { status: string }[] }[];
  };
  // A file that failed without a failing test did not load (syntax error, failing import): count it once.
  const brokenFiles = summary.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  );
  tally.passed += summary.numPassedTests;
  tally.failed += summary.numFailedTests + brokenFiles.length;
  tally.skipped += summary.numPendingTests + summary.numTodoTests;
  for (const file of brokenFiles) tally.failures.push(`${path.relative(root, file.name)} failed to run`);
  if (summary.numFailedTests > 0) tally.failures.push(`${summary.numFailedTests} unit/integration test(s)`);
  if (!ok && summary.numFailedTests + brokenFiles.length === 0) check('vitest exit status', false);
}

interface PlaywrightSpec {
  tests: {
    status: 'expected' | 'unexpected' | 'skipped' | 'flaky';
    annotations: { type: string; description?: string }[];
  }[];
}
interface PlaywrightSuite {
  specs: PlaywrightSpec[];
  suites?: PlaywrightSuite[];
}

function e2eTests(): void {
  step('end-to-end tests (Playwright)');
  if (process.env['CI'] === 'true' && !existsSync('/usr/bin/chromium')) {
    console.log('Chromium is required in CI: install the Debian package "chromium" (.ci/run does).');
  }
  const report = path.join(root, 'e2e/test-output/results.json');
  rmSync(report, { force: true });
  const ok = run(bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts']);
  if (!existsSync(report)) return check('playwright produced a report', false);
  const results = JSON.parse(readFileSync(report, 'utf8')) as { suites: PlaywrightSuite[]; errors: unknown[] };
  let failedHere = 0;
  const visit = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs) {
      for (const test of spec.tests) {
        if (test.status === 'expected' || test.status === 'flaky') tally.passed += 1;
        else if (test.status === 'skipped') {
          tally.skipped += 1;
          const reason = test.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given';
          tally.skipReasons.set(reason, (tally.skipReasons.get(reason) ?? 0) + 1);
        } else failedHere += 1;
      }
    }
    suite.suites?.forEach(visit);
  };
  results.suites.forEach(visit);
  tally.failed += failedHere + results.errors.length;
  if (failedHere > 0) tally.failures.push(`${failedHere} end-to-end test(s)`);
  if (results.errors.length > 0) tally.failures.push(`${results.errors.length} end-to-end setup error(s)`);
  if (!ok && failedHere + results.errors.length === 0) check('playwright exit status', false);
}

mkdirSync(cacheDir, { recursive: true });
const started = performance.now();

step('typecheck');
check(
  `typecheck (${TS_PROJECTS.length} projects)`,
  TS_PROJECTS.every((project) => run(bin('tsc'), ['-p', project])),
);
step('lint');
check('lint (ESLint, zero warnings)', run(bin('eslint'), ['--max-warnings', '0', '.']));
step('format');
check('format (Prettier)', run(bin('prettier'), ['--check', '--log-level', 'warn', '**/*.{ts,tsx,css,html}']));
unitTests();
step('build');
const built = run(process.execPath, ['--import', 'tsx', 'electron/scripts/build.ts']);
check('build (renderer, Electron main and preload)', built);
if (built) e2eTests();
else console.log('End-to-end tests not run: the build failed.');

console.log(`\nTook ${Math.round((performance.now() - started) / 1000)} s.`);
for (const [reason, count] of tally.skipReasons) console.log(`skipped ${count}: ${reason}`);
for (const failure of tally.failures) console.log(`failed: ${failure}`);
console.log(`${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
process.exit(tally.failed === 0 ? 0 : 1);
