import { z } from 'zod';

export const ShellSchema = z.enum(['electron', 'browser']);
export type Shell = z.infer<typeof ShellSchema>;

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  shell: ShellSchema,
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;
