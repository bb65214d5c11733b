import { beforeAll, describe, expect, it } from 'vitest';
import { agentcoreOk, config, createProject, projenrcTypeErrors, read } from './helpers/project';

// The quick start (add gateway, add gateway-target, add agent) as `agentcore` commands, in one project.
let project: string;

beforeAll(() => {
  project = createProject('MyProject');
  agentcoreOk(project, 'agentcore add gateway --name my-gateway');
  agentcoreOk(
    project,
    `agentcore add gateway-target \\
  --type mcp-server \\
  --name weather-tools \\
  --endpoint https://mcp.example.com/mcp \\
  --gateway my-gateway`,
  );
  agentcoreOk(project, 'agentcore add agent --name MyAgent --framework Strands --model-provider Bedrock');
});

describe('Quick Start', () => {
  it('leaves a .projenrc.ts that reads like hand-written code', () => {
    expect(read(project, '.projenrc.ts')).toBe(`import { AgentCoreProject } from 'agentcore-projen';

// Describe gateways, targets, credentials and agents here, then run \`npx projen\`.
// Secrets never go in this file: reference them with fromEnv('NAME') and put the values
// in agentcore/.env.local (git-ignored).
const project = new AgentCoreProject({ name: "MyProject" });

const myGateway = project.addGateway({ name: 'my-gateway' });
myGateway.addTarget({
  name: 'weather-tools',
  type: 'mcp-server',
  endpoint: 'https://mcp.example.com/mcp',
});

project.addAgent({ name: 'MyAgent', framework: 'Strands', modelProvider: 'Bedrock' });

project.synth();
`);
  });

  it('compiles with tsc --noEmit', () => {
    expect(projenrcTypeErrors(project)).toEqual([]);
  });

  it('synthesizes the gateway, its target and the agent', () => {
    const c = config(project);
    expect(c.agentCoreGateways).toHaveLength(1);
    expect(c.agentCoreGateways[0]).toMatchObject({
      name: 'my-gateway',
      authorizerType: 'NONE',
      env: { url: 'AGENTCORE_GATEWAY_MY_GATEWAY_URL', authType: 'AGENTCORE_GATEWAY_MY_GATEWAY_AUTH_TYPE' },
      targets: [{ name: 'weather-tools', type: 'mcp-server', endpoint: 'https://mcp.example.com/mcp', outboundAuth: { type: 'none' } }],
    });
    expect(c.runtimes).toEqual([expect.objectContaining({ name: 'MyAgent', framework: 'Strands', modelProvider: 'Bedrock', codeLocation: 'app/MyAgent' })]);
  });
});
