import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The OS store against a REAL Secret Service: gnome-keyring inside a throwaway `dbus-run-session`, with HOME and the
 * XDG folders pointed at a temp dir (recipe: security.md §1.2), so nothing touches the real keyring. Each case runs
 * os-secret-store.child.ts in a fresh process. Expected messages come from the table in security.md §1.2 (rows "no
 * session bus", "dbus-run-session, no provider", "existing keyring, wrong --unlock password", "fresh HOME, daemon
 * started without --unlock").
 *
 * With CI=true these must run (CI installs: gnome-keyring libsecret-tools dbus dbus-user-session); elsewhere they
 * skip with one line naming the missing binary.
 */
const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');
const CHILD = path.join(here, 'os-secret-store.child.ts');
const SERVICE = 'lg-test.keychain-integration';
const REQUIRED_BINARIES = ['dbus-run-session', 'dbus-daemon', 'gnome-keyring-daemon'] as const;

async function onPath(binary: string): Promise<boolean> {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    try {
      await access(path.join(dir, binary), constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

const missing =
  process.platform === 'linux'
    ? ((await Promise.all(REQUIRED_BINARIES.map(async (b) => ((await onPath(b)) ? null : b)))).find(
        (b) => b !== null,
      ) ?? null)
    : `linux (this is ${process.platform})`;
const inCi = process.env['CI'] === 'true';

type Bus = 'secret-service' | 'no-provider' | 'none';
interface Session {
  readonly bus: Bus;
  /** Piped to `gnome-keyring-daemon --unlock`; null starts the daemon without unlocking. */
  readonly password?: string | null;
}

const tempDirs: string[] = [];
afterEach(async () => {
  await Promise.all(tempDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function isolatedHome(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lg-keychain-'));
  tempDirs.push(dir);
  return dir;
}

/** Runs the child with the given ops in a fresh D-Bus session (or none); returns each op's outcome. */
async function runOps(home: string, session: Session, ops: readonly string[]): Promise<unknown[]> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: home,
    XDG_DATA_HOME: path.join(home, 'data'),
    XDG_CONFIG_HOME: path.join(home, 'config'),
    XDG_CACHE_HOME: path.join(home, 'cache'),
    XDG_RUNTIME_DIR: home,
    // The daemon's password prompt must fail fast instead of waiting for a display.
    NO_AT_BRIDGE: '1',
  };
  const node = [process.execPath, '--import', 'tsx', CHILD, SERVICE, ...ops];
  let command: string;
  let args: string[];
  if (session.bus === 'none') {
    [command, ...args] = node as [string, ...string[]];
  } else {
    const daemon =
      session.bus === 'no-provider'
        ? 'true'
        : session.password === null
          ? 'gnome-keyring-daemon --start --components=secrets >/dev/null'
          : 'printf %s "$LG_UNLOCK" | gnome-keyring-daemon --unlock --components=secrets >/dev/null';
    env['LG_UNLOCK'] = session.password ?? 'pass';
    const config = session.bus === 'no-provider' ? [`--config-file=${await busWithoutServices(home)}`] : [];
    command = 'dbus-run-session';
    args = [...config, '--', 'sh', '-c', `${daemon}; exec "$@"`, 'sh', ...node];
  }
  const { stdout } = await run(command, args, { cwd: repoRoot, env, timeout: 20_000 });
  const lastLine = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(lastLine) as unknown[];
}

/** A session-bus config whose only service folder is empty: a bus on which no Secret Service can be activated. */
async function busWithoutServices(home: string): Promise<string> {
  const file = path.join(home, 'bus.conf');
  await writeFile(
    file,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:tmpdir=${home}</listen><auth>EXTERNAL</auth><servicedir>${home}/no-services</servicedir>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>
`,
  );
  return file;
}

/** Every file under `dir` whose bytes contain `needle`. */
async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if ((await readFile(file)).includes(needle)) hits.push(file);
  }
  return hits;
}

const available = { store: 'os', available: true, reason: null, message: null };
const unavailable = (reason: string, messageStart: string) => ({
  ok: false,
  error: {
    code: 'keychain_unavailable',
    message: expect.stringMatching(new RegExp(`^${messageStart}`, 'u')) as unknown,
  },
});

if (inCi && missing !== null) {
  describe('OS keychain integration', () => {
    it('has its binaries on CI', () => {
      expect.fail(`CI=true but ${missing} is missing: .ci/run must install gnome-keyring dbus dbus-user-session`);
    });
  });
}

describe.skipIf(missing !== null)(
  `OS keychain against a real Secret Service${missing === null ? '' : ` (skipped: ${missing} not found)`}`,
  () => {
    it('stores, reads back, overwrites, lists and deletes; the keyring files never hold the secret in plain text', async () => {
      const home = await isolatedHome();
      const outcomes = await runOps(home, { bus: 'secret-service' }, [
        'status',
        'set:acct-a=first-secret-A',
        'set:acct-a=SECRET-A-rotated',
        'set:acct-b=SECRET-B',
        'get:acct-a',
        'list',
        'delete:acct-a',
        'delete:acct-a',
        'get:acct-a',
        'list',
      ]);
      expect(outcomes).toEqual([
        available,
        { ok: true },
        { ok: true },
        { ok: true },
        { ok: true, value: 'SECRET-A-rotated' },
        { ok: true, value: expect.arrayContaining(['acct-a', 'acct-b']) as unknown },
        { ok: true, value: true },
        { ok: true, value: false },
        { ok: true, value: null },
        { ok: true, value: ['acct-b'] },
      ]);
      expect((outcomes[5] as { value: string[] }).value).toHaveLength(2);
      // gnome-keyring encrypts login.keyring with the unlock password: no plain copy anywhere under HOME.
      expect(await readdir(path.join(home, 'data', 'keyrings'))).toContain('login.keyring');
      expect(await filesContaining(home, 'SECRET-B')).toEqual([]);
    });

    it('overlapping calls (status probe, list, set, get) never look like a missing keychain', async () => {
      const home = await isolatedHome();
      // 6 rounds × 4 calls at once: before calls were serialised, a list overlapping the status probe's delete failed
      // with "No such interface org.freedesktop.Secret.Item" and the app reported no keychain.
      expect(await runOps(home, { bus: 'secret-service' }, ['concurrent:6'])).toEqual([{ calls: 24, failures: 0 }]);
    });

    it('persists across sessions (the Secret Service, not the kernel keyring that forgets on reboot)', async () => {
      const home = await isolatedHome();
      expect(await runOps(home, { bus: 'secret-service' }, ['set:acct-p=persisted'])).toEqual([{ ok: true }]);
      expect(await runOps(home, { bus: 'secret-service' }, ['get:acct-p', 'delete:acct-p'])).toEqual([
        { ok: true, value: 'persisted' },
        { ok: true, value: true },
      ]);
    });

    it('says "No keychain is available" when there is no session bus at all (no kernel-keyring fallback)', async () => {
      const home = await isolatedHome();
      const outcomes = await runOps(home, { bus: 'none' }, ['status', 'set:acct-x=never-stored', 'get:acct-x', 'list']);
      expect(outcomes[0]).toMatchObject({ store: 'os', available: false, reason: 'no_secret_service' });
      expect((outcomes[0] as { message: string }).message).toMatch(/^No keychain is available/u);
      for (const outcome of outcomes.slice(1))
        expect(outcome).toEqual(unavailable('no_secret_service', 'No keychain is available'));
    });

    it('says "No keychain is available" when the bus has no Secret Service provider', async () => {
      const home = await isolatedHome();
      const outcomes = await runOps(home, { bus: 'no-provider' }, [
        'status',
        'set:acct-x=never-stored',
        'delete:acct-x',
        'list',
      ]);
      expect(outcomes[0]).toMatchObject({ available: false, reason: 'no_secret_service' });
      for (const outcome of outcomes.slice(1))
        expect(outcome).toEqual(unavailable('no_secret_service', 'No keychain is available'));
    });

    it('says "The keyring is locked" when the keyring exists but is not unlocked, and never returns null for it', async () => {
      const home = await isolatedHome();
      expect(await runOps(home, { bus: 'secret-service', password: 'pass' }, ['set:acct-l=locked-away'])).toEqual([
        { ok: true },
      ]);
      for (const session of [{ password: 'wrong-password' }, { password: null }]) {
        const outcomes = await runOps(home, { bus: 'secret-service', ...session }, [
          'status',
          'get:acct-l',
          'set:acct-l=overwrite',
          'list',
        ]);
        expect(outcomes[0]).toMatchObject({ available: false, reason: 'locked' });
        expect((outcomes[0] as { message: string }).message).toMatch(/^The keyring is locked/u);
        for (const outcome of outcomes.slice(1))
          expect(outcome).toEqual(unavailable('locked', 'The keyring is locked'));
      }
      // Unlocked again with the right password, the original value is intact.
      expect(await runOps(home, { bus: 'secret-service', password: 'pass' }, ['get:acct-l'])).toEqual([
        { ok: true, value: 'locked-away' },
      ]);
    });

    it('says "No default keyring exists" when the Secret Service runs without a login keyring', async () => {
      const home = await isolatedHome();
      const outcomes = await runOps(home, { bus: 'secret-service', password: null }, ['set:acct-n=nowhere']);
      expect(outcomes).toEqual([unavailable('no_default_keyring', 'No default keyring exists')]);
    });
  },
);
