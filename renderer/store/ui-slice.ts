import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export const VIEWS = ['dashboard', 'planner', 'market', 'stress', 'accounts', 'settings'] as const;
export type View = (typeof VIEWS)[number];

export interface UiSlice {
  readonly view: View;
  /** The position whose detail is open on the dashboard, if any. */
  readonly selectedPositionId: string | null;
  readonly showView: (view: View) => void;
  readonly openPosition: (positionId: string | null) => void;
}

export const createUiSlice = (): StateCreator<AppState, [], [], UiSlice> => (set) => ({
  view: 'dashboard',
  selectedPositionId: null,
  showView: (view) => set({ view }),
  openPosition: (positionId) => set({ selectedPositionId: positionId, view: 'dashboard' }),
});
