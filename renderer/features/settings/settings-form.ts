import { REGIME_STATES, SettingsSchema, type RegimeState, type Settings } from '../../../shared/domain/settings';

/**
 * The settings form edits text, not numbers: what the trader typed stays on screen while it is invalid, and each
 * problem is named under its own field. Percentages are shown as percent and stored as fractions where the schema
 * says so.
 */
export const NUMBER_FIELDS = [
  'riskPercent',
  'refreshIntervalSeconds',
  'discrepancyTolerancePercent',
  'watchTouch24h',
  'dangerTouch24h',
  'criticalTouch24h',
  'watchSigma',
  'dangerSigma',
  'criticalSigma',
  'atrMultiples',
  'weights',
  ...REGIME_STATES.map((state) => `multiplier${state}` as const),
] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];
export type FormErrorKey = NumberField | 'severity' | 'stopLadder';

export type SettingsForm = Record<NumberField, string> & {
  readonly theme: Settings['theme'];
  readonly colorScheme: Settings['colorScheme'];
  readonly allowTradeEnabledKeys: boolean;
};

const list = (values: readonly number[]) => values.join(', ');
/** Fractions shown as percent without float noise (0.07 → "7", not "7.000000000000001"). */
const percent = (fraction: number) => String(Number((fraction * 100).toPrecision(10)));

export function formFromSettings(settings: Settings): SettingsForm {
  return {
    riskPercent: String(settings.riskPercent),
    refreshIntervalSeconds: String(settings.refreshIntervalSeconds),
    discrepancyTolerancePercent: String(settings.discrepancyTolerancePercent),
    watchTouch24h: percent(settings.severity.watchTouch24h),
    dangerTouch24h: percent(settings.severity.dangerTouch24h),
    criticalTouch24h: percent(settings.severity.criticalTouch24h),
    watchSigma: String(settings.severity.watchSigma),
    dangerSigma: String(settings.severity.dangerSigma),
    criticalSigma: String(settings.severity.criticalSigma),
    atrMultiples: list(settings.stopLadder.atrMultiples),
    weights: list(settings.stopLadder.weights),
    multiplierNORMAL: String(settings.regimeMultipliers.NORMAL),
    multiplierELEVATED: String(settings.regimeMultipliers.ELEVATED),
    multiplierCROWDED: String(settings.regimeMultipliers.CROWDED),
    multiplierEXTREME: String(settings.regimeMultipliers.EXTREME),
    theme: settings.theme,
    colorScheme: settings.colorScheme,
    allowTradeEnabledKeys: settings.allowTradeEnabledKeys,
  };
}

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

export function parseDecimal(text: string): Parsed<number> {
  const trimmed = text.trim().replace(/,/g, '.');
  if (trimmed === '') return { ok: false, error: 'Required.' };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(trimmed)) return { ok: false, error: `“${text.trim()}” is not a number.` };
  return { ok: true, value: Number(trimmed) };
}

function parseList(text: string): Parsed<number[]> {
  const parts = text.split(/[\s,;]+/).filter((part) => part !== '');
  if (parts.length === 0) return { ok: false, error: 'Enter at least one number.' };
  const values: number[] = [];
  for (const part of parts) {
    const parsed = parseDecimal(part);
    if (!parsed.ok) return parsed;
    values.push(parsed.value);
  }
  return { ok: true, value: values };
}

/** Messages for schema failures, in the trader's terms. */
const RANGE_MESSAGES: Partial<Record<NumberField, string>> = {
  riskPercent: 'Risk per trade must be above 0 % and at most 10 %.',
  refreshIntervalSeconds: 'Refresh every 5 to 3,600 seconds, in whole seconds.',
  discrepancyTolerancePercent: 'Tolerance must be above 0 % and at most 20 %.',
  watchTouch24h: 'A probability between 0 % and 100 %.',
  dangerTouch24h: 'A probability between 0 % and 100 %.',
  criticalTouch24h: 'A probability between 0 % and 100 %.',
  watchSigma: 'A distance above 0 and at most 50 σ.',
  dangerSigma: 'A distance above 0 and at most 50 σ.',
  criticalSigma: 'A distance above 0 and at most 50 σ.',
  atrMultiples: 'One to six positive multiples, at most 20 ATR each.',
  weights: 'One to six weights between 0 and 1.',
};

const PATH_TO_FIELD: Record<string, FormErrorKey> = {
  riskPercent: 'riskPercent',
  refreshIntervalSeconds: 'refreshIntervalSeconds',
  discrepancyTolerancePercent: 'discrepancyTolerancePercent',
  'severity.watchTouch24h': 'watchTouch24h',
  'severity.dangerTouch24h': 'dangerTouch24h',
  'severity.criticalTouch24h': 'criticalTouch24h',
  'severity.watchSigma': 'watchSigma',
  'severity.dangerSigma': 'dangerSigma',
  'severity.criticalSigma': 'criticalSigma',
  'stopLadder.atrMultiples': 'atrMultiples',
  'stopLadder.weights': 'weights',
  severity: 'severity',
  stopLadder: 'stopLadder',
  ...Object.fromEntries(REGIME_STATES.map((state) => [`regimeMultipliers.${state}`, `multiplier${state}`])),
};

export type FormResult =
  | { readonly ok: true; readonly settings: Settings }
  | { readonly ok: false; readonly errors: Partial<Record<FormErrorKey, string>> };

export function settingsFromForm(form: SettingsForm): FormResult {
  const errors: Partial<Record<FormErrorKey, string>> = {};
  const number = (field: NumberField, scale = 1): number => {
    const parsed = parseDecimal(form[field]);
    if (!parsed.ok) {
      errors[field] = parsed.error;
      return Number.NaN;
    }
    return parsed.value * scale;
  };
  const numbers = (field: 'atrMultiples' | 'weights'): number[] => {
    const parsed = parseList(form[field]);
    if (!parsed.ok) {
      errors[field] = parsed.error;
      return [];
    }
    return parsed.value;
  };
  const candidate = {
    theme: form.theme,
    colorScheme: form.colorScheme,
    allowTradeEnabledKeys: form.allowTradeEnabledKeys,
    riskPercent: number('riskPercent'),
    refreshIntervalSeconds: number('refreshIntervalSeconds'),
    discrepancyTolerancePercent: number('discrepancyTolerancePercent'),
    severity: {
      watchTouch24h: number('watchTouch24h', 0.01),
      dangerTouch24h: number('dangerTouch24h', 0.01),
      criticalTouch24h: number('criticalTouch24h', 0.01),
      watchSigma: number('watchSigma'),
      dangerSigma: number('dangerSigma'),
      criticalSigma: number('criticalSigma'),
    },
    stopLadder: { atrMultiples: numbers('atrMultiples'), weights: numbers('weights') },
    regimeMultipliers: Object.fromEntries(
      REGIME_STATES.map((state: RegimeState) => [state, number(`multiplier${state}`)]),
    ),
  };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const parsed = SettingsSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, settings: parsed.data };
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((part) => typeof part === 'string').join('.');
    const field = PATH_TO_FIELD[path];
    if (field === undefined || errors[field] !== undefined) continue;
    errors[field] =
      RANGE_MESSAGES[field as NumberField] ??
      (field.startsWith('multiplier') ? 'A multiplier from 0 to 1.' : issue.message);
  }
  return { ok: false, errors };
}
