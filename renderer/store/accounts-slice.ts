import type { StateCreator } from 'zustand';
import type { Account } from '../../shared/domain/account';
import type { VenueCredentials } from '../../shared/domain/credentials';
import type { KeychainStatus } from '../../shared/domain/keychain';
import type { AppError, Result } from '../../shared/result';
import type { AppState } from './index';

export interface AccountsSlice {
  readonly accounts: readonly Account[];
  readonly accountsLoaded: boolean;
  readonly accountsError: AppError | null;
  readonly keychainStatus: KeychainStatus | null;
  readonly loadAccounts: () => Promise<void>;
  /** Resolves with the service's answer so the form can show the permission check's outcome in place. */
  readonly addAccount: (label: string, credentials: VenueCredentials, sessionOnly: boolean) => Promise<Result<Account>>;
  readonly updateAccount: (
    accountId: string,
    change: { label?: string; enabled?: boolean },
  ) => Promise<Result<Account>>;
  readonly recheckAccount: (accountId: string) => Promise<Result<Account>>;
  readonly rotateAccountKey: (accountId: string, credentials: VenueCredentials) => Promise<Result<Account>>;
  readonly deleteAccount: (accountId: string) => Promise<Result<{ notice: string | null }>>;
}

export const createAccountsSlice =
  (api: AppState['api']): StateCreator<AppState, [], [], AccountsSlice> =>
  (set, get) => {
    /** Replaces one account in the list (or appends it) after the service answered with it, then reads its data. */
    const upsert = (result: Result<{ account: Account }>): Result<Account> => {
      if (!result.ok) return result;
      void get().refresh();
      const { account } = result.value;
      const others = get().accounts.filter((existing) => existing.accountId !== account.accountId);
      const index = get().accounts.findIndex((existing) => existing.accountId === account.accountId);
      const accounts = [...others];
      accounts.splice(index === -1 ? accounts.length : index, 0, account);
      set({ accounts });
      return { ok: true, value: account };
    };
    return {
      accounts: [],
      accountsLoaded: false,
      accountsError: null,
      keychainStatus: null,
      loadAccounts: async () => {
        const [list, keychain] = await Promise.all([api.listAccounts({}), api.getKeychainStatus({})]);
        set({
          ...(list.ok ? { accounts: list.value.accounts, accountsError: null } : { accountsError: list.error }),
          ...(keychain.ok ? { keychainStatus: keychain.value } : {}),
          accountsLoaded: true,
        });
      },
      addAccount: async (label, credentials, sessionOnly) =>
        upsert(await api.addAccount({ label, credentials, sessionOnly })),
      updateAccount: async (accountId, change) =>
        upsert(
          await api.updateAccount({
            accountId,
            ...(change.label !== undefined ? { label: change.label } : {}),
            ...(change.enabled !== undefined ? { enabled: change.enabled } : {}),
          }),
        ),
      recheckAccount: async (accountId) => upsert(await api.recheckAccount({ accountId })),
      rotateAccountKey: async (accountId, credentials) =>
        upsert(await api.rotateAccountKey({ accountId, credentials })),
      deleteAccount: async (accountId) => {
        const result = await api.deleteAccount({ accountId });
        if (!result.ok) return result;
        set({ accounts: get().accounts.filter((account) => account.accountId !== accountId) });
        void get().refresh();
        return { ok: true, value: { notice: result.value.notice } };
      },
    };
  };
