import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * ccxt's recorded exchange responses (MIT, © Igor Kroitor; see ../shared/fixtures/ccxt/README.md), read from the
 * reference folder beside the repository at test time, never copied into it. Tests that use them skip with one
 * line naming the reason when the folder is absent; when it is present they run (no flag can turn them off).
 */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const FIXTURES_DIR = path.join(REPO_ROOT, '..', 'shared', 'fixtures', 'ccxt');
export const FIXTURES_PRESENT = existsSync(path.join(FIXTURES_DIR, 'binance.json'));
export const FIXTURES_SKIP_REASON =
  'skipped: ../shared/fixtures/ccxt not found (reference fixtures live beside the repository)';

export interface RecordedCase {
  readonly description: string;
  readonly method: string;
  readonly input: readonly unknown[];
  readonly httpResponse: unknown;
  readonly parsedResponse: unknown;
}

const files = new Map<string, { methods: Record<string, RecordedCase[]> }>();

export function recordedCase(exchange: 'binance' | 'bybit' | 'okx', method: string, index: number): RecordedCase {
  let file = files.get(exchange);
  if (!file) {
    file = JSON.parse(readFileSync(path.join(FIXTURES_DIR, `${exchange}.json`), 'utf8')) as {
      methods: Record<string, RecordedCase[]>;
    };
    files.set(exchange, file);
  }
  const found = file.methods[method]?.[index];
  if (!found) throw new Error(`${exchange}.json has no ${method}[${index}]`);
  return found;
}

/** A JSON value's shape class, for comparing the simulator's responses with recorded ones. */
export type ShapeClass =
  'int-string' | 'decimal-string' | 'empty-string' | 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

export function shapeClass(value: unknown): ShapeClass {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') return 'object';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value !== 'string') return 'string';
  const text = value;
  if (text === '') return 'empty-string';
  if (/^-?\d+$/u.test(text)) return 'int-string';
  if (/^-?\d+(\.\d+)?(e-?\d+)?$/iu.test(text)) return 'decimal-string';
  return 'string';
}

/**
 * Whether a simulator value may stand where the recording has `recorded`:
 * - a decimal string (a price) must be a numeric string, never a JSON number;
 * - an integer-looking string accepts a JSON integer too: ccxt's recordings quote some integers (ids, times) that
 *   the live APIs send as numbers (e.g. Binance `updateTime`, `lastUpdateId`);
 * - an empty string (Bybit's blank `liqPrice`) accepts any string.
 */
export function compatible(recorded: ShapeClass, simulated: ShapeClass): boolean {
  if (recorded === simulated) return true;
  if (recorded === 'decimal-string') return simulated === 'int-string';
  if (recorded === 'int-string') return simulated === 'number' || simulated === 'decimal-string';
  if (recorded === 'empty-string')
    return simulated === 'int-string' || simulated === 'decimal-string' || simulated === 'string';
  if (recorded === 'string')
    return simulated === 'int-string' || simulated === 'decimal-string' || simulated === 'empty-string';
  return false;
}

/** Differences between a recorded value's shape and a simulated one, as readable paths; [] when they agree. */
export function shapeDifferences(recorded: unknown, simulated: unknown, at = '$'): string[] {
  const r = shapeClass(recorded);
  const s = shapeClass(simulated);
  if (!compatible(r, s)) return [`${at}: recorded ${r}, simulator ${s}`];
  if (r === 'array' && s === 'array') {
    const rec = recorded as unknown[];
    const sim = simulated as unknown[];
    const first = rec[0];
    const simFirst = sim[0];
    if (first === undefined || simFirst === undefined) return [];
    // A row of mixed values (a kline, a book level) is a tuple: compare position by position.
    const classes = new Set(rec.map(shapeClass));
    if (classes.size > 1 || (classes.has('decimal-string') && rec.length <= 12 && !Array.isArray(first))) {
      if (rec.length !== sim.length) return [`${at}: recorded a row of ${rec.length}, simulator ${sim.length}`];
      return rec.flatMap((value, i) => shapeDifferences(value, sim[i], `${at}[${i}]`));
    }
    return shapeDifferences(first, simFirst, `${at}[0]`);
  }
  if (r === 'object' && s === 'object') {
    const rec = recorded as Record<string, unknown>;
    const sim = simulated as Record<string, unknown>;
    const diffs: string[] = [];
    for (const key of Object.keys(rec)) {
      if (!(key in sim)) diffs.push(`${at}.${key}: missing in the simulator`);
      else diffs.push(...shapeDifferences(rec[key], sim[key], `${at}.${key}`));
    }
    for (const key of Object.keys(sim)) if (!(key in rec)) diffs.push(`${at}.${key}: not in the recording`);
    return diffs;
  }
  return [];
}
