import { useState } from 'react';
import { defaultSettings, REGIME_STATES, type Settings } from '../../../shared/domain/settings';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { Segmented } from '../../components/segmented';
import { useAppStore } from '../../store';
import {
  formFromSettings,
  settingsFromForm,
  type FormErrorKey,
  type NumberField,
  type SettingsForm,
} from './settings-form';

export function SettingsScreen() {
  const settings = useAppStore((state) => state.settings);
  // Lives here, not in the editor: a save changes the stored settings, which restarts the editor from them.
  const [saved, setSaved] = useState(false);
  if (settings === null) return <p className="muted">Loading settings…</p>;
  return <SettingsEditor key={JSON.stringify(settings)} stored={settings} saved={saved} setSaved={setSaved} />;
}

interface EditorProps {
  readonly stored: Settings;
  readonly saved: boolean;
  readonly setSaved: (saved: boolean) => void;
}

function SettingsEditor({ stored, saved, setSaved }: EditorProps) {
  const updateSettings = useAppStore((state) => state.updateSettings);
  const settingsError = useAppStore((state) => state.settingsError);
  const [form, setForm] = useState<SettingsForm>(() => formFromSettings(stored));
  const result = settingsFromForm(form);
  const errors: Partial<Record<FormErrorKey, string>> = result.ok ? {} : result.errors;
  const dirty = JSON.stringify(form) !== JSON.stringify(formFromSettings(stored));

  const set = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) => {
    setSaved(false);
    setForm((current) => ({ ...current, [key]: value }));
  };
  const field = (key: NumberField, label: string, unit?: string, hint?: string) => (
    <Field
      label={label}
      value={form[key]}
      onChange={(value) => set(key, value)}
      error={errors[key] ?? null}
      testId={`settings-${key}-input`}
      {...(unit !== undefined ? { unit } : {})}
      {...(hint !== undefined ? { hint } : {})}
    />
  );
  const save = async () => {
    if (!result.ok) return;
    await updateSettings(result.settings);
    setSaved(true);
  };

  return (
    <form
      className="settings"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      data-testid="settings-form"
    >
      <section className="settings__group">
        <h3>Risk per trade</h3>
        <div className="settings__grid2">
          {field(
            'riskPercent',
            'Risk per trade',
            '% of equity',
            'The loss at your stop, as a share of account equity.',
          )}
          {field(
            'discrepancyTolerancePercent',
            'Flag liquidation-price gaps beyond',
            '%',
            'Our venue-exact figure against the exchange’s own.',
          )}
        </div>
      </section>

      <section className="settings__group">
        <h3>Severity thresholds</h3>
        <p className="settings__explain">
          A position is rated by the worse of its 24 h touch probability and its distance to liquidation in daily σ.
        </p>
        <div className="settings__grid3">
          {field('watchTouch24h', 'Watch at', '% / 24 h')}
          {field('dangerTouch24h', 'Danger at', '% / 24 h')}
          {field('criticalTouch24h', 'Critical at', '% / 24 h')}
          {field('watchSigma', 'Watch within', 'σ')}
          {field('dangerSigma', 'Danger within', 'σ')}
          {field('criticalSigma', 'Critical within', 'σ')}
        </div>
        {errors.severity !== undefined && (
          <p className="field__error" role="alert" data-testid="settings-severity-error">
            {errors.severity}
          </p>
        )}
      </section>

      <section className="settings__group">
        <h3>Stop ladder</h3>
        <div className="settings__grid2">
          {field('atrMultiples', 'Rung distances', 'ATR', 'Comma-separated, nearest first, e.g. 1.5, 2.25, 3')}
          {field('weights', 'Rung weights', 'of size', 'Comma-separated, adding up to 1, e.g. 0.4, 0.3, 0.3')}
        </div>
        {errors.stopLadder !== undefined && (
          <p className="field__error" role="alert" data-testid="settings-stopLadder-error">
            {errors.stopLadder}
          </p>
        )}
      </section>

      <section className="settings__group">
        <h3>Size multiplier by market regime</h3>
        <div className="settings__grid4">
          {REGIME_STATES.map((state) => (
            <div key={state}>{field(`multiplier${state}`, state, '×')}</div>
          ))}
        </div>
      </section>

      <section className="settings__group">
        <h3>Data and display</h3>
        <div className="settings__grid3">
          {field('refreshIntervalSeconds', 'Refresh every', 's')}
          <Segmented
            label="Theme"
            value={form.theme}
            options={[
              { value: 'dark', label: 'Dark' },
              { value: 'light', label: 'Light' },
            ]}
            onChange={(value) => set('theme', value)}
            testId="settings-theme"
          />
          <Segmented
            label="Price colours"
            value={form.colorScheme}
            options={[
              { value: 'green-up', label: 'Green up' },
              { value: 'red-up', label: 'Red up' },
            ]}
            onChange={(value) => set('colorScheme', value)}
            testId="settings-color-scheme"
          />
        </div>
      </section>

      <section className="settings__group">
        <h3>API keys</h3>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={form.allowTradeEnabledKeys}
            onChange={(event) => set('allowTradeEnabledKeys', event.target.checked)}
            data-testid="settings-allowTradeEnabledKeys-input"
          />
          Accept keys that can trade (shown with a permanent warning). Keys that can withdraw or transfer are always
          refused.
        </label>
      </section>

      <div className="settings__actions">
        <button
          type="submit"
          className="button button--primary"
          aria-disabled={!result.ok || !dirty}
          data-testid="settings-save-button"
        >
          Save settings
        </button>
        <Button onClick={() => setForm(formFromSettings(defaultSettings()))} testId="settings-defaults-button">
          Restore defaults
        </Button>
        {!result.ok && <span className="field__error">Fix the fields marked above to save.</span>}
        {saved && !dirty && (
          <span className="settings__saved" role="status" data-testid="settings-saved-message">
            Saved.
          </span>
        )}
        {settingsError !== null && (
          <span className="field__error" role="alert">
            {settingsError.message}
          </span>
        )}
      </div>
    </form>
  );
}
