import { lazy, Suspense, useLayoutEffect, useMemo } from 'react';
import { Button } from '../../components/button';
import { Panel } from '../../components/panel';
import { useAppStore } from '../../store';
import { SNAPSHOT_RECEIVED_MARK } from '../../store/snapshot-slice';
import { AccountsEmpty } from '../accounts/accounts-empty';
import { PositionsEmpty } from '../positions/positions-empty';
import { PositionsTable } from '../positions/positions-table';
import { toRows } from '../positions/position-rows';
import { AccountStrip } from './account-strip';
import { SourceStatuses } from './source-status';
import { WarningsPanel } from './warnings-panel';
import { ViewLoading } from '../shell/view-loading';

// Loaded when a position is first opened: its chart (lightweight-charts) and market panels are not needed for the list.
const PositionDetail = lazy(() =>
  import('../position-detail/position-detail').then((module) => ({ default: module.PositionDetail })),
);

/** The first screen once an account or the demo is connected. */
export function Dashboard() {
  const snapshot = useAppStore((state) => state.snapshot);
  const report = useAppStore((state) => state.report);
  const selected = useAppStore((state) => state.selectedPositionId);
  const openPosition = useAppStore((state) => state.openPosition);
  const snapshotError = useAppStore((state) => state.snapshotError);
  const rows = useMemo(
    () => (report === null || snapshot === null ? [] : toRows(report.positions, snapshot.accounts, snapshot.markets)),
    [report, snapshot],
  );
  useLayoutEffect(() => {
    // `npm run bench` reads this: time from a snapshot arriving to the dashboard's rows committed for it.
    if (report !== null && performance.getEntriesByName(SNAPSHOT_RECEIVED_MARK).length > 0) {
      performance.measure('lg:dashboard-rerender', SNAPSHOT_RECEIVED_MARK);
      performance.clearMarks(SNAPSHOT_RECEIVED_MARK);
    }
  }, [report]);
  const positionLabel = useMemo(() => {
    const byId = new Map(rows.map((row) => [row.id, `${row.symbol} ${row.side} · ${row.accountLabel}`]));
    return (id: string) => byId.get(id) ?? id;
  }, [rows]);

  if (snapshot === null || snapshot.accounts.length === 0 || report === null) {
    return (
      <>
        <Panel title="Accounts" testId="accounts-panel">
          <AccountsEmpty />
          {snapshotError !== null && (
            <p className="field__error" role="alert">
              {snapshotError.message}
            </p>
          )}
        </Panel>
        <Panel title="Positions" testId="positions-panel" className="panel--grow">
          <PositionsEmpty />
        </Panel>
      </>
    );
  }

  const selectedExists = selected !== null && report.positions.some((p) => p.positionId === selected);
  return (
    <>
      <AccountStrip accounts={snapshot.accounts} balances={snapshot.balances} report={report} />
      <SourceStatuses statuses={snapshot.statuses} accounts={snapshot.accounts} />
      {snapshotError !== null && (
        <p className="callout callout--danger" role="alert">
          {snapshotError.message} The figures below are from the last successful refresh.
        </p>
      )}
      <div className="dashboard__body">
        {selectedExists ? (
          <Panel
            title={positionLabel(selected)}
            testId="position-detail-panel"
            className="panel--grow"
            actions={
              <Button onClick={() => openPosition(null)} testId="position-detail-back-button">
                ← All positions
              </Button>
            }
          >
            <Suspense fallback={<ViewLoading />}>
              <PositionDetail positionId={selected} />
            </Suspense>
          </Panel>
        ) : (
          <Panel title={`Positions (${rows.length})`} testId="positions-panel" className="panel--grow">
            {rows.length === 0 ? <PositionsEmpty /> : <PositionsTable rows={rows} onOpen={openPosition} />}
          </Panel>
        )}
        <Panel title={`Warnings (${report.warnings.length})`} testId="warnings-panel" className="dashboard__side">
          <WarningsPanel report={report} positionLabel={positionLabel} onOpen={openPosition} />
        </Panel>
      </div>
    </>
  );
}
