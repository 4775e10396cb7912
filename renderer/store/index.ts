import { createContext, useContext } from 'react';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { Api } from '../../shared/ipc/contract';
import { createAccountsSlice, type AccountsSlice } from './accounts-slice';
import { createAppSlice, type AppSlice } from './app-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

/** One store in slices (DESIGN.md §2). The api is injected so component tests can pass a fake. */
export type AppState = { readonly api: Api } & AppSlice & SettingsSlice & UiSlice & AccountsSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(api: Api): AppStore {
  return createStore<AppState>()((...a) => ({
    api,
    ...createAppSlice(api)(...a),
    ...createSettingsSlice(api)(...a),
    ...createUiSlice()(...a),
    ...createAccountsSlice(api)(...a),
  }));
}

export const StoreContext = createContext<AppStore | null>(null);

export function useAppStore<T>(selector: (state: AppState) => T): T {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useAppStore needs a StoreContext provider');
  return useStore(store, selector);
}
