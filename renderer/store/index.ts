import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { RiskReport } from '../../shared/domain/risk-report';
import type { Api } from '../../shared/ipc/contract';
import { createAccountsSlice, type AccountsSlice } from './accounts-slice';
import { createAppSlice, type AppSlice } from './app-slice';
import { createExportSlice, type ExportSlice } from './export-slice';
import { createMarketsSlice, type MarketsSlice } from './markets-slice';
import { computeReport } from './report';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';
import { createSnapshotSlice, type SnapshotSlice } from './snapshot-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

/**
 * One store in slices (DESIGN.md §2). The api is injected so component tests can pass a fake. `report` is derived:
 * recomputed whenever the snapshot or the settings change, never set directly.
 */
export type AppState = { readonly api: Api; readonly report: RiskReport | null } & AppSlice &
  SettingsSlice &
  UiSlice &
  AccountsSlice &
  SnapshotSlice &
  ExportSlice &
  MarketsSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(api: Api): AppStore {
  const store = createStore<AppState>()((...a) => ({
    api,
    report: null,
    ...createAppSlice(api)(...a),
    ...createSettingsSlice(api)(...a),
    ...createUiSlice()(...a),
    ...createAccountsSlice(api)(...a),
    ...createSnapshotSlice(api)(...a),
    ...createExportSlice(api)(...a),
    ...createMarketsSlice(api)(...a),
  }));
  store.subscribe((state, previous) => {
    if (state.snapshot === previous.snapshot && state.settings === previous.settings) return;
    store.setState({ report: computeReport(state.snapshot, state.settings, state.report) });
  });
  return store;
}

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useAppStore needs a StoreContext provider');
  return useStore(store, selector);
}
