import { describe, expect, it } from 'vitest';
import { defaultSettings, parseSettings, SETTINGS_DEFAULTS, SettingsSchema } from './settings';

describe('settings', () => {
  it('the defaults are valid settings (risk-method.md §8: 1 % risk, ladder 1.5/2.25/3 ATR at 0.4/0.3/0.3)', () => {
    expect(SettingsSchema.safeParse(SETTINGS_DEFAULTS).success).toBe(true);
    expect(defaultSettings().stopLadder).toEqual({ atrMultiples: [1.5, 2.25, 3], weights: [0.4, 0.3, 0.3] });
    expect(defaultSettings().discrepancyTolerancePercent).toBe(0.5);
  });

  it.each([
    ['not an object', 'nonsense', []],
    ['an empty object', {}, []],
    ['one bad field among good ones', { riskPercent: 0, theme: 'light' }, ['riskPercent']],
    [
      'a ladder whose weights do not add to 1',
      { stopLadder: { atrMultiples: [1, 2], weights: [0.5, 0.6] } },
      ['stopLadder'],
    ],
    ['a ladder with mismatched lengths', { stopLadder: { atrMultiples: [1], weights: [0.5, 0.5] } }, ['stopLadder']],
    ['thresholds in the wrong order', { severity: { ...defaultSettings().severity, dangerSigma: 5 } }, ['severity']],
    ['NaN', { riskPercent: Number.NaN }, ['riskPercent']],
  ])('parseSettings: %s → rejects %j', (_name, raw, rejected) => {
    const result = parseSettings(raw);
    expect(result.rejected).toEqual(rejected);
    expect(SettingsSchema.safeParse(result.settings).success).toBe(true);
  });

  it('keeps every valid field when another is invalid', () => {
    const { settings } = parseSettings({ theme: 'light', colorScheme: 'red-up', riskPercent: 99 });
    expect(settings.theme).toBe('light');
    expect(settings.colorScheme).toBe('red-up');
    expect(settings.riskPercent).toBe(1);
  });

  it('defaultSettings returns a fresh copy each time', () => {
    const first = defaultSettings();
    first.stopLadder.weights[0] = 0.9;
    expect(defaultSettings().stopLadder.weights[0]).toBe(0.4);
  });
});
