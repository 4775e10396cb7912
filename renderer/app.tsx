import { useEffect } from 'react';
import { Panel } from './components/panel';
import { AccountsEmpty } from './features/accounts/accounts-empty';
import { PositionsEmpty } from './features/positions/positions-empty';
import { AppHeader } from './features/shell/app-header';
import { StatusBar } from './features/shell/status-bar';
import { StoreContext, useAppStore, type AppStore } from './store';

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
  useEffect(() => {
    void loadAppInfo();
    void loadSettings();
  }, [loadAppInfo, loadSettings]);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  return (
    <div className="app" data-testid="shell-root">
      <AppHeader />
      <main className="app-main">
        <Panel title="Accounts" testId="accounts-panel">
          <AccountsEmpty />
        </Panel>
        <Panel title="Positions" testId="positions-panel" className="panel--grow">
          <PositionsEmpty />
        </Panel>
      </main>
      <StatusBar />
    </div>
  );
}
