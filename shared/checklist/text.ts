import { SEVERITIES, type Severity } from '../domain/risk-report';
import { fmt, fmtPct } from '../risk/format';

/** Small deterministic text helpers shared by the checklist builder and its formatters. */

/** `2024-08-05 03:12:00 UTC` (UTC, second precision: the same instant gives the same text anywhere). */
export function formatUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/** A number with grouping and at most `digits` decimals, trailing zeros dropped: 0.2500 → "0.25", 3.00 → "3". */
export function fmtTrim(n: number, digits: number): string {
  const s = fmt(n, digits);
  return s.includes('.') ? s.replace(/0+$/u, '').replace(/\.$/u, '') : s;
}

/** A move as a signed percentage: 0.05 → "+5 %", −0.1 → "−10 %". */
export const fmtSignedPct = (x: number, digits = 2): string => `${x > 0 ? '+' : ''}${fmtPct(x, digits)}`;

/** A size in coins or contracts: enough decimals for small sizes, no trailing zeros. */
export const fmtAmount = (x: number): string => fmtTrim(x, Math.abs(x) >= 1000 ? 2 : Math.abs(x) >= 1 ? 4 : 8);

export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/** Worst first: critical, danger, watch, safe. */
export const SEVERITIES_WORST_FIRST: readonly Severity[] = [...SEVERITIES].reverse();

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Masks anything that looks like a key, secret, signature or wallet address: a run of 16 or more letters and digits
 * that has both. A checklist carries no secret by construction (accounts give only `…last4`); this is the second
 * line, for free text that came from elsewhere (an exchange's error message, an account label).
 */
const TOKEN = /[A-Za-z0-9]{16,}/gu;
/** A plain scan for 16 letters or digits in a row: far cheaper than the regex on the many strings that have none. */
function hasLongRun(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      run += 1;
      if (run >= 16) return true;
    } else run = 0;
  }
  return false;
}
export function redactSecrets(text: string): string {
  if (!hasLongRun(text)) return text;
  return text.replace(TOKEN, (run) => (/[0-9]/u.test(run) && /[A-Za-z]/u.test(run) ? '[redacted]' : run));
}

/**
 * Applies `redactSecrets` to every string of a plain-data value, in place (pass a value you own, e.g. the fresh
 * output of a zod parse). Returns the same value.
 */
export function redactInPlace<T>(value: T): T {
  if (Array.isArray(value)) {
    const list = value as unknown[];
    for (let i = 0; i < list.length; i++) {
      const v = list[i];
      if (typeof v === 'string') list[i] = redactSecrets(v);
      else redactInPlace(v);
    }
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (typeof v === 'string') record[key] = redactSecrets(v);
      else redactInPlace(v);
    }
  }
  return value;
}
