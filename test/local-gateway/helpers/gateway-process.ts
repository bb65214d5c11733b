/**
 * The local gateway alone in a process, so a test can read its memory and descriptors from /proc
 * without counting the test runner's own.
 *
 *   node --import tsx gateway-process.ts <agentcore.json> '<LocalGatewayOptions as JSON>'
 *
 * Prints `{"urls": {...}}` on stdout once it listens; stops on SIGTERM.
 */
import * as path from 'node:path';
import { readProjectConfig, silentLogger, startLocalGateway } from '../../../src/local-gateway';

const [file, options = '{}'] = process.argv.slice(2);
void startLocalGateway(readProjectConfig(file), { root: path.dirname(path.dirname(file)), logger: silentLogger, ...JSON.parse(options) }).then((gateway) => {
  process.stdout.write(`${JSON.stringify({ urls: gateway.urls })}\n`);
  process.once('SIGTERM', () => void gateway.close().then(() => process.exit(0)));
});
