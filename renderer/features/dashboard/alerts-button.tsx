import { useState } from 'react';
import { useAppStore } from '../../store';

/** In the browser shell, desktop alerts need the browser's permission, asked for on a click (never on load). */
export function AlertsButton() {
  const shell = useAppStore((state) => state.appInfo?.shell ?? null);
  const [permission, setPermission] = useState(() =>
    typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
  );
  if (shell !== 'browser' || permission === 'unsupported') return null;
  if (permission === 'granted')
    return (
      <span className="dim" title="You will be notified when a position enters danger or critical">
        Alerts on
      </span>
    );
  return (
    <button
      type="button"
      className="button button--ghost"
      title={
        permission === 'denied'
          ? 'Alerts are blocked in this browser’s site settings'
          : 'Notify me when a position enters danger or critical'
      }
      onClick={() => void Notification.requestPermission().then(setPermission)}
      data-testid="shell-alerts-button"
    >
      {permission === 'denied' ? 'Alerts blocked' : 'Enable alerts'}
    </button>
  );
}
