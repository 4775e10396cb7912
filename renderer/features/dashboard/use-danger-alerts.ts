import { useEffect, useRef } from 'react';
import type { Severity } from '../../../shared/domain/risk-report';
import { useAppStore } from '../../store';
import { describeCrossing, detectCrossings } from './alerts';

/**
 * Desktop notifications when a position crosses into danger or critical: through Electron's notifier, or the
 * browser's Notification API once the trader has allowed it (the header's alert button asks).
 */
export function useDangerAlerts(): void {
  const report = useAppStore((state) => state.report);
  const shell = useAppStore((state) => state.appInfo?.shell ?? null);
  const api = useAppStore((state) => state.api);
  const memory = useRef<Map<string, Severity> | null>(null);
  useEffect(() => {
    if (report === null) return;
    const { crossings, next } = detectCrossings(memory.current, report.positions);
    memory.current = next;
    for (const crossing of crossings) {
      const { title, body } = describeCrossing(crossing);
      if (shell === 'electron') void api.showNotification({ title, body });
      else if (typeof Notification !== 'undefined' && Notification.permission === 'granted')
        new Notification(title, { body, tag: crossing.position.positionId });
    }
  }, [report, shell, api]);
}
