import { mkdtemp, readdir, readFile, writeFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/domain/settings';
import { SETTINGS_FILE_NAME, SettingsFile } from './settings-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'lg-settings-'));
});
const filePath = () => path.join(dir, SETTINGS_FILE_NAME);

describe('SettingsFile', () => {
  it('starts from the defaults when there is no file, and creates none until something changes', async () => {
    const loaded = await new SettingsFile(dir).load();
    expect(loaded).toEqual({ settings: defaultSettings(), accounts: [], notice: null });
    expect(await readdir(dir)).toEqual([]);
  });

  it('writes atomically (no temp file left) with owner-only permissions, and reads back what it wrote', async () => {
    await new SettingsFile(dir).update((current) => ({
      ...current,
      settings: { ...current.settings, riskPercent: 0.5 },
    }));
    expect(await readdir(dir)).toEqual([SETTINGS_FILE_NAME]);
    expect((await stat(filePath())).mode & 0o777).toBe(0o600);
    const reread = await new SettingsFile(dir).load();
    expect(reread.settings.riskPercent).toBe(0.5);
    expect(reread.notice).toBeNull();
  });

  it('moves a file that is not JSON aside, keeps it, and says where', async () => {
    await writeFile(filePath(), '{ this is not json');
    const loaded = await new SettingsFile(dir).load();
    expect(loaded.settings).toEqual(defaultSettings());
    const aside = (await readdir(dir)).find((name) => name.startsWith(`${SETTINGS_FILE_NAME}.corrupt-`));
    expect(aside).toBeDefined();
    expect(await readFile(path.join(dir, aside ?? ''), 'utf8')).toBe('{ this is not json');
    expect(loaded.notice).toContain(aside);
  });

  it('resets only the invalid fields, keeps the rest, and backs up the original', async () => {
    const stored = {
      version: 1,
      settings: { riskPercent: -3, theme: 'light', refreshIntervalSeconds: 60 },
      accounts: [{ bogus: true }],
    };
    await writeFile(filePath(), JSON.stringify(stored));
    const loaded = await new SettingsFile(dir).load();
    expect(loaded.settings.theme).toBe('light');
    expect(loaded.settings.refreshIntervalSeconds).toBe(60);
    expect(loaded.settings.riskPercent).toBe(defaultSettings().riskPercent);
    expect(loaded.notice).toContain('settings.riskPercent');
    expect(loaded.notice).toContain('accounts[0]');
    const backup = (await readdir(dir)).find((name) => name.includes('.invalid-'));
    expect(JSON.parse(await readFile(path.join(dir, backup ?? ''), 'utf8'))).toEqual(stored);
  });

  it('serialises concurrent updates: none is lost', async () => {
    const file = new SettingsFile(dir);
    await Promise.all(
      [5, 10, 15, 20].map((seconds, index) =>
        file.update((current) => ({
          ...current,
          settings: {
            ...current.settings,
            refreshIntervalSeconds: current.settings.refreshIntervalSeconds + seconds + index,
          },
        })),
      ),
    );
    // 30 (default) + 5 + 10 + 15 + 20 + (0 + 1 + 2 + 3) = 86
    expect((await new SettingsFile(dir).load()).settings.refreshIntervalSeconds).toBe(86);
  });
});
