import { z } from 'zod';
import { ChecklistFormatSchema } from '../domain/checklist';

/**
 * exportChecklist: the services build the checklist from their own snapshot and settings and write the file. The
 * renderer chooses only the format; where the file goes is the shell's business (Electron: a save dialog; browser
 * shell: the bytes come back for a download). Never a path from the renderer.
 */
export const ExportChecklistArgsSchema = z.object({ format: ChecklistFormatSchema }).strict();
export type ExportChecklistArgs = z.infer<typeof ExportChecklistArgsSchema>;

const common = {
  format: ChecklistFormatSchema,
  /** e.g. `3 positions: 1 critical, 1 danger, 1 safe`. */
  summary: z.string().min(1),
  /** Positions in danger or critical. */
  atRisk: z.number().int().nonnegative(),
};

export const ExportChecklistResultSchema = z.discriminatedUnion('kind', [
  /** Written where the trader chose in the save dialog. */
  z.object({ kind: z.literal('saved'), path: z.string().min(1), bytes: z.number().int().nonnegative(), ...common }),
  /** The trader closed the save dialog; nothing was written. */
  z.object({ kind: z.literal('cancelled'), ...common }),
  /** Browser shell: the renderer turns this into a file download. */
  z.object({
    kind: z.literal('download'),
    suggestedName: z.string().min(1),
    mimeType: z.string().min(1),
    base64: z.string(),
    bytes: z.number().int().nonnegative(),
    ...common,
  }),
]);
export type ExportChecklistResult = z.infer<typeof ExportChecklistResultSchema>;
