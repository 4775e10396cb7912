import { Button } from '../../components/button';
import { useAppStore } from '../../store';

export function AccountsEmpty() {
  const openAddAccount = useAppStore((state) => state.openAddAccount);
  const startDemo = useAppStore((state) => state.startDemo);
  const startingDemo = useAppStore((state) => state.startingDemo);
  return (
    <div className="empty-state" data-testid="accounts-empty-state">
      <p className="empty-state__title">No exchange account connected</p>
      <p className="empty-state__text">
        Connect Binance, Bybit, OKX or Hyperliquid with a read-only API key to see every position’s distance to
        liquidation. Keys stay in your operating system’s keychain.
      </p>
      <div className="empty-state__actions">
        <Button variant="primary" testId="accounts-empty-add-button" onClick={openAddAccount}>
          Add a read-only API key
        </Button>
        <Button testId="accounts-empty-demo-button" onClick={() => void startDemo()}>
          {startingDemo ? 'Starting the demo…' : 'Try the demo'}
        </Button>
      </div>
    </div>
  );
}
