import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/domain/settings';
import { formFromSettings, parseDecimal, settingsFromForm, type SettingsForm } from './settings-form';

const defaults = () => formFromSettings(defaultSettings());
const edit = (changes: Partial<SettingsForm>): SettingsForm => ({ ...defaults(), ...changes });

describe('settings form', () => {
  it('round-trips the defaults exactly (percent fields shown as percent: 0.05 → "5")', () => {
    const form = defaults();
    expect(form.dangerTouch24h).toBe('5');
    expect(form.atrMultiples).toBe('1.5, 2.25, 3');
    expect(settingsFromForm(form)).toEqual({ ok: true, settings: defaultSettings() });
  });

  it.each([
    ['riskPercent', '', 'Required.'],
    ['riskPercent', 'abc', '“abc” is not a number.'],
    ['riskPercent', '-1', 'Risk per trade must be above 0 % and at most 10 %.'],
    ['riskPercent', '25', 'Risk per trade must be above 0 % and at most 10 %.'],
    ['refreshIntervalSeconds', '2.5', 'Refresh every 5 to 3,600 seconds, in whole seconds.'],
    ['multiplierCROWDED', '1.5', 'A multiplier from 0 to 1.'],
    ['weights', '0.5 x', '“x” is not a number.'],
  ] as const)('%s = %j → %s', (field, text, message) => {
    const result = settingsFromForm(edit({ [field]: text }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[field]).toBe(message);
  });

  it('names the ladder when multiples and weights disagree or weights do not add to 1', () => {
    const mismatched = settingsFromForm(edit({ atrMultiples: '1, 2', weights: '1' }));
    expect(!mismatched.ok && mismatched.errors.stopLadder).toBe('each stop rung needs one ATR multiple and one weight');
    const sum = settingsFromForm(edit({ weights: '0.5, 0.3, 0.3' }));
    expect(!sum.ok && sum.errors.stopLadder).toBe('rung weights must add up to 1');
  });

  it('names the severity group when thresholds are out of order', () => {
    const result = settingsFromForm(edit({ watchTouch24h: '10' }));
    expect(!result.ok && result.errors.severity).toBe(
      'touch-probability thresholds must rise from watch to danger to critical',
    );
  });

  it('accepts a decimal comma', () => {
    expect(parseDecimal('0,75')).toEqual({ ok: true, value: 0.75 });
    const result = settingsFromForm(edit({ riskPercent: '0,5' }));
    expect(result.ok && result.settings.riskPercent).toBe(0.5);
  });
});
