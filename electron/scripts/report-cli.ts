import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ChecklistFormat } from '../../shared/domain/checklist';
import { CHECKLIST_FORMATS } from '../../shared/domain/checklist';
import type { Snapshot } from '../../shared/domain/snapshot';
import { createAccountService } from '../services/accounts/account-service';
import { createCcxtPermissionChecker } from '../services/accounts/permission-checker';
import { defaultDataDir } from '../services/create-services';
import { checklistFromSnapshot, renderChecklist } from '../services/export/checklist-export';
import { createPathFileSaver } from '../services/export/file-saver';
import { createOsSecretStore } from '../services/keychain/os-secret-store';
import { SettingsFile } from '../services/settings/settings-file';
import { SnapshotService } from '../services/snapshot/snapshot-service';

/**
 * `npm run report -- --demo|--accounts --format md|csv|json|pdf --out FILE`: the risk checklist without the app, for
 * scripted pre-trade checks. Exit 0: nothing in danger or critical and every source read; 1: something is in danger
 * or critical; 2: an error (bad arguments, no account, a source that could not be read, the file not written).
 * One line on stderr says what happened.
 */
export const USAGE = 'usage: npm run report -- --demo|--accounts --format md|csv|json|pdf --out FILE';

export interface ReportArgs {
  readonly source: 'demo' | 'accounts';
  readonly format: ChecklistFormat;
  readonly out: string;
}

export type ParsedArgs =
  { readonly ok: true; readonly args: ReportArgs } | { readonly ok: false; readonly message: string };

const isFormat = (x: string): x is ChecklistFormat => (CHECKLIST_FORMATS as readonly string[]).includes(x);

export function parseReportArgs(argv: readonly string[]): ParsedArgs | { readonly ok: 'help' } {
  let source: ReportArgs['source'] | null = null;
  let format: ChecklistFormat | null = null;
  let out: string | null = null;
  const fail = (message: string) => ({ ok: false as const, message });
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    const inline = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : null;
    const value = (): string | null => {
      if (inline !== null) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) return null;
      i++;
      return next;
    };
    switch (flag) {
      case '--help':
      case '-h':
        return { ok: 'help' };
      case '--demo':
      case '--accounts': {
        const s = flag === '--demo' ? 'demo' : 'accounts';
        if (source !== null && source !== s) return fail('choose one of --demo and --accounts');
        source = s;
        break;
      }
      case '--format': {
        const v = value();
        if (v === null || !isFormat(v)) return fail(`--format must be one of ${CHECKLIST_FORMATS.join(', ')}`);
        format = v;
        break;
      }
      case '--out': {
        const v = value();
        if (v === null || v === '') return fail('--out needs a file name');
        out = v;
        break;
      }
      default:
        return fail(`unknown argument ${JSON.stringify(raw)}`);
    }
  }
  if (source === null) return fail('say where the positions come from: --demo or --accounts');
  if (out === null) return fail('--out FILE is required');
  if (format === null) {
    const ext = path.extname(out).slice(1).toLowerCase();
    if (!isFormat(ext)) return fail('--format is required (or an --out file ending in .md, .csv, .json or .pdf)');
    format = ext;
  }
  return { ok: true, args: { source, format, out } };
}

export interface ReportIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stderr: (line: string) => void;
  readonly stdout: (line: string) => void;
  readonly now?: () => number;
  readonly version: string;
}

/** Exit code for a finished checklist: danger first (known risk), then an unread source (unknown risk), else 0. */
export function exitCodeFor(summary: { readonly atRisk: number; readonly sourcesNotOk: number }): 0 | 1 | 2 {
  if (summary.atRisk > 0) return 1;
  if (summary.sourcesNotOk > 0) return 2;
  return 0;
}

export async function runReport(argv: readonly string[], io: ReportIo): Promise<0 | 1 | 2> {
  const parsed = parseReportArgs(argv);
  if (parsed.ok === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (!parsed.ok) {
    io.stderr(`report: ${parsed.message}. ${USAGE}`);
    return 2;
  }
  const { source, format, out } = parsed.args;
  const now = io.now ?? Date.now;
  const dataDir = defaultDataDir(io.env);
  const settingsFile = new SettingsFile(dataDir);
  let scratch: string | null = null;
  try {
    const { settings } = await settingsFile.load();
    let snapshot: Snapshot;
    if (source === 'demo') {
      // The demo's markets cache goes to a scratch folder: the report leaves nothing behind.
      scratch = await mkdtemp(path.join(os.tmpdir(), 'lg-report-'));
      const service = new SnapshotService({
        cacheDir: path.join(scratch, 'cache'),
        emit: () => undefined,
        accounts: {
          list: () => Promise.resolve([]),
          credentialsFor: () => Promise.resolve({ ok: false, error: { code: 'not_found', message: 'demo only' } }),
        },
      });
      snapshot = await service.startDemo();
    } else {
      const accounts = createAccountService({
        settingsFile,
        secretStore: createOsSecretStore(),
        permissionChecker: createCcxtPermissionChecker(),
      });
      const usable = (await accounts.list()).filter((a) => a.enabled && !a.demo);
      if (usable.length === 0) {
        io.stderr(
          `report: no enabled account in ${settingsFile.path}; add one in the app (or set LG_DATA_DIR), or use --demo.`,
        );
        return 2;
      }
      const service = new SnapshotService({
        cacheDir: path.join(dataDir, 'cache'),
        emit: () => undefined,
        accounts: { list: () => accounts.list(), credentialsFor: (id) => accounts.credentialsFor(id) },
      });
      snapshot = await service.refresh();
    }
    const { checklist } = checklistFromSnapshot({ snapshot, settings, now: Math.trunc(now()), appVersion: io.version });
    const rendered = await renderChecklist(checklist, format);
    await createPathFileSaver(out).saveFile(rendered);
    const failed = checklist.venues.filter((v) => v.state !== 'ok');
    const sources =
      failed.length === 0
        ? ''
        : ` (${failed.length} source${failed.length === 1 ? '' : 's'} not read: ${failed.map((v) => `${v.name}: ${v.status}`).join('; ')})`;
    io.stderr(`${checklist.summary.line} → ${out}${sources}`);
    return exitCodeFor(checklist.summary);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
    io.stderr(`report: ${message.slice(0, 300)}`);
    return 2;
  } finally {
    if (scratch !== null) await rm(scratch, { recursive: true, force: true });
  }
}
