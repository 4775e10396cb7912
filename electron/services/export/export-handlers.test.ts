import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChecklistSchema } from '../../../shared/domain/checklist';
import { defaultSettings } from '../../../shared/domain/settings';
import type { Snapshot } from '../../../shared/domain/snapshot';
import type { ExportChecklistResult } from '../../../shared/ipc/export-schemas';
import { ExportChecklistArgsSchema } from '../../../shared/ipc/export-schemas';
import type { Result } from '../../../shared/result';
import { buildRiskReport } from '../../../shared/risk/report';
import { createServices } from '../create-services';
import { invokeHandler } from '../invoke';
import { createExportHandlers, NO_DATA_MESSAGE, type ExportContext } from './export-handlers';
import { createDialogFileSaver, createDownloadFileSaver, type FileSaver } from './file-saver';

const NOW = 1_722_827_520_000; // 2024-08-05 03:12:00 UTC

/** One Binance BTC long and its account, nothing else (no market data: the report says so, the export still works). */
function tinySnapshot(): Snapshot {
  return {
    takenAt: NOW - 2_000,
    demo: false,
    accounts: [
      {
        accountId: 'a1',
        venue: 'binance',
        label: 'Main',
        keyHint: '…abcd',
        permissions: { read: true, trade: false, withdraw: false, transfer: false, venueFlags: [], checkedAt: NOW },
        enabled: true,
        disabledReason: null,
        sessionOnly: false,
        demo: false,
        addedAt: NOW - 86_400_000,
      },
    ],
    balances: [],
    positions: [
      {
        id: 'a1|BTC/USDT:USDT|long',
        accountId: 'a1',
        venue: 'binance',
        symbol: 'BTC/USDT:USDT',
        base: 'BTC',
        quote: 'USDT',
        settle: 'USDT',
        kind: 'linear',
        side: 'long',
        contracts: 0.5,
        contractSize: 1,
        sizeBase: 0.5,
        notionalUsd: 30_000,
        entryPrice: 58_000,
        markPrice: 60_000,
        leverage: 10,
        marginMode: 'isolated',
        positionMode: 'one-way',
        isolatedMarginSettle: 3_000,
        maintenanceMarginSettle: 120,
        maintenanceMarginRate: 0.004,
        initialMarginSettle: 3_000,
        unrealizedPnlSettle: 1_000,
        exchangeLiquidationPrice: 54_300,
        updatedAt: NOW - 2_000,
        missing: [],
      },
    ],
    markets: [],
    statuses: [{ accountId: 'a1', venue: 'binance', state: 'ok', lastOkAt: NOW - 2_000, error: null }],
  };
}

function context(snapshot: Snapshot | null, fileSaver: FileSaver): ExportContext {
  return {
    version: '0.1.0',
    snapshot: { getSnapshot: () => snapshot },
    settingsFile: { load: () => Promise.resolve({ settings: defaultSettings() }) },
    fileSaver,
    exportClock: () => NOW,
  };
}

const value = (r: Result<ExportChecklistResult>): ExportChecklistResult => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe('exportChecklist', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lg-export-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses with not_found before there is any data, saying what to do', async () => {
    const result = await createExportHandlers(context(null, createDownloadFileSaver())).exportChecklist({
      format: 'md',
    });
    expect(result).toEqual({ ok: false, error: { code: 'not_found', message: NO_DATA_MESSAGE } });
    expect(NO_DATA_MESSAGE).toMatch(/connect an account or start the demo/u);
  });

  it('browser shell: hands back the file for a download, named after the time, with the same report the engine gives', async () => {
    const out = value(
      await createExportHandlers(context(tinySnapshot(), createDownloadFileSaver())).exportChecklist({ format: 'md' }),
    );
    expect(out.kind).toBe('download');
    if (out.kind !== 'download') return;
    expect(out.suggestedName).toBe('liquidation-guard-checklist-20240805-0312Z.md');
    expect(out.mimeType).toBe('text/markdown; charset=utf-8');
    const text = Buffer.from(out.base64, 'base64').toString('utf8');
    expect(out.bytes).toBe(Buffer.byteLength(text));
    expect(text.startsWith('# Pre-trade risk checklist\n')).toBe(true);
    expect(text).toContain('generated 2024-08-05 03:12:00 UTC · data read 2024-08-05 03:11:58 UTC');
    // The services' own report: the same engine on the same snapshot at the same time gives the same summary.
    const report = buildRiskReport({ now: NOW, snapshot: tinySnapshot(), settings: defaultSettings() });
    expect(report.summary.positions).toBe(1);
    expect(out.atRisk).toBe(report.summary.bySeverity.danger + report.summary.bySeverity.critical);
    expect(out.summary).toMatch(/^1 position: 1 (safe|watch|danger|critical)$/u);
    expect(text).toContain(`**${out.summary}.`);
  });

  it.each([
    ['md', (b: Buffer) => expect(b.toString('utf8')).toMatch(/^# Pre-trade risk checklist/u)],
    ['csv', (b: Buffer) => expect(b.toString('utf8')).toMatch(/^\uFEFFid,section,severity,kind,code,/u)],
    ['json', (b: Buffer) => expect(ChecklistSchema.parse(JSON.parse(b.toString('utf8'))).generatedAt).toBe(NOW)],
    ['pdf', (b: Buffer) => expect(b.subarray(0, 5).toString('latin1')).toBe('%PDF-')],
  ] as const)('Electron: %s is written where the save dialog says, atomically', async (format, check) => {
    const asked: string[] = [];
    const saver = createDialogFileSaver((name, filters) => {
      asked.push(`${name} ${filters.map((f) => f.extensions.join('')).join()}`);
      return Promise.resolve(path.join(dir, `chosen.${format}`));
    });
    const out = value(await createExportHandlers(context(tinySnapshot(), saver)).exportChecklist({ format }));
    expect(asked).toEqual([`liquidation-guard-checklist-20240805-0312Z.${format} ${format}`]);
    expect(out).toMatchObject({ kind: 'saved', path: path.join(dir, `chosen.${format}`), format });
    const bytes = readFileSync(path.join(dir, `chosen.${format}`));
    if (out.kind === 'saved') expect(out.bytes).toBe(bytes.byteLength);
    check(bytes);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a closed dialog writes nothing', async () => {
    const before = readdirSync(dir).length;
    const saver = createDialogFileSaver(() => Promise.resolve(null));
    const out = value(await createExportHandlers(context(tinySnapshot(), saver)).exportChecklist({ format: 'csv' }));
    expect(out.kind).toBe('cancelled');
    expect(readdirSync(dir)).toHaveLength(before);
  });

  it('a failed write is an internal error the trader can act on, not a throw', async () => {
    const saver = createDialogFileSaver(() => Promise.resolve(path.join(dir, 'no-such-folder', 'x.md')));
    const result = await createExportHandlers(context(tinySnapshot(), saver)).exportChecklist({ format: 'md' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('internal');
      expect(result.error.message).toMatch(/could not be written .*Choose another folder/u);
    }
  });

  it.each([
    [{ format: 'md', path: '/etc/passwd' }],
    [{ format: 'html' }],
    [{ format: 'md', suggestedName: '../../x' }],
    [{}],
  ])('the renderer cannot pass a path or anything but a format: %j', async (args) => {
    expect(ExportChecklistArgsSchema.safeParse(args).success).toBe(false);
    const handlers = { exportChecklist: () => Promise.reject(new Error('must not be called')) };
    const outcome = await invokeHandler(handlers as never, 'exportChecklist', args);
    expect(outcome.kind).toBe('invalid_args');
  });
});

describe('exportChecklist through createServices and the demo (in-process simulator)', () => {
  let dataDir = '';
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'lg-export-services-'));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exports the services’ own demo snapshot as a download by default (browser shell)', async () => {
    const { handlers } = createServices({ shell: 'browser', version: '9.9.9', dataDir });
    const none = await handlers.exportChecklist({ format: 'json' });
    expect(none.ok).toBe(false);

    const demo = await handlers.startDemo({});
    expect(demo.ok).toBe(true);
    if (!demo.ok) return;
    const out = value(await handlers.exportChecklist({ format: 'json' }));
    expect(out.kind).toBe('download');
    if (out.kind !== 'download') return;
    const checklist = ChecklistSchema.parse(JSON.parse(Buffer.from(out.base64, 'base64').toString('utf8')));
    expect(checklist.demo).toBe(true);
    expect(checklist.title).toBe('Pre-trade risk checklist (demo data)');
    expect(checklist.app.version).toBe('9.9.9');
    expect(checklist.dataTakenAt).toBe(demo.value.takenAt);
    // Every position of the snapshot, and no other, is in the checklist.
    expect(checklist.positions.map((p) => p.positionId).sort()).toEqual(demo.value.positions.map((p) => p.id).sort());
    expect(checklist.venues.map((v) => v.accountId).sort()).toEqual(demo.value.statuses.map((s) => s.accountId).sort());
    // accounts.ts: the demo's Binance SOL 20× isolated long sits close to liquidation.
    expect(checklist.summary.atRisk).toBeGreaterThan(0);
    expect(checklist.positions[0]?.severity).toMatch(/danger|critical/u);
  }, 60_000);
});
