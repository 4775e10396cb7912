import type { Account } from '../../../shared/domain/account';
import { Badge } from '../../components/badge';

/** Read-only is the only green state; a key that can trade keeps a warning badge for as long as it is used. */
export function PermissionBadge({ account }: { readonly account: Account }) {
  const testId = `accounts-${account.accountId}-permission-badge`;
  if (!account.enabled && account.disabledReason !== null) {
    return (
      <Badge tone="danger" title={account.disabledReason} testId={testId}>
        Disabled
      </Badge>
    );
  }
  const { permissions } = account;
  if (permissions.withdraw || permissions.transfer) {
    return (
      <Badge tone="critical" testId={testId}>
        Can move funds
      </Badge>
    );
  }
  if (permissions.trade) {
    return (
      <Badge
        tone="watch"
        title="This key can place orders. Liquidation Guard never does, but a leaked key could."
        testId={testId}
      >
        ⚠ Can trade
      </Badge>
    );
  }
  if (account.venue === 'hyperliquid') {
    return (
      <Badge tone="safe" title="Read by public wallet address: no key, nothing that can trade." testId={testId}>
        Address only
      </Badge>
    );
  }
  return (
    <Badge tone="safe" title={`Venue flags: ${permissions.venueFlags.join(', ') || 'none'}`} testId={testId}>
      Read-only
    </Badge>
  );
}
