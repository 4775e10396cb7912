import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CHECKLIST_TITLE } from '../../shared/checklist/build-checklist';
import { expect, test } from '../fixtures/test';
import { ChecklistExport } from '../pages/checklist.page';
import { DashboardPage } from '../pages/dashboard.page';

const SCREENSHOTS = 'e2e/test-output/screenshots';

test.describe('risk checklist export from the demo', () => {
  test.beforeEach(async ({ app }) => {
    await new DashboardPage(app.page).openDemo();
  });

  test('Markdown: title, each venue status, checkboxes for the positions at risk', async ({ app }) => {
    const file = await (await new ChecklistExport(app.page).download('md')).path();
    const text = readFileSync(file, 'utf8');
    // shared/checklist/build-checklist.ts names demo checklists "… (demo data)".
    expect(text).toContain(`# ${CHECKLIST_TITLE} (demo data)`);
    expect(text).toContain('- [ ] ');
    for (const venue of ['Binance', 'Bybit']) expect(text).toContain(venue);
    // electron/simulator/scenarios/accounts.ts: SOL 20× isolated long on Binance is one of the demo's near-liquidation positions.
    expect(text).toContain('SOL/USDT:USDT');
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    await expect(new ChecklistExport(app.page).outcome).toContainText('downloaded');
  });

  test('CSV: a header row and one row per checklist item, properly quoted', async ({ app }) => {
    const file = await (await new ChecklistExport(app.page).download('csv')).path();
    const lines = readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines.length).toBeGreaterThan(5);
    expect(lines[0]).toMatch(/section|severity|item/i);
  });

  test('JSON: the same checklist, machine-readable', async ({ app }) => {
    const file = await (await new ChecklistExport(app.page).download('json')).path();
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { title: string; positions: unknown[] };
    expect(parsed.title).toBe(`${CHECKLIST_TITLE} (demo data)`);
    expect(parsed.positions.length).toBeGreaterThan(4);
  });

  test('PDF: a printable document with title and page numbers, rendered and read back', async ({ app }) => {
    test.skip(
      !existsSync('/usr/bin/pdftotext') && process.env['CI'] !== 'true',
      'poppler-utils (pdftotext, pdftoppm) is not installed',
    );
    const file = await (await new ChecklistExport(app.page).download('pdf')).path();
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(CHECKLIST_TITLE);
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).toContain('SOL/USDT:USDT');
    mkdirSync(SCREENSHOTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, path.join(SCREENSHOTS, 'checklist-pdf')]);
    expect(
      existsSync(path.join(SCREENSHOTS, 'checklist-pdf-01.png')) ||
        existsSync(path.join(SCREENSHOTS, 'checklist-pdf-1.png')),
    ).toBe(true);
  });
});
