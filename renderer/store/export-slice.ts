import type { StateCreator } from 'zustand';
import type { ChecklistFormat } from '../../shared/domain/checklist';
import type { AppError } from '../../shared/result';
import type { AppState } from './index';

export type ExportOutcome =
  | { readonly kind: 'saved'; readonly message: string }
  | { readonly kind: 'downloaded'; readonly message: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly error: AppError };

/** A file the browser shell must hand to the browser as a download (the service built and named it). */
export interface PendingDownload {
  readonly name: string;
  readonly mimeType: string;
  readonly base64: string;
}

export interface ExportSlice {
  /** The header's format menu (Ctrl/Cmd+E opens it). */
  readonly exportMenuOpen: boolean;
  readonly setExportMenuOpen: (open: boolean) => void;
  readonly exporting: ChecklistFormat | null;
  readonly exportOutcome: ExportOutcome | null;
  readonly exportChecklist: (format: ChecklistFormat) => Promise<PendingDownload | null>;
  readonly dismissExportOutcome: () => void;
}

/** The services build and write the checklist; the store only reports where it went. */
export const createExportSlice =
  (api: AppState['api']): StateCreator<AppState, [], [], ExportSlice> =>
  (set, get) => ({
    exportMenuOpen: false,
    setExportMenuOpen: (open) => set({ exportMenuOpen: open && get().snapshot !== null }),
    exporting: null,
    exportOutcome: null,
    dismissExportOutcome: () => set({ exportOutcome: null }),
    exportChecklist: async (format) => {
      if (get().exporting !== null) return null;
      set({ exporting: format, exportOutcome: null, exportMenuOpen: false });
      const result = await api.exportChecklist({ format });
      set({ exporting: null });
      if (!result.ok) {
        set({ exportOutcome: { kind: 'failed', error: result.error } });
        return null;
      }
      const value = result.value;
      switch (value.kind) {
        case 'cancelled':
          set({ exportOutcome: { kind: 'cancelled' } });
          return null;
        case 'saved':
          set({ exportOutcome: { kind: 'saved', message: `Checklist saved to ${value.path} (${value.summary}).` } });
          return null;
        case 'download':
          set({
            exportOutcome: {
              kind: 'downloaded',
              message: `Checklist downloaded as ${value.suggestedName} (${value.summary}).`,
            },
          });
          return { name: value.suggestedName, mimeType: value.mimeType, base64: value.base64 };
      }
    },
  });
