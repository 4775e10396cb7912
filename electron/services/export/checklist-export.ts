import { buildChecklist, type ChecklistMeta } from '../../../shared/checklist/build-checklist';
import { toCsv } from '../../../shared/checklist/to-csv';
import { toJson } from '../../../shared/checklist/to-json';
import { toMarkdown } from '../../../shared/checklist/to-markdown';
import type { Checklist, ChecklistFormat } from '../../../shared/domain/checklist';
import type { RiskReport } from '../../../shared/domain/risk-report';
import type { Settings } from '../../../shared/domain/settings';
import type { Snapshot } from '../../../shared/domain/snapshot';
import { assertNever } from '../../../shared/result';
import { buildRiskReport, type RiskReportInput } from '../../../shared/risk/report';

/**
 * From a snapshot to checklist bytes, in the services (the export button and the CLI share it): the report is built
 * here with the same `buildRiskReport` the screens use, from the services' own snapshot and settings, never from a
 * copy the renderer sends.
 */
export interface ChecklistBuildInput {
  readonly snapshot: Snapshot;
  readonly settings: Settings;
  /** The moment of the report and of the checklist. */
  readonly now: number;
  readonly appVersion: string;
  /** The previous report's regime memory (hysteresis), if any. */
  readonly regimeMemory?: RiskReportInput['regimeMemory'];
}

export interface BuiltChecklist {
  readonly report: RiskReport;
  readonly checklist: Checklist;
}

export function checklistFromSnapshot(input: ChecklistBuildInput): BuiltChecklist {
  const report = buildRiskReport({
    now: input.now,
    snapshot: input.snapshot,
    settings: input.settings,
    regimeMemory: input.regimeMemory ?? null,
  });
  const meta: ChecklistMeta = { generatedAt: input.now, appVersion: input.appVersion };
  return { report, checklist: buildChecklist(report, input.snapshot, input.settings, meta) };
}

export const MIME_TYPES: Readonly<Record<ChecklistFormat, string>> = {
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  pdf: 'application/pdf',
};

export interface RenderedChecklist {
  readonly bytes: Uint8Array;
  readonly mimeType: string;
  readonly suggestedName: string;
}

export async function renderChecklist(checklist: Checklist, format: ChecklistFormat): Promise<RenderedChecklist> {
  const suggestedName = checklistFileName(checklist, format);
  const mimeType = MIME_TYPES[format];
  switch (format) {
    case 'md':
      return { bytes: utf8(toMarkdown(checklist)), mimeType, suggestedName };
    case 'csv':
      // A byte-order mark so spreadsheet programs read the UTF-8 (σ, −, …) correctly.
      return { bytes: utf8(`\uFEFF${toCsv(checklist)}`), mimeType, suggestedName };
    case 'json':
      return { bytes: utf8(toJson(checklist)), mimeType, suggestedName };
    case 'pdf': {
      // Loaded on the first PDF export, not at start: pdfkit and its font and crypto modules cost ≈90 ms to load.
      const { renderChecklistPdf } = await import('./checklist-pdf');
      return { bytes: await renderChecklistPdf(checklist), mimeType, suggestedName };
    }
    default:
      return assertNever(format);
  }
}

const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

/** `liquidation-guard-checklist-20240805-0312Z.md` (`-demo` before the time for demo data). */
export function checklistFileName(checklist: Checklist, format: ChecklistFormat): string {
  const iso = new Date(checklist.generatedAt).toISOString();
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
  return `liquidation-guard-checklist${checklist.demo ? '-demo' : ''}-${stamp}.${format}`;
}
