/**
 * npm run --silent access -- scenario FILE [--json] [--state STATE.json] | eval FILE | diff FROM TO [--scenario FILE]
 *   | matrix STACK [--json] | review [--base REF] [--format markdown|json] [--fail-on-gain]
 * What each does and its exit codes: access/cli.ts.
 */
import { accessCli } from '../access/cli';

void accessCli(process.argv.slice(2)).then((code) => process.exit(code));
