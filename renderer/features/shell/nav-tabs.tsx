import type { View } from '../../store/ui-slice';
import { useAppStore } from '../../store';

const TABS: readonly { readonly view: View; readonly label: string; readonly shortcut?: string }[] = [
  { view: 'dashboard', label: 'Dashboard' },
  { view: 'planner', label: 'Planner', shortcut: 'Ctrl/Cmd+N' },
  { view: 'market', label: 'Market' },
  { view: 'stress', label: 'Stress test' },
  { view: 'accounts', label: 'Accounts' },
  { view: 'settings', label: 'Settings' },
];

export function NavTabs() {
  const view = useAppStore((state) => state.view);
  const showView = useAppStore((state) => state.showView);
  return (
    <nav className="nav-tabs" aria-label="Screens">
      {TABS.map((tab) => (
        <button
          key={tab.view}
          type="button"
          className={`nav-tabs__tab ${tab.view === view ? 'is-active' : ''}`}
          aria-current={tab.view === view ? 'page' : undefined}
          title={tab.shortcut}
          onClick={() => showView(tab.view)}
          data-testid={`shell-nav-${tab.view}-tab`}
        >
          {tab.label}
        </button>
      ))}
    </nav>
  );
}
