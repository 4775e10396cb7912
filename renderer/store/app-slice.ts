import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../shared/domain/app-info';
import type { AppError } from '../../shared/result';
import type { AppState } from './index';

export interface AppSlice {
  readonly appInfo: AppInfo | null;
  readonly appInfoError: AppError | null;
  readonly loadAppInfo: () => Promise<void>;
}

export const createAppSlice =
  (api: AppState['api']): StateCreator<AppState, [], [], AppSlice> =>
  (set) => ({
    appInfo: null,
    appInfoError: null,
    loadAppInfo: async () => {
      const result = await api.getAppInfo({});
      set(result.ok ? { appInfo: result.value, appInfoError: null } : { appInfoError: result.error });
    },
  });
