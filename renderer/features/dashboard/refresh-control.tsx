import { useEffect } from 'react';
import { useAppStore } from '../../store';

/** Manual refresh (button, Ctrl/Cmd+R in the shell's hotkeys) and the automatic one at the interval in settings. */
export function RefreshControl() {
  const refresh = useAppStore((state) => state.refresh);
  const refreshing = useAppStore((state) => state.refreshing);
  const progress = useAppStore((state) => state.refreshProgress);
  const hasData = useAppStore((state) => state.snapshot !== null && state.snapshot.accounts.length > 0);
  const intervalSeconds = useAppStore((state) => state.settings?.refreshIntervalSeconds ?? 30);
  useEffect(() => {
    if (!hasData) return;
    const timer = setInterval(() => void refresh(), intervalSeconds * 1000);
    return () => clearInterval(timer);
  }, [hasData, intervalSeconds, refresh]);
  if (!hasData) return null;
  const label = refreshing
    ? progress === null
      ? 'Refreshing…'
      : progress.phase === 'markets'
        ? 'Refreshing markets…'
        : `Refreshing ${progress.done}/${progress.total}…`
    : 'Refresh';
  return (
    <button
      type="button"
      className="button"
      onClick={() => void refresh()}
      aria-busy={refreshing}
      title={`Ctrl/Cmd+R · every ${intervalSeconds} s`}
      data-testid="dashboard-refresh-button"
    >
      {label}
    </button>
  );
}
