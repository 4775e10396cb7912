import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export const VIEWS = ['dashboard', 'planner', 'market', 'stress', 'accounts', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export interface UiSlice {
  readonly view: View;
  /** The position whose detail is open on the dashboard, if any. */
  readonly selectedPositionId: string | null;
  /** Set when the trader asked to add a key from elsewhere (the empty state): the accounts screen opens its form. */
  readonly addAccountFormOpen: boolean;
  readonly showView: (view: View) => void;
  readonly openAddAccount: () => void;
  readonly openPosition: (positionId: string | null) => void;
}

export const createUiSlice = (): StateCreator<AppState, [], [], UiSlice> => (set) => ({
  view: 'dashboard',
  selectedPositionId: null,
  addAccountFormOpen: false,
  showView: (view) => set({ view, addAccountFormOpen: false }),
  openAddAccount: () => set({ view: 'accounts', addAccountFormOpen: true }),
  openPosition: (positionId) => set({ selectedPositionId: positionId, view: 'dashboard' }),
});
