import { bench, describe } from 'vitest';
import { buildChecklist } from '../../../shared/checklist/build-checklist';
import { toCsv } from '../../../shared/checklist/to-csv';
import { toJson } from '../../../shared/checklist/to-json';
import { toMarkdown } from '../../../shared/checklist/to-markdown';
import type { Account } from '../../../shared/domain/account';
import { defaultSettings } from '../../../shared/domain/settings';
import type { Snapshot } from '../../../shared/domain/snapshot';
import { buildRiskReport } from '../../../shared/risk/report';
import { syntheticSnapshot } from '../../../shared/risk/synthetic';
import { renderChecklistPdf } from './checklist-pdf';

/**
 * The export's cost past the report: buildChecklist and each format, for 500 positions over 20 markets (the
 * dashboard's large case, issue 6). Run: `npx vitest bench --run electron/services/export`.
 */
const NOW = 1_722_827_520_000;
const base = syntheticSnapshot({ markets: 20, positions: 500, bookLevels: 50, candles: 200, seed: 6, now: NOW });
const ids = [...new Set(base.positions.map((p) => p.accountId))].sort();
const accounts: Account[] = ids.map((accountId, i) => ({
  accountId,
  venue: base.positions.find((p) => p.accountId === accountId)?.venue ?? 'binance',
  label: `Account ${i + 1}`,
  keyHint: '…abcd',
  permissions: { read: true, trade: false, withdraw: false, transfer: false, venueFlags: [], checkedAt: NOW },
  enabled: true,
  disabledReason: null,
  sessionOnly: false,
  demo: false,
  addedAt: NOW,
}));
const snapshot: Snapshot = {
  ...base,
  takenAt: NOW,
  demo: false,
  accounts,
  statuses: accounts.map((a) => ({ accountId: a.accountId, venue: a.venue, state: 'ok', lastOkAt: NOW, error: null })),
};
const settings = defaultSettings();
const report = buildRiskReport({ now: NOW, snapshot, settings });
const checklist = buildChecklist(report, snapshot, settings, { generatedAt: NOW, appVersion: 'bench' });

describe(`checklist, ${report.positions.length} positions`, () => {
  bench('buildRiskReport (for scale)', () => {
    buildRiskReport({ now: NOW, snapshot, settings });
  });
  bench('buildChecklist', () => {
    buildChecklist(report, snapshot, settings, { generatedAt: NOW, appVersion: 'bench' });
  });
  bench('toMarkdown', () => {
    toMarkdown(checklist);
  });
  bench('toCsv', () => {
    toCsv(checklist);
  });
  bench('toJson', () => {
    toJson(checklist);
  });
  bench(
    'renderChecklistPdf',
    async () => {
      await renderChecklistPdf(checklist);
    },
    { iterations: 3, time: 0 },
  );
});
