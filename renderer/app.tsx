import { lazy, Suspense, useEffect, useMemo } from 'react';
import { Badge } from './components/badge';
import { Panel } from './components/panel';
import { ExportMenu } from './features/checklist/export-menu';
import { AlertsButton } from './features/dashboard/alerts-button';
import { Dashboard } from './features/dashboard/dashboard';
import { RefreshControl } from './features/dashboard/refresh-control';
import { useDangerAlerts } from './features/dashboard/use-danger-alerts';
import { AppHeader } from './features/shell/app-header';
import { StatusBar } from './features/shell/status-bar';
import { useHotkeys } from './features/shell/use-hotkeys';
import { ViewLoading } from './features/shell/view-loading';
import { StoreContext, useAppStore, type AppStore } from './store';
import type { View } from './store/ui-slice';

// The dashboard is in the first bundle; the other screens load when first opened (their code is not needed for the
// first paint: a smaller bundle to parse while the demo's first read runs).
const PlannerScreen = lazy(() =>
  import('./features/planner/planner-screen').then((module) => ({ default: module.PlannerScreen })),
);
const MarketScreen = lazy(() =>
  import('./features/market/market-screen').then((module) => ({ default: module.MarketScreen })),
);
const StressScreen = lazy(() =>
  import('./features/stress/stress-screen').then((module) => ({ default: module.StressScreen })),
);
const AccountsScreen = lazy(() =>
  import('./features/accounts/accounts-screen').then((module) => ({ default: module.AccountsScreen })),
);
const SettingsScreen = lazy(() =>
  import('./features/settings/settings-screen').then((module) => ({ default: module.SettingsScreen })),
);

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
  const loadAccounts = useAppStore((state) => state.loadAccounts);
  const loadSnapshot = useAppStore((state) => state.loadSnapshot);
  const listen = useAppStore((state) => state.listen);
  const refresh = useAppStore((state) => state.refresh);
  const theme = useAppStore((state) => state.settings?.theme ?? 'dark');
  const colorScheme = useAppStore((state) => state.settings?.colorScheme ?? 'green-up');
  const demo = useAppStore((state) => state.snapshot?.demo === true);
  const view = useAppStore((state) => state.view);
  const showView = useAppStore((state) => state.showView);
  useEffect(() => {
    void loadAppInfo();
    void loadSettings();
    void loadAccounts();
    void loadSnapshot();
    return listen();
  }, [loadAppInfo, loadSettings, loadAccounts, loadSnapshot, listen]);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
    document.documentElement.dataset['colorScheme'] = colorScheme;
  }, [theme, colorScheme]);
  const setExportMenuOpen = useAppStore((state) => state.setExportMenuOpen);
  const hotkeys = useMemo(
    () => ({ n: () => showView('planner'), r: () => void refresh(), e: () => setExportMenuOpen(true) }),
    [showView, refresh, setExportMenuOpen],
  );
  useHotkeys(hotkeys);
  useDangerAlerts();
  return (
    <div className="app" data-testid="shell-root">
      <AppHeader
        actions={
          <>
            {demo && (
              <Badge
                tone="demo"
                title="Simulated accounts and market data: nothing here is real."
                testId="shell-demo-badge"
              >
                DEMO
              </Badge>
            )}
            <AlertsButton />
            <ExportMenu />
            <RefreshControl />
          </>
        }
      />
      <main className="app-main" data-testid={`shell-view-${view}`}>
        <Suspense fallback={<ViewLoading />}>
          <ViewContent view={view} />
        </Suspense>
      </main>
      <StatusBar />
    </div>
  );
}

function ViewContent({ view }: { readonly view: View }) {
  switch (view) {
    case 'dashboard':
      return <Dashboard />;
    case 'planner':
      return <PlannerScreen />;
    case 'market':
      return <MarketScreen />;
    case 'stress':
      return <StressScreen />;
    case 'accounts':
      return <AccountsScreen />;
    case 'settings':
      return (
        <Panel title="Settings" testId="settings-panel">
          <SettingsScreen />
        </Panel>
      );
  }
}
