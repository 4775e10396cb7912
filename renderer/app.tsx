import { useEffect, useMemo } from 'react';
import { Panel } from './components/panel';
import { AccountsEmpty } from './features/accounts/accounts-empty';
import { AccountsScreen } from './features/accounts/accounts-screen';
import { PositionsEmpty } from './features/positions/positions-empty';
import { SettingsScreen } from './features/settings/settings-screen';
import { AppHeader } from './features/shell/app-header';
import { StatusBar } from './features/shell/status-bar';
import { useHotkeys } from './features/shell/use-hotkeys';
import { StoreContext, useAppStore, type AppStore } from './store';
import type { View } from './store/ui-slice';

export function App({ store }: { readonly store: AppStore }) {
  return (
    <StoreContext.Provider value={store}>
      <Shell />
    </StoreContext.Provider>
  );
}

function Shell() {
  const loadAppInfo = useAppStore((state) => state.loadAppInfo);
  const loadSettings = useAppStore((state) => state.loadSettings);
  const theme = useAppStore((state) => state.settings?.theme ?? 'dark');
  const colorScheme = useAppStore((state) => state.settings?.colorScheme ?? 'green-up');
  const view = useAppStore((state) => state.view);
  const showView = useAppStore((state) => state.showView);
  useEffect(() => {
    void loadAppInfo();
    void loadSettings();
  }, [loadAppInfo, loadSettings]);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
    document.documentElement.dataset['colorScheme'] = colorScheme;
  }, [theme, colorScheme]);
  const hotkeys = useMemo(() => ({ n: () => showView('planner') }), [showView]);
  useHotkeys(hotkeys);
  return (
    <div className="app" data-testid="shell-root">
      <AppHeader />
      <main className="app-main" data-testid={`shell-view-${view}`}>
        <ViewContent view={view} />
      </main>
      <StatusBar />
    </div>
  );
}

function ViewContent({ view }: { readonly view: View }) {
  switch (view) {
    case 'accounts':
      return <AccountsScreen />;
    case 'settings':
      return (
        <Panel title="Settings" testId="settings-panel">
          <SettingsScreen />
        </Panel>
      );
    default:
      return (
        <>
          <Panel title="Accounts" testId="accounts-panel">
            <AccountsEmpty />
          </Panel>
          <Panel title="Positions" testId="positions-panel" className="panel--grow">
            <PositionsEmpty />
          </Panel>
        </>
      );
  }
}
