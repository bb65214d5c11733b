/**
 * Starts the local gateway for a config file, for scripts and other test tiers (the Python tier).
 *
 *   npx tsx test/local-gateway/serve-for-tests.ts <path/to/agentcore.json> [--port N] [--stand-in gw/target=url]...
 *
 * Prints one `AGENTCORE_GATEWAY_<NAME>_URL=<url>` line per gateway on stdout once it listens
 * (logs go to stderr) and runs until SIGTERM/SIGINT. The project root (schema files,
 * agentcore/.env.local) is the folder above `agentcore/` when the config sits there, else the
 * config's folder; `--dir` overrides it. It runs the real `agentcore-projen gateway` command.
 */
import * as path from 'node:path';
import { main } from '../../src/cli/main';

const [config, ...rest] = process.argv.slice(2);
if (!config || config.startsWith('-')) {
  process.stderr.write('usage: serve-for-tests.ts <path/to/agentcore.json> [--port N] [--dir root] [--stand-in gw/target=url]...\n');
  process.exit(2);
}
const file = path.resolve(config);
const folder = path.dirname(file);
const root = path.basename(folder) === 'agentcore' ? path.dirname(folder) : folder;
const dir = rest.includes('--dir') ? [] : ['--dir', root];
void main(['node', 'agentcore-projen', 'gateway', '--config', file, ...dir, ...rest]);
