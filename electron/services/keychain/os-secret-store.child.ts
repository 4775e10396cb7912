/**
 * Child process for os-secret-store.integration.test.ts: runs inside a throwaway `dbus-run-session` (or with no bus at
 * all) and exercises the real OS store. Usage: `node --import tsx os-secret-store.child.ts <service> <op>...` where op
 * is `status`, `set:<id>=<secret>`, `get:<id>`, `delete:<id>`, `list`, or `concurrent:<n>` (n overlapping rounds of
 * status + list + set + get, as the app's start-up makes them). Prints one JSON line: each op's outcome.
 */
import { createOsSecretStore } from './os-secret-store';

const [service, ...ops] = process.argv.slice(2);
if (service === undefined) throw new Error('usage: os-secret-store.child.ts <service> <op>...');
const store = createOsSecretStore({ service });

const outcomes: unknown[] = [];
for (const op of ops) {
  const [verb, argument = ''] = op.split(/:(.*)/su);
  if (verb === 'status') {
    outcomes.push(await store.status());
  } else if (verb === 'set') {
    const [id = '', secret = ''] = argument.split(/=(.*)/su);
    outcomes.push(await store.set(id, secret));
  } else if (verb === 'get') {
    outcomes.push(await store.get(argument));
  } else if (verb === 'delete') {
    outcomes.push(await store.delete(argument));
  } else if (verb === 'list') {
    outcomes.push(await store.list());
  } else if (verb === 'concurrent') {
    const rounds = Array.from({ length: Number(argument) }, (_, i) =>
      Promise.all([store.status(), store.list(), store.set(`c-${i}`, `v-${i}`), store.get(`c-${i}`)]),
    );
    const results = (await Promise.all(rounds)).flat();
    const failures = results.filter((r) => ('ok' in r ? !r.ok : !r.available));
    outcomes.push({ calls: results.length, failures: failures.length });
  } else {
    throw new Error(`unknown op ${op}`);
  }
}
process.stdout.write(`${JSON.stringify(outcomes)}\n`);
