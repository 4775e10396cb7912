import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices, defaultDataDir } from './create-services';

const dataDir = () => mkdtempSync(path.join(os.tmpdir(), 'lg-services-'));

describe('createServices', () => {
  it.each([
    'http://localhost:4000',
    'http://10.0.0.5:4000',
    'https://127.0.0.1:4000',
    'http://127.0.0.1:4000/evil',
    'http://127.0.0.1.evil.example:80',
  ])('refuses a simulator that is not on loopback: %s', (simulatorUrl) => {
    expect(() => createServices({ shell: 'browser', version: 't', dataDir: dataDir(), simulatorUrl })).toThrow(
      /must be on http:\/\/127\.0\.0\.1:<port>/,
    );
  });

  it('accepts the loopback simulator', () => {
    expect(() =>
      createServices({ shell: 'browser', version: 't', dataDir: dataDir(), simulatorUrl: 'http://127.0.0.1:45678' }),
    ).not.toThrow();
  });

  it.each([
    [{ LG_DATA_DIR: '/data/lg' }, '/data/lg'],
    [{ XDG_CONFIG_HOME: '/home/t/.cfg' }, '/home/t/.cfg/liquidation-guard'],
  ])('keeps its data in %j → %s', (env, expected) => {
    expect(defaultDataDir(env)).toBe(expected);
  });
});
