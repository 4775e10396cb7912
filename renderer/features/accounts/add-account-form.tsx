import { useState } from 'react';
import { CREDENTIAL_FIELDS, READ_ONLY_KEY_HOWTO } from '../../../shared/domain/credentials';
import { VENUE_LABELS, VENUES, type Venue } from '../../../shared/domain/venue';
import { Field } from '../../components/field';
import { Segmented } from '../../components/segmented';
import { useAppStore } from '../../store';
import { checkAccountForm, type CredentialValues, type FieldName } from './account-form';

type Outcome =
  { kind: 'idle' } | { kind: 'checking' } | { kind: 'added'; message: string } | { kind: 'refused'; message: string };

/**
 * Add an account: the venue's own field names, validated as typed, then the service checks the key's permissions
 * with the venue before anything is stored. A refusal is shown in place and nothing typed is lost.
 */
export function AddAccountForm({ onAdded }: { readonly onAdded?: (message: string) => void }) {
  const addAccount = useAppStore((state) => state.addAccount);
  const keychain = useAppStore((state) => state.keychainStatus);
  const [venue, setVenue] = useState<Venue>('binance');
  const [label, setLabel] = useState('');
  const [values, setValues] = useState<CredentialValues>({});
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [sessionOnly, setSessionOnly] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const check = checkAccountForm(venue, label, values);
  const keychainMissing = keychain !== null && !keychain.available;
  const shown = (name: FieldName | 'label') => (submitted || touched.has(name) ? (check.errors[name] ?? null) : null);

  const edit = (name: FieldName | 'label', value: string) => {
    setTouched((current) => new Set(current).add(name));
    if (name === 'label') setLabel(value);
    else setValues((current) => ({ ...current, [name]: value }));
    if (outcome.kind === 'refused') setOutcome({ kind: 'idle' });
  };

  const submit = async () => {
    setSubmitted(true);
    if (check.credentials === null || outcome.kind === 'checking') return;
    if (keychainMissing && !sessionOnly) return;
    setOutcome({ kind: 'checking' });
    const result = await addAccount(label.trim(), check.credentials, keychainMissing && sessionOnly);
    if (!result.ok) {
      setOutcome({ kind: 'refused', message: result.error.message });
      return;
    }
    const account = result.value;
    const rights = account.permissions.trade ? 'it can trade, so it carries a warning badge' : 'read-only';
    const message = `Added ${account.label} (${VENUE_LABELS[account.venue]} ${account.keyHint}): ${rights}.`;
    setOutcome({ kind: 'added', message });
    setLabel('');
    setValues({});
    setTouched(new Set());
    setSubmitted(false);
    onAdded?.(message);
  };

  return (
    <form
      className="add-account"
      aria-label="Add an exchange account"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      data-testid="accounts-add-form"
    >
      <Segmented
        label="Exchange"
        value={venue}
        options={VENUES.map((value) => ({ value, label: VENUE_LABELS[value] }))}
        onChange={(next) => {
          setVenue(next);
          setValues({});
          setTouched(new Set());
          setSubmitted(false);
          setOutcome({ kind: 'idle' });
        }}
        testId="accounts-add-venue"
      />
      <p className="add-account__howto" data-testid="accounts-add-howto">
        {READ_ONLY_KEY_HOWTO[venue]}
      </p>
      <div className="add-account__fields">
        <Field
          label="Label"
          value={label}
          onChange={(value) => edit('label', value)}
          error={shown('label')}
          inputMode="text"
          placeholder={`${VENUE_LABELS[venue]} main`}
          testId="accounts-add-label-input"
        />
        {CREDENTIAL_FIELDS[venue].map((field) => (
          <Field
            key={`${venue}-${field.name}`}
            label={field.label}
            value={values[field.name] ?? ''}
            onChange={(value) => edit(field.name, value)}
            error={shown(field.name)}
            inputMode="text"
            type={field.secret ? 'password' : 'text'}
            autoComplete="off"
            testId={`accounts-add-${field.name}-input`}
          />
        ))}
      </div>
      {keychainMissing && (
        <div className="callout callout--watch" role="note" data-testid="accounts-add-keychain-warning">
          <p>{keychain.message ?? 'No keychain is available to store the secret.'}</p>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={sessionOnly}
              onChange={(event) => setSessionOnly(event.target.checked)}
              data-testid="accounts-add-session-only-input"
            />
            Keep this key in memory only, until Liquidation Guard quits (you will enter it again next time). Nothing is
            written to disk.
          </label>
          {submitted && !sessionOnly && (
            <p className="field__error">Tick the box above to add the key for this session.</p>
          )}
        </div>
      )}
      <div className="add-account__actions">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={outcome.kind === 'checking'}
          data-testid="accounts-add-submit-button"
        >
          {outcome.kind === 'checking' ? `Checking the key with ${VENUE_LABELS[venue]}…` : 'Check permissions and add'}
        </button>
        {outcome.kind === 'added' && onAdded === undefined && (
          <span className="add-account__ok" role="status">
            {outcome.message}
          </span>
        )}
      </div>
      {outcome.kind === 'refused' && (
        <div className="callout callout--danger" role="alert" data-testid="accounts-add-refusal">
          {outcome.message}
        </div>
      )}
    </form>
  );
}
