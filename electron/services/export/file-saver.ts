import { randomUUID } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where an exported file goes. The services decide the bytes and a suggested name; the shell decides the place:
 * Electron asks with a save dialog (electron/main), the browser shell hands the bytes back for a download, the CLI
 * writes to the path it was given. The renderer never supplies a path.
 */
export interface SaveRequest {
  /** A bare file name, e.g. `liquidation-guard-checklist-20240805-0312Z.md` (never a path). */
  readonly suggestedName: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

export type SaveOutcome =
  | { readonly kind: 'saved'; readonly path: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'download'; readonly suggestedName: string; readonly mimeType: string; readonly base64: string };

export interface FileSaver {
  saveFile(request: SaveRequest): Promise<SaveOutcome>;
}

/** Browser shell: nothing is written on the machine; the renderer turns the bytes into a file download. */
export function createDownloadFileSaver(): FileSaver {
  return {
    saveFile: ({ suggestedName, mimeType, bytes }) =>
      Promise.resolve({ kind: 'download', suggestedName, mimeType, base64: Buffer.from(bytes).toString('base64') }),
  };
}

/** A save-dialog filter, in Electron's `dialog.showSaveDialog` shape. */
export interface SaveFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

/**
 * Asks where to save (`ask` resolves the chosen absolute path, or null when the trader cancels), then writes the file
 * atomically. Electron main passes a function around `dialog.showSaveDialog(window, { defaultPath, filters })`.
 */
export function createDialogFileSaver(
  ask: (suggestedName: string, filters: readonly SaveFilter[]) => Promise<string | null>,
): FileSaver {
  return {
    async saveFile({ suggestedName, mimeType, bytes }) {
      const chosen = await ask(suggestedName, filtersFor(suggestedName, mimeType));
      if (chosen === null || chosen === '') return { kind: 'cancelled' };
      await writeFileAtomically(chosen, bytes);
      return { kind: 'saved', path: chosen };
    },
  };
}

/** The CLI: always writes to `target` (relative paths resolve against the working directory). */
export function createPathFileSaver(target: string): FileSaver {
  return {
    async saveFile({ bytes }) {
      const absolute = path.resolve(target);
      await writeFileAtomically(absolute, bytes);
      return { kind: 'saved', path: absolute };
    },
  };
}

const FILTER_NAMES: Readonly<Record<string, string>> = {
  md: 'Markdown',
  csv: 'CSV',
  json: 'JSON',
  pdf: 'PDF',
  html: 'HTML',
};

export function filtersFor(suggestedName: string, mimeType: string): SaveFilter[] {
  const ext = path.extname(suggestedName).slice(1).toLowerCase();
  if (ext === '') return [{ name: mimeType, extensions: ['*'] }];
  return [{ name: FILTER_NAMES[ext] ?? ext.toUpperCase(), extensions: [ext] }];
}

/** Temp file in the same folder, then rename: a crash never leaves half a checklist under the chosen name. */
export async function writeFileAtomically(target: string, bytes: Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    await writeFile(temp, bytes, { mode: 0o644 });
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
