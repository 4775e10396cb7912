import type { ChecklistFormat } from '../../../shared/domain/checklist';
import type { Settings } from '../../../shared/domain/settings';
import type { Snapshot } from '../../../shared/domain/snapshot';
import type { Handlers } from '../../../shared/ipc/contract';
import type { ExportChecklistResult } from '../../../shared/ipc/export-schemas';
import { err, ok, type Result } from '../../../shared/result';
import type { RegimeMemory } from '../../../shared/risk/regime';
import { checklistFromSnapshot, renderChecklist } from './checklist-export';
import type { FileSaver } from './file-saver';

export interface ExportContext {
  readonly version: string;
  readonly snapshot: { getSnapshot(): Snapshot | null };
  readonly settingsFile: { load(): Promise<{ readonly settings: Settings }> };
  /** Where exported files go: Electron's save dialog, the browser shell's download, the CLI's path. */
  readonly fileSaver: FileSaver;
  /** The clock of the checklist's "generated" time (default Date.now). */
  readonly exportClock?: () => number;
}

export const NO_DATA_MESSAGE =
  'There is nothing to export yet: connect an account or start the demo, wait for the first refresh, then export again.';

/** exportChecklist: build the report from the services' own snapshot and settings, render, hand to the FileSaver. */
export function createExportHandlers(context: ExportContext): Pick<Handlers, 'exportChecklist'> {
  const clock = context.exportClock ?? Date.now;
  // Regime hysteresis carried from one export to the next (keyed by market), as the screens carry theirs.
  let regimeMemory: Readonly<Record<string, RegimeMemory>> | null = null;

  async function exportChecklist({ format }: { format: ChecklistFormat }): Promise<Result<ExportChecklistResult>> {
    const snapshot = context.snapshot.getSnapshot();
    if (snapshot === null) return err('not_found', NO_DATA_MESSAGE);
    let rendered;
    let summary: string;
    let atRisk: number;
    try {
      const { settings } = await context.settingsFile.load();
      const built = checklistFromSnapshot({
        snapshot,
        settings,
        now: Math.trunc(clock()),
        appVersion: context.version,
        regimeMemory,
      });
      regimeMemory = built.report.regimeMemory;
      summary = built.checklist.summary.line;
      atRisk = built.checklist.summary.atRisk;
      rendered = await renderChecklist(built.checklist, format);
    } catch (error) {
      return err('internal', `The checklist could not be built (${detail(error)}). Please report this problem.`);
    }
    const common = { format, summary, atRisk };
    try {
      const outcome = await context.fileSaver.saveFile(rendered);
      switch (outcome.kind) {
        case 'saved':
          return ok({ kind: 'saved', path: outcome.path, bytes: rendered.bytes.byteLength, ...common });
        case 'cancelled':
          return ok({ kind: 'cancelled', ...common });
        case 'download':
          return ok({
            kind: 'download',
            suggestedName: outcome.suggestedName,
            mimeType: outcome.mimeType,
            base64: outcome.base64,
            bytes: rendered.bytes.byteLength,
            ...common,
          });
      }
    } catch (error) {
      return err(
        'internal',
        `The checklist could not be written (${detail(error)}). Choose another folder, or check that the disk is not full.`,
      );
    }
  }

  return { exportChecklist };
}

const detail = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 200);
