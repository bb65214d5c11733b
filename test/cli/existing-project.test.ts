import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agentcoreOk, config, createProject, projenrcTypeErrors, read, write } from './helpers/project';

// "Adding a Gateway to an Existing Project": our answer is `add gateway` + `add gateway-target`;
// the agent that already exists gets the gateway on the next synth. Then the doc's removals.
let project: string;
const exists = (file: string) => fs.existsSync(path.join(project, file));
const OWN_CODE = '\n# My custom logic, kept across synths.\n';

beforeAll(() => {
  project = createProject('Existing');
  agentcoreOk(project, 'agentcore add agent --name MyOldAgent --framework Strands --model-provider Bedrock');
  write(project, 'app/MyOldAgent/main.py', read(project, 'app/MyOldAgent/main.py') + OWN_CODE);
});

describe('adding a gateway to a project that has an agent', () => {
  it('the existing agent starts without gateway clients', () => {
    expect(read(project, 'app/MyOldAgent/mcp_client/client.py')).not.toContain('AGENTCORE_GATEWAY_MY_GATEWAY_URL');
  });

  it('wires the gateway into the existing agent on synth, keeping its own code', () => {
    agentcoreOk(project, 'agentcore add gateway --name my-gateway');
    agentcoreOk(
      project,
      `agentcore add gateway-target \\
  --type mcp-server \\
  --name my-tools \\
  --endpoint https://mcp.example.com/mcp \\
  --gateway my-gateway`,
    );
    expect(read(project, 'app/MyOldAgent/mcp_client/client.py')).toContain('AGENTCORE_GATEWAY_MY_GATEWAY_URL');
    expect(read(project, 'app/MyOldAgent/main.py')).toContain(OWN_CODE);
  });

  it('a new agent picks up the gateway too', () => {
    agentcoreOk(project, 'agentcore add agent --name MyNewAgent --framework Strands --model-provider Bedrock');
    expect(read(project, 'app/MyNewAgent/mcp_client/client.py')).toContain('AGENTCORE_GATEWAY_MY_GATEWAY_URL');
  });

  it('the temporary reference agent of the manual path can be added and removed', () => {
    agentcoreOk(
      project,
      `agentcore add agent \\
      --name TempAgent \\
      --framework Strands \\
      --model-provider Bedrock`,
    );
    expect(exists('app/TempAgent/mcp_client/client.py')).toBe(true);
    expect(read(project, 'app/TempAgent/pyproject.toml')).toContain('strands');
    const r = agentcoreOk(project, 'agentcore remove agent --name TempAgent --yes');
    expect(r.stdout).toContain('Your own files in app/TempAgent/ (such as main.py) are kept');
    expect(exists('app/TempAgent/mcp_client/client.py')).toBe(false);
  });
});

describe('removing an agent', () => {
  it('deletes its call and generated files; its own code stays on disk', () => {
    agentcoreOk(project, 'agentcore remove agent --name MyOldAgent -y');
    expect(read(project, '.projenrc.ts')).toBe(`import { AgentCoreProject } from 'agentcore-projen';

// Describe gateways, targets, credentials and agents here, then run \`npx projen\`.
// Secrets never go in this file: reference them with fromEnv('NAME') and put the values
// in agentcore/.env.local (git-ignored).
const project = new AgentCoreProject({ name: "Existing" });

const myGateway = project.addGateway({ name: 'my-gateway' });
myGateway.addTarget({
  name: 'my-tools',
  type: 'mcp-server',
  endpoint: 'https://mcp.example.com/mcp',
});

project.addAgent({ name: 'MyNewAgent', framework: 'Strands', modelProvider: 'Bedrock' });

project.synth();
`);
    expect(config(project).runtimes.map((r: { name: string }) => r.name)).toEqual(['MyNewAgent']);
    expect(exists('app/MyOldAgent/mcp_client/client.py')).toBe(false);
    expect(read(project, 'app/MyOldAgent/main.py')).toContain(OWN_CODE);
    expect(projenrcTypeErrors(project)).toEqual([]);
  });

  it('with --json, reports what was removed', () => {
    agentcoreOk(project, 'agentcore add agent --name Extra --framework LangChain_LangGraph --model-provider Anthropic');
    const r = agentcoreOk(project, 'agentcore remove agent --name Extra --json -y');
    expect(JSON.parse(r.stdout)).toMatchObject({ success: true, resource: 'agent', name: 'Extra' });
  });

  it('removing the gateway takes its targets along and leaves the agent without it', () => {
    const r = agentcoreOk(project, 'agentcore remove gateway --name my-gateway');
    expect(r.stdout).toContain('Removed gateway "my-gateway" and its target "my-tools"');
    expect(read(project, '.projenrc.ts')).not.toContain('my-gateway');
    expect(config(project).agentCoreGateways).toEqual([]);
    expect(read(project, 'app/MyNewAgent/mcp_client/client.py')).not.toContain('AGENTCORE_GATEWAY_MY_GATEWAY_URL');
  });
});
