import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ChecklistSchema } from '../../shared/domain/checklist';
import { exitCodeFor, parseReportArgs, USAGE } from './report-cli';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'lg-report-test-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('parseReportArgs', () => {
  it.each([
    [['--demo', '--format', 'md', '--out', 'c.md'], { source: 'demo', format: 'md', out: 'c.md' }],
    [['--accounts', '--format=pdf', '--out=r/c.pdf'], { source: 'accounts', format: 'pdf', out: 'r/c.pdf' }],
    // The format may come from the file name.
    [['--demo', '--out', 'check.json'], { source: 'demo', format: 'json', out: 'check.json' }],
    [['--out', 'x.csv', '--demo', '--demo'], { source: 'demo', format: 'csv', out: 'x.csv' }],
  ])('%j', (argv, args) => expect(parseReportArgs(argv)).toEqual({ ok: true, args }));

  it.each([
    [[], /--demo or --accounts/u],
    [['--demo', '--accounts', '--out', 'x.md'], /one of --demo and --accounts/u],
    [['--demo', '--format', 'html', '--out', 'x.html'], /--format must be one of md, csv, json, pdf/u],
    [['--demo', '--format', 'md'], /--out FILE is required/u],
    [['--demo', '--out', 'x.txt'], /--format is required/u],
    [['--demo', '--out'], /--out needs a file name/u],
    [['--demo', '--out', 'x.md', '--verbose'], /unknown argument "--verbose"/u],
  ])('%j is refused', (argv, message) => {
    const parsed = parseReportArgs(argv);
    expect(parsed.ok).toBe(false);
    if (parsed.ok === false) expect(parsed.message).toMatch(message);
  });

  it('--help', () => expect(parseReportArgs(['--help'])).toEqual({ ok: 'help' }));
});

describe('exitCodeFor', () => {
  it.each([
    [{ atRisk: 0, sourcesNotOk: 0 }, 0],
    [{ atRisk: 2, sourcesNotOk: 0 }, 1],
    // Known danger wins over an unread source; an unread source alone means the check is incomplete.
    [{ atRisk: 1, sourcesNotOk: 1 }, 1],
    [{ atRisk: 0, sourcesNotOk: 1 }, 2],
  ])('%j → %i', (summary, code) => expect(exitCodeFor(summary)).toBe(code));
});

interface Run {
  readonly code: number | null;
  readonly stderr: string;
  readonly stdout: string;
}

/** Runs `npm run report -- …` the way npm does (`tsx electron/scripts/report.ts`), in a fresh data folder. */
function report(args: readonly string[], dataDir: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(root, 'node_modules/.bin/tsx'),
      [path.join(root, 'electron/scripts/report.ts'), ...args],
      {
        cwd: scratch,
        env: { ...process.env, LG_DATA_DIR: dataDir },
      },
    );
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, stdout }));
  });
}

const freshDataDir = (settings?: object) => {
  const dir = mkdtempSync(path.join(scratch, 'data-'));
  if (settings !== undefined) {
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ version: 1, settings, accounts: [] }));
  }
  return dir;
};

describe('npm run report (spawned)', () => {
  it('bad arguments: exit 2 with the usage line', async () => {
    const run = await report(['--demo', '--format', 'docx', '--out', 'x.docx'], freshDataDir());
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`report: --format must be one of md, csv, json, pdf. ${USAGE}`);
  }, 60_000);

  it('--accounts with no account configured: exit 2, says where it looked', async () => {
    const dataDir = freshDataDir();
    const run = await report(['--accounts', '--out', 'none.md'], dataDir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`no enabled account in ${path.join(dataDir, 'settings.json')}`);
    expect(existsSync(path.join(scratch, 'none.md'))).toBe(false);
  }, 60_000);

  it('--demo with default settings: the near-liquidation positions make it exit 1, with a one-line summary', async () => {
    const run = await report(['--demo', '--format', 'json', '--out', 'demo.json'], freshDataDir());
    const checklist = ChecklistSchema.parse(JSON.parse(readFileSync(path.join(scratch, 'demo.json'), 'utf8')));
    // accounts.ts: Binance SOL 20× isolated and OKX ETH 25× isolated sit close to liquidation at minute 0.
    expect(checklist.summary.atRisk).toBeGreaterThan(0);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.startsWith(`${checklist.summary.line} → demo.json`)).toBe(true);
    expect(lines[0]).toMatch(/^\d+ positions: \d+ critical/u);
  }, 60_000);

  it('--demo with thresholds so loose nothing is in danger: exit 0 when every source was read (2 if one was not), PDF written', async () => {
    // Valid settings (settings.ts refinements) under which only a crossed liquidation price is critical.
    const loose = {
      severity: {
        watchTouch24h: 0.97,
        dangerTouch24h: 0.98,
        criticalTouch24h: 0.99,
        watchSigma: 0.003,
        dangerSigma: 0.002,
        criticalSigma: 0.001,
      },
    };
    const run = await report(['--demo', '--format', 'pdf', '--out', 'loose.pdf'], freshDataDir(loose));
    const pdf = readFileSync(path.join(scratch, 'loose.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const line = run.stderr.trim();
    expect(line).not.toContain('\n');
    expect(line).toMatch(/^\d+ positions: \d+ safe → loose\.pdf/u);
    const unread = /\((\d+) sources? not read: /u.exec(line);
    expect(run.code).toBe(unread === null ? 0 : 2);
  }, 60_000);
});
