import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AccountSchema, type Account } from '../../../shared/domain/account';
import { defaultSettings, parseSettings, type Settings } from '../../../shared/domain/settings';

/**
 * The one file in the user's data folder: preferences plus the account list (never a secret). Written atomically
 * (temp file + rename), so a crash mid-write leaves the previous file intact. A file that is not valid JSON is moved
 * aside, not overwritten, and the trader is told where it went.
 */
export const SETTINGS_FILE_NAME = 'settings.json';

export interface SettingsFileContents {
  readonly settings: Settings;
  readonly accounts: readonly Account[];
}

export interface LoadedSettingsFile extends SettingsFileContents {
  /** What could not be used, in words, or null when the file was read whole. */
  readonly notice: string | null;
}

const FILE_VERSION = 1;

export class SettingsFile {
  private readonly filePath: string;
  private cache: LoadedSettingsFile | null = null;
  /** Writes run one after another so concurrent updates never interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataDir: string) {
    this.filePath = path.join(dataDir, SETTINGS_FILE_NAME);
  }

  get path(): string {
    return this.filePath;
  }

  async load(): Promise<LoadedSettingsFile> {
    this.cache ??= await this.readFromDisk();
    return this.cache;
  }

  /** Applies `change` to the current contents and writes the result atomically; returns what was written. */
  update(change: (current: SettingsFileContents) => SettingsFileContents): Promise<LoadedSettingsFile> {
    const run = this.queue.then(async () => {
      const current = await this.load();
      const next = change(current);
      await this.writeAtomically(next);
      this.cache = { ...next, notice: current.notice };
      return this.cache;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async readFromDisk(): Promise<LoadedSettingsFile> {
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...emptyContents(), notice: null };
      throw error;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      const asidePath = `${this.filePath}.corrupt-${randomUUID().slice(0, 8)}`;
      await rename(this.filePath, asidePath);
      return {
        ...emptyContents(),
        notice: `The settings file was not readable and was moved aside to ${asidePath}; defaults are in use.`,
      };
    }
    const contents = parseFileContents(raw);
    const resets = [...contents.rejectedSettings, ...contents.rejectedAccounts];
    if (resets.length === 0) return { settings: contents.settings, accounts: contents.accounts, notice: null };
    // The next write would drop the invalid values: keep the original file beside it first.
    const backupPath = `${this.filePath}.invalid-${randomUUID().slice(0, 8)}`;
    await copyFile(this.filePath, backupPath);
    return {
      settings: contents.settings,
      accounts: contents.accounts,
      notice: `Some stored values were invalid and were reset: ${resets.join(', ')}. Everything else was kept; the original file is saved as ${backupPath}.`,
    };
  }

  private async writeAtomically(contents: SettingsFileContents): Promise<void> {
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
    const temp = `${this.filePath}.${randomUUID().slice(0, 8)}.tmp`;
    const body = JSON.stringify({ version: FILE_VERSION, ...contents }, null, 2);
    await writeFile(temp, body, { encoding: 'utf8', mode: 0o600, flush: true });
    await rename(temp, this.filePath);
  }
}

const emptyContents = (): SettingsFileContents => ({ settings: defaultSettings(), accounts: [] });

function parseFileContents(raw: unknown): SettingsFileContents & {
  rejectedSettings: string[];
  rejectedAccounts: string[];
} {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const { settings, rejected } = parseSettings(source['settings']);
  const accounts: Account[] = [];
  const rejectedAccounts: string[] = [];
  const storedAccounts = z.array(z.unknown()).safeParse(source['accounts']);
  for (const [index, entry] of (storedAccounts.success ? storedAccounts.data : []).entries()) {
    const parsed = AccountSchema.safeParse(entry);
    if (parsed.success) accounts.push(parsed.data);
    else rejectedAccounts.push(`accounts[${index}]`);
  }
  return { settings, accounts, rejectedSettings: rejected.map((key) => `settings.${key}`), rejectedAccounts };
}
