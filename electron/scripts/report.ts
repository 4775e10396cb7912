import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runReport } from './report-cli';

/** `npm run report -- --demo|--accounts --format md|csv|json|pdf --out FILE` (see report-cli.ts for exit codes). */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

const code = await runReport(process.argv.slice(2), {
  env: process.env,
  version,
  stderr: (line) => process.stderr.write(`${line}\n`),
  stdout: (line) => process.stdout.write(`${line}\n`),
});
// The exchange layer may keep sockets or timers open; the report is done.
process.exit(code);
