import { useState } from 'react';
import type { Account } from '../../../shared/domain/account';
import { CREDENTIAL_FIELDS } from '../../../shared/domain/credentials';
import { VENUE_LABELS } from '../../../shared/domain/venue';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { formatClock } from '../../components/format';
import { useAppStore } from '../../store';
import { checkAccountForm, type CredentialValues } from './account-form';
import { PermissionBadge } from './permission-badge';

type Mode = 'view' | 'rotate' | 'confirm-delete';

export function AccountRow({ account }: { readonly account: Account }) {
  const recheckAccount = useAppStore((state) => state.recheckAccount);
  const updateAccount = useAppStore((state) => state.updateAccount);
  const deleteAccount = useAppStore((state) => state.deleteAccount);
  const [mode, setMode] = useState<Mode>('view');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const id = account.accountId;

  const act = async (action: () => Promise<{ ok: boolean; error?: { message: string } }>, success: string) => {
    setBusy(true);
    const result = await action();
    setBusy(false);
    setMessage(result.ok ? { tone: 'ok', text: success } : { tone: 'error', text: result.error?.message ?? 'Failed.' });
  };

  return (
    <>
      <tr data-testid={`accounts-${id}-row`}>
        <td>{VENUE_LABELS[account.venue]}</td>
        <td className="text">
          {account.label} {account.demo && <Badge tone="demo">DEMO</Badge>}{' '}
          {account.sessionOnly && (
            <Badge tone="info" title="The secret is held in memory only and is gone when the app quits.">
              session only
            </Badge>
          )}
        </td>
        <td data-testid={`accounts-${id}-key-hint`}>{account.keyHint}</td>
        <td>
          <PermissionBadge account={account} />
        </td>
        <td className="text" data-testid={`accounts-${id}-status`}>
          {account.enabled ? 'Enabled' : (account.disabledReason ?? 'Disabled by you')}
        </td>
        <td>{account.permissions.checkedAt !== null ? formatClock(account.permissions.checkedAt) : '—'}</td>
        <td>
          <div className="row-actions">
            {!account.demo && (
              <>
                <Button
                  onClick={() => void act(() => recheckAccount(id), 'Permissions re-checked.')}
                  testId={`accounts-${id}-recheck-button`}
                >
                  Re-check
                </Button>
                <Button
                  onClick={() =>
                    void act(
                      () => updateAccount(id, { enabled: !account.enabled }),
                      account.enabled ? 'Disabled.' : 'Enabled.',
                    )
                  }
                  testId={`accounts-${id}-toggle-button`}
                >
                  {account.enabled ? 'Disable' : 'Enable'}
                </Button>
                {account.venue !== 'hyperliquid' && (
                  <Button onClick={() => setMode('rotate')} testId={`accounts-${id}-rotate-button`}>
                    Replace key
                  </Button>
                )}
                <Button
                  variant="ghost"
                  onClick={() => setMode('confirm-delete')}
                  testId={`accounts-${id}-delete-button`}
                >
                  Delete
                </Button>
              </>
            )}
          </div>
        </td>
      </tr>
      {(mode !== 'view' || message !== null || busy) && (
        <tr className="row-detail">
          <td colSpan={7}>
            {busy && <span className="muted">Asking {VENUE_LABELS[account.venue]}…</span>}
            {message !== null && !busy && (
              <span
                className={message.tone === 'ok' ? 'ok-text' : 'field__error'}
                role={message.tone === 'ok' ? 'status' : 'alert'}
              >
                {message.text}
              </span>
            )}
            {mode === 'confirm-delete' && (
              <div
                className="confirm"
                role="alertdialog"
                aria-label="Confirm deletion"
                data-testid={`accounts-${id}-confirm-delete`}
              >
                <span>
                  Delete {account.label} ({VENUE_LABELS[account.venue]} {account.keyHint})? Its key is removed from your
                  keychain too.
                </span>
                <Button
                  variant="primary"
                  onClick={() => {
                    setMode('view');
                    void act(() => deleteAccount(id), 'Deleted.');
                  }}
                  testId={`accounts-${id}-confirm-delete-button`}
                >
                  Delete account and key
                </Button>
                <Button onClick={() => setMode('view')}>Cancel</Button>
              </div>
            )}
            {mode === 'rotate' && <RotateKeyForm account={account} onClose={() => setMode('view')} />}
          </td>
        </tr>
      )}
    </>
  );
}

function RotateKeyForm({ account, onClose }: { readonly account: Account; readonly onClose: () => void }) {
  const rotateAccountKey = useAppStore((state) => state.rotateAccountKey);
  const [values, setValues] = useState<CredentialValues>({});
  const [submitted, setSubmitted] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const check = checkAccountForm(account.venue, account.label, values, false);
  return (
    <form
      className="rotate-key"
      onSubmit={(event) => {
        event.preventDefault();
        setSubmitted(true);
        if (check.credentials === null) return;
        setChecking(true);
        void rotateAccountKey(account.accountId, check.credentials).then((result) => {
          setChecking(false);
          if (result.ok) onClose();
          else setRefusal(result.error.message);
        });
      }}
    >
      <div className="add-account__fields">
        {CREDENTIAL_FIELDS[account.venue].map((field) => (
          <Field
            key={field.name}
            label={`New ${field.label}`}
            value={values[field.name] ?? ''}
            onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
            error={submitted ? (check.errors[field.name] ?? null) : null}
            inputMode="text"
            type={field.secret ? 'password' : 'text'}
          />
        ))}
      </div>
      <div className="add-account__actions">
        <button type="submit" className="button button--primary" aria-disabled={checking}>
          {checking ? 'Checking the new key…' : 'Check and replace key'}
        </button>
        <Button onClick={onClose}>Cancel</Button>
      </div>
      {refusal !== null && (
        <div className="callout callout--danger" role="alert">
          {refusal} The current key is unchanged.
        </div>
      )}
    </form>
  );
}
