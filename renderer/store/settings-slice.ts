import type { StateCreator } from 'zustand';
import { SettingsSchema, type Settings, type SettingsPatch } from '../../shared/domain/settings';
import type { AppError } from '../../shared/result';
import type { AppState } from './index';

export interface SettingsSlice {
  /** null until loaded; validated with the shared schema whatever the transport delivered. */
  readonly settings: Settings | null;
  readonly settingsNotice: string | null;
  readonly settingsError: AppError | null;
  readonly loadSettings: () => Promise<void>;
  readonly updateSettings: (patch: SettingsPatch) => Promise<void>;
}

export const createSettingsSlice =
  (api: AppState['api']): StateCreator<AppState, [], [], SettingsSlice> =>
  (set) => {
    const accept = (result: Awaited<ReturnType<AppState['api']['getSettings']>>) => {
      if (!result.ok) {
        set({ settingsError: result.error });
        return;
      }
      const parsed = SettingsSchema.safeParse(result.value.settings);
      set(
        parsed.success
          ? { settings: parsed.data, settingsNotice: result.value.notice, settingsError: null }
          : { settingsError: { code: 'internal', message: 'The settings the service sent were not valid.' } },
      );
    };
    return {
      settings: null,
      settingsNotice: null,
      settingsError: null,
      loadSettings: async () => accept(await api.getSettings({})),
      updateSettings: async (patch) => accept(await api.updateSettings({ patch })),
    };
  };
