import type { Handlers } from '../../../shared/ipc/contract';
import { ok } from '../../../shared/result';
import type { AccountService } from './account-service';

export interface AccountsContext {
  readonly accounts: AccountService;
}

type AccountsMethods =
  | 'listAccounts'
  | 'getKeychainStatus'
  | 'addAccount'
  | 'updateAccount'
  | 'recheckAccount'
  | 'rotateAccountKey'
  | 'deleteAccount';

/**
 * The accounts contract methods. Credentials arrive in the arguments and go straight into the service; every result
 * is an Account (keyHint only), a keychain status, or an id: nothing here can hand a secret back.
 */
export function createAccountsHandlers(context: AccountsContext): Pick<Handlers, AccountsMethods> {
  const { accounts } = context;
  return {
    listAccounts: async () => ok({ accounts: [...(await accounts.list())] }),
    getKeychainStatus: async () => ok(await accounts.keychainStatus()),
    addAccount: (args) => accounts.add(args),
    updateAccount: async ({ accountId, label, enabled }) => {
      const updated = await accounts.update(accountId, { label, enabled });
      return updated.ok ? ok({ account: updated.value }) : updated;
    },
    recheckAccount: async ({ accountId }) => {
      const rechecked = await accounts.recheck(accountId, 'user');
      return rechecked.ok ? ok({ account: rechecked.value }) : rechecked;
    },
    rotateAccountKey: ({ accountId, credentials }) => accounts.rotate(accountId, credentials),
    deleteAccount: ({ accountId }) => accounts.remove(accountId),
  };
}
