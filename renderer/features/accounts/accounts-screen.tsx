import { useEffect, useState } from 'react';
import { Button } from '../../components/button';
import { Panel } from '../../components/panel';
import { useAppStore } from '../../store';
import { AccountRow } from './account-row';
import { AddAccountForm } from './add-account-form';

export function AccountsScreen() {
  const accounts = useAppStore((state) => state.accounts);
  const loaded = useAppStore((state) => state.accountsLoaded);
  const error = useAppStore((state) => state.accountsError);
  const keychain = useAppStore((state) => state.keychainStatus);
  const loadAccounts = useAppStore((state) => state.loadAccounts);
  const addFormRequested = useAppStore((state) => state.addAccountFormOpen);
  const [adding, setAdding] = useState(addFormRequested);
  /** The last add's outcome, shown above the list (the form closes once the account is in). */
  const [added, setAdded] = useState<string | null>(null);
  useEffect(() => {
    void loadAccounts();
  }, [loadAccounts]);
  const showForm = adding || (loaded && accounts.length === 0);

  return (
    <>
      <Panel
        title="Exchange accounts"
        testId="accounts-list-panel"
        actions={
          !showForm && (
            <Button
              variant="primary"
              onClick={() => {
                setAdded(null);
                setAdding(true);
              }}
              testId="accounts-open-add-button"
            >
              Add account
            </Button>
          )
        }
      >
        {error !== null && (
          <p className="field__error" role="alert">
            {error.message}
          </p>
        )}
        {added !== null && (
          <p className="add-account__ok" role="status" data-testid="accounts-add-result">
            {added}
          </p>
        )}
        {keychain !== null && !keychain.available && !showForm && (
          <div className="callout callout--watch" data-testid="accounts-keychain-status">
            {keychain.message}
          </div>
        )}
        {accounts.length === 0 ? (
          <p className="muted" data-testid="accounts-list-empty">
            {loaded
              ? 'No account yet. Add one below: the key is checked for read-only rights before it is stored.'
              : 'Loading…'}
          </p>
        ) : (
          <div className="table-wrap">
            <table className="data-table data-table--text" data-testid="accounts-table">
              <thead>
                <tr>
                  <th scope="col">Venue</th>
                  <th scope="col">Label</th>
                  <th scope="col">Key</th>
                  <th scope="col">Permissions</th>
                  <th scope="col">Status</th>
                  <th scope="col">Checked</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {accounts.map((account) => (
                  <AccountRow key={account.accountId} account={account} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
      {showForm && (
        <Panel title="Add a read-only API key" testId="accounts-add-panel">
          <AddAccountForm
            onAdded={(message) => {
              setAdded(message);
              setAdding(false);
            }}
          />
        </Panel>
      )}
    </>
  );
}
