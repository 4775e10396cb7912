import type { Shell } from '../../../shared/domain/app-info';
import { SettingsSchema } from '../../../shared/domain/settings';
import { ok } from '../../../shared/result';
import type { Handlers } from '../../../shared/ipc/contract';
import type { SettingsFile } from '../settings/settings-file';

/** The shell's desktop notifications: Electron's `Notification` in the main process; absent in the browser shell. */
export interface Notifier {
  show(title: string, body: string): boolean;
}

export interface AppContext {
  readonly notifier?: Notifier;
  readonly appName: string;
  readonly version: string;
  readonly shell: Shell;
  readonly platform: string;
  readonly settingsFile: SettingsFile;
}

export function createAppHandlers(
  context: AppContext,
): Pick<Handlers, 'getAppInfo' | 'getSettings' | 'updateSettings' | 'showNotification'> {
  return {
    getAppInfo: () =>
      Promise.resolve(
        ok({ name: context.appName, version: context.version, shell: context.shell, platform: context.platform }),
      ),
    getSettings: async () => {
      const { settings, notice } = await context.settingsFile.load();
      return ok({ settings, notice });
    },
    showNotification: ({ title, body }) =>
      Promise.resolve(ok({ delivered: context.notifier?.show(title, body) ?? false })),
    updateSettings: async ({ patch }) => {
      const written = await context.settingsFile.update((current) => ({
        ...current,
        settings: SettingsSchema.parse({ ...current.settings, ...definedOnly(patch) }),
      }));
      return ok({ settings: written.settings, notice: written.notice });
    },
  };
}

/** A patch's absent keys mean "unchanged", never "set to undefined". */
function definedOnly(patch: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
}
