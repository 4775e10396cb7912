import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChecklist } from '../../../shared/checklist/build-checklist';
import {
  fixtureReport,
  fixtureSettings,
  fixtureSnapshot,
  GENERATED_AT,
  SMUGGLED_SECRETS,
} from '../../../shared/checklist/testing/checklist-fixture';
import { keepUnits, renderChecklistPdf, toWinAnsi } from './checklist-pdf';

const checklist = () =>
  buildChecklist(fixtureReport(), fixtureSnapshot(), fixtureSettings(), {
    generatedAt: GENERATED_AT,
    appVersion: '0.1.0',
  });

describe('renderChecklistPdf without poppler', () => {
  it('is an A4 PDF with the checklist time as its creation date, byte-identical on every run', async () => {
    const a = await renderChecklistPdf(checklist());
    const b = await renderChecklistPdf(checklist());
    expect(Buffer.from(a).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
    const text = Buffer.from(a).toString('latin1');
    // pdfkit writes the info dates uncompressed: D:YYYYMMDDHHmmssZ of GENERATED_AT (2024-08-05 03:12:00 UTC).
    expect(text).toContain('(D:20240805031200Z)');
    // A4 in points (ISO 216: 210 × 297 mm).
    expect(text).toContain('/MediaBox [0 0 595.28 841.89]');
    // Only the standard fonts, nothing embedded.
    expect(text).not.toContain('/FontFile');
    expect(text).toMatch(/\/BaseFont \/Helvetica\b/u);
  });

  it.each([
    ['−15.95 %', '-15.95 %'],
    ['0.95 daily σ', '0.95 daily sigma'],
    ['≤ 5×', '<= 5×'],
    ['Main (…abcd)', 'Main (...abcd)'],
    ['β 1.80 → ok', 'beta 1.80 -> ok'],
    ['ETH · 20 × “x” – y', 'ETH · 20 × “x” – y'],
    ['漢', '?'],
  ])('toWinAnsi(%j) = %j', (input, expected) => expect(toWinAnsi(input)).toBe(expected));

  it.each([
    ['30.52 %', '30.52\u00a0%'],
    ['60,008 USD', '60,008\u00a0USD'],
    ['1.35 σ away', '1.35\u00a0σ away'],
    ['sell 160 SOL at 139.57 (mark trigger)', 'sell 160\u00a0SOL at 139.57 (mark trigger)'],
    ['4.28 % · 1.35 σ', '4.28\u00a0% · 1.35\u00a0σ'],
  ])('keepUnits(%j) keeps a number with its unit', (input, expected) => expect(keepUnits(input)).toBe(expected));
});

const which = (bin: string) => spawnSync(bin, ['-v'], { encoding: 'utf8' }).error === undefined;
const poppler = which('pdftotext') && which('pdftoppm');
const mustRun = process.env['CI'] === 'true';

describe.skipIf(!poppler && !mustRun)('PDF checked with poppler (skipped: pdftotext/pdftoppm not installed)', () => {
  let dir = '';
  let pdf = '';
  let text = '';
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lg-pdf-'));
    pdf = path.join(dir, 'checklist.pdf');
    writeFileSync(pdf, await renderChecklistPdf(checklist()));
    const out = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    text = out.stdout;
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    // Title, dates, summary (fixture: GENERATED_AT, TAKEN_AT; four positions in four severities).
    'Pre-trade risk checklist',
    'generated 2024-08-05 03:12:00 UTC · data read 2024-08-05 03:11:58 UTC',
    '4 positions: 1 critical, 1 danger, 1 watch, 1 safe.',
    // Venue status, with the stale source's time.
    'stale since 2024-08-05 03:05:00 UTC',
    // The positions table and the worst position first.
    'Positions (worst first)',
    '1. CRITICAL · SOL/USDT:USDT long · Binance · Main (...abcd)',
    // Checklist items with the numbers: reduce, stop rungs with triggers, leverage cap.
    'Reduce SOL/USDT:USDT long by 57.1 SOL (40 % of 142.8571)',
    'Stop 1/2: sell 30 SOL at 133.7000 (mark trigger, reduce-only)',
    'Cap the leverage of ETH/USDT:USDT short at 10×',
    // Regime, stress (risk-method.md E20), settings, footer.
    'Longs CROWDED (score 0.62)',
    'liquidated by a BTC move of -15.95 %; -26.51 % without SOL',
    'liquidated at BTC -5 % (SOL -9.0 %, beta 1.80)',
    'Settings used',
    'Page 1 of 3',
    'Page 3 of 3',
  ])('the text layer says %j', (needle) => {
    expect(text.replace(/[ \t\u00a0]+/gu, ' ')).toContain(needle.replace(/[ \t]+/gu, ' '));
  });

  it('carries no secret and no key hint beyond four characters', () => {
    for (const secret of Object.values(SMUGGLED_SECRETS)) expect(text).not.toContain(secret.slice(0, 12));
    const hints = [...text.matchAll(/\.\.\.([A-Za-z0-9]+)\)/gu)].map((m) => m[1]);
    expect(hints.length).toBeGreaterThan(0);
    for (const h of hints) expect(h).toHaveLength(4);
  });

  it('renders every page as an A4 image with ink in the title and the footer', () => {
    const png = spawnSync('pdftoppm', ['-r', '50', '-png', pdf, path.join(dir, 'page')]);
    expect(png.status).toBe(0);
    const pages = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(pages).toHaveLength(3);
    const first = readFileSync(path.join(dir, pages.sort()[0] ?? ''));
    // PNG signature, then IHDR width/height: A4 at 50 dpi is 595.28/72·50 ≈ 413 × 841.89/72·50 ≈ 585 pixels.
    expect(first.subarray(1, 4).toString('latin1')).toBe('PNG');
    const [w, h] = [first.readUInt32BE(16), first.readUInt32BE(20)];
    expect(Math.abs(w - 413)).toBeLessThanOrEqual(1);
    expect(Math.abs(h - 585)).toBeLessThanOrEqual(1);

    // The same page as raw greyscale (PGM) to look at the pixels: dark ink where the title and footer are.
    const gray = spawnSync('pdftoppm', ['-r', '50', '-gray', '-f', '1', '-l', '1', pdf, path.join(dir, 'gray')]);
    expect(gray.status).toBe(0);
    const pgmName = readdirSync(dir).find((f) => f.startsWith('gray') && f.endsWith('.pgm')) ?? '';
    const { width, height, pixels } = readPgm(readFileSync(path.join(dir, pgmName)));
    const darkRows = (from: number, to: number) => {
      let n = 0;
      for (let y = Math.floor(from * height); y < Math.floor(to * height); y++) {
        for (let x = 0; x < width; x++) if ((pixels[y * width + x] ?? 255) < 200) n++; // anti-aliased small grey text stays above 128
      }
      return n;
    };
    expect(darkRows(0.04, 0.09)).toBeGreaterThan(100); // the 18 pt title near the top margin
    expect(darkRows(0.94, 0.97)).toBeGreaterThan(20); // "Page 1 of 3" in the footer
    expect(darkRows(0.98, 1)).toBe(0); // nothing printed into the bottom edge
  });
});

function readPgm(buf: Buffer): { width: number; height: number; pixels: Buffer } {
  // P5 <w> <h> <max>\n<bytes>
  const header = buf.subarray(0, 64).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/u.exec(header);
  if (m === null) throw new Error('not a binary PGM');
  return { width: Number(m[1]), height: Number(m[2]), pixels: buf.subarray(m[0].length) };
}
