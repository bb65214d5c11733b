import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/local-gateway/managed/free-port';
import { processesIn } from '../local-gateway/helpers/managed-project';
import { connectClient, textOf } from '../local-gateway/helpers/clients';
import { endGroup, spawnGroup } from '../helpers/process-group';
import { agentcoreOk, createProject, TSX, write } from './helpers/project';

// `dev` serves a gateway that is not deployed from a local gateway; its managed MCP servers run from
// their code. The agent's main.py is replaced by one that only records the gateway URL it was given.
const MAIN_PY = `import json, os, time
with open("env.json", "w") as f:
    json.dump({k: v for k, v in os.environ.items() if k.startswith("AGENTCORE_GATEWAY_")}, f)
time.sleep(3600)
`;

let project: string;
let dev: ChildProcess | undefined;
let output = '';

async function waitFor(check: () => boolean, what: string, ms = 120_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  project = createProject('DevManaged');
  agentcoreOk(project, 'agentcore add gateway --name local-gw');
  agentcoreOk(project, 'agentcore add gateway-target --type mcp-server --name calc --host Lambda --language TypeScript --gateway local-gw');
  agentcoreOk(project, 'agentcore add agent --name MyAgent --framework Strands --model-provider Bedrock');
  write(project, 'app/MyAgent/main.py', MAIN_PY);
  const entry = path.join(__dirname, 'helpers', 'cli-entry.ts');
  dev = spawnGroup(process.execPath, ['--import', TSX, entry, 'dev', '--no-install', '--port', String(await freePort())], { cwd: project });
  dev.stdout!.on('data', (d) => (output += d));
  dev.stderr!.on('data', (d) => (output += d));
  await waitFor(() => fs.existsSync(path.join(project, 'app/MyAgent/env.json')), 'the agent to start');
}, 300_000);

afterAll(() => endGroup(dev));

describe('dev with a managed MCP server', () => {
  it('gives the agent a local gateway that serves the server’s tools from its code', async () => {
    const seen = JSON.parse(fs.readFileSync(path.join(project, 'app/MyAgent/env.json'), 'utf8'));
    const client = await connectClient(seen.AGENTCORE_GATEWAY_LOCAL_GW_URL);
    expect((await client.listTools()).tools.map((t) => t.name)).toEqual(expect.arrayContaining(['calc___add', 'calc___greet']));
    expect(textOf(await client.callTool({ name: 'calc___greet', arguments: { name: 'Ada' } }))).toBe('Hello, Ada!');
    await client.close();
  });

  it('ends the server’s process when dev stops (Ctrl+C)', async () => {
    expect(processesIn(path.join(project, 'app/mcp')).length).toBeGreaterThan(0);
    dev!.kill('SIGINT');
    await waitFor(() => dev!.exitCode !== null || dev!.signalCode !== null, 'dev to exit');
    await waitFor(() => processesIn(path.join(project, 'app/mcp')).length === 0, 'the server process to end', 10_000);
  });
});
