import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentOptions } from '../../src/model/agent';
import type { GatewayOptions } from '../../src/model/gateway';
import { ModelError } from '../../src/model/issues';
import { mergeRequirements, renderAgents } from '../../src/render/agents';
import type { RenderedFile } from '../../src/render/rendered-file';
import { PACKAGE_ROOT } from '../../src/package-root';
import { resolve } from '../model/model-helpers';
import { IAM, JWT, OPEN } from './gateways';
import { parseToml } from './helpers';

const MARKER = 'test-marker: generated, do not edit';

/** Renders the agents of a model; pure: nothing touches the disk. */
function render(agents: AgentOptions[], gateways: GatewayOptions[] = []): RenderedFile[] {
  const { config } = resolve({ name: 'Demo', gateways, targets: [], credentials: [], agents });
  return renderAgents(config, { marker: MARKER });
}

const file = (files: RenderedFile[], p: string) => {
  const found = files.find((f) => f.path === p);
  if (!found) throw new Error(`${p} was not rendered; got ${files.map((f) => f.path).join(', ')}`);
  return found;
};

const dependencies = (files: RenderedFile[], agent: string): string[] => parseToml(file(files, `app/${agent}/pyproject.toml`).content).project.dependencies;

describe('agent folders', () => {
  it('generates the gateway wiring, model and dependencies, and gives the entry point, README and .gitignore to the user', () => {
    const files = render([{ name: 'Helper', framework: 'Strands', modelProvider: 'Bedrock' }]);
    const owners = Object.fromEntries(files.map((f) => [f.path.replace('app/Helper/', ''), f.owner]));
    expect(owners).toEqual({
      'mcp_client/__init__.py': 'generated',
      'mcp_client/auth.py': 'generated',
      'mcp_client/reachability.py': 'generated',
      'mcp_client/client.py': 'generated',
      'model/__init__.py': 'generated',
      'model/load.py': 'generated',
      'pyproject.toml': 'generated',
      'main.py': 'user',
      'README.md': 'user',
      '.gitignore': 'user',
    });
    for (const f of files) {
      // Generated files carry the marker on their first line; the user's never do (projen would delete them).
      expect(f.content.split('\n')[0].includes(MARKER), f.path).toBe(f.owner === 'generated');
    }
  });

  it('names one client function per gateway after the gateway, in the order of the model', () => {
    const files = render(
      [{ name: 'Helper', framework: 'OpenAIAgents', modelProvider: 'OpenAI' }],
      [{ name: 'my-Tools-2' }, { name: 'iam', authorizerType: 'AWS_IAM' }, JWT],
    );
    const client = file(files, 'app/Helper/mcp_client/client.py').content;
    const defs = [...client.matchAll(/^def (\w+)\(/gm)].map((m) => m[1]);
    expect(defs).toEqual(['get_my_tools_2_client', 'get_iam_client', 'get_jwt_gw_client', 'get_gateway_clients']);
    expect(client).toContain('"AGENTCORE_GATEWAY_MY_TOOLS_2_URL"');
  });

  it('reads model API keys from the environment and never writes a secret', () => {
    const files = render([{ name: 'Helper', framework: 'LangChain_LangGraph', modelProvider: 'Anthropic' }], [JWT]);
    const load = file(files, 'app/Helper/model/load.py').content;
    expect(load).toContain('API_KEY_ENV = "ANTHROPIC_API_KEY"');
    const client = file(files, 'app/Helper/mcp_client/client.py').content;
    // The secret is only ever named by its env var (the model's fromEnv name); the client id (not a secret) may be written.
    expect(client).toContain('client_secret_env="JWT_GW_SECRET"');
    expect(client).toContain('client_id="agent-client"');
    expect(client).toContain('provider_name="jwt-gw-oauth"');
    expect(files.map((f) => f.content).join('\n')).not.toContain('AGENTCORE_CREDENTIAL_JWT_GW_OAUTH_CLIENT_SECRET');
  });

  it('reads every gateway variable under the name the resolved config gives it, the one deploy and dev use', () => {
    const { config } = resolve({
      name: 'Demo',
      gateways: [OPEN, IAM, JWT],
      targets: [],
      credentials: [],
      agents: [{ name: 'Helper', framework: 'Strands', modelProvider: 'Bedrock' }],
    });
    const files = renderAgents(config, { marker: MARKER });
    const client = file(files, 'app/Helper/mcp_client/client.py').content;
    const readme = file(files, 'app/Helper/README.md').content;
    const named = config.agentCoreGateways.flatMap((g) => [g.env.url, g.env.clientId, g.env.clientSecret].filter((v) => v !== undefined));
    expect(named).toContain('JWT_GW_SECRET');
    for (const variable of named) {
      expect(client, variable).toContain(`"${variable}"`);
      expect(readme, variable).toContain(`\`${variable}\``);
    }
    // Deploy reads the managed credential's secret from the same variable.
    const credential = config.credentials.find((c) => c.name === config.agentCoreGateways[2].agentCredentialName);
    expect(credential?.type === 'oauth' && credential.env.clientSecret).toBe('JWT_GW_SECRET');
  });

  it('introduces the agent in its README with the right article, and says dev runs it without a deploy', () => {
    const files = render([
      { name: 'Oai', framework: 'OpenAIAgents', modelProvider: 'OpenAI' },
      { name: 'Str', framework: 'Strands', modelProvider: 'Bedrock' },
    ]);
    const oai = file(files, 'app/Oai/README.md').content;
    expect(oai).toContain('\nAn OpenAI Agents SDK agent on OpenAI');
    expect(file(files, 'app/Str/README.md').content).toContain('\nA Strands Agents agent on Amazon Bedrock');
    expect(oai).not.toMatch(/deployed project/);
    expect(oai).toMatch(/gateways that are not deployed\s+from a local gateway/);
  });

  it('uses the modelId of the model, or a default of the provider', () => {
    const files = render([
      { name: 'Given', framework: 'CrewAI', modelProvider: 'Gemini', modelId: 'gemini-2.5-pro' },
      { name: 'Default', framework: 'CrewAI', modelProvider: 'Gemini' },
    ]);
    expect(file(files, 'app/Given/model/load.py').content).toContain('MODEL_ID = "gemini-2.5-pro"');
    expect(file(files, 'app/Default/model/load.py').content).toMatch(/^MODEL_ID = "gemini-[\w.-]+"$/m);
  });

  it('rejects a framework/provider pair the framework does not support', () => {
    expect(() => render([{ name: 'Helper', framework: 'GoogleADK', modelProvider: 'Bedrock' }])).toThrow(ModelError);
  });
});

describe('agent dependencies (pyproject.toml)', () => {
  it('has mcp-proxy-for-aws exactly when a gateway uses AWS_IAM', () => {
    const agent: AgentOptions = { name: 'Helper', framework: 'Strands', modelProvider: 'Bedrock' };
    const proxy = (deps: string[]) => deps.filter((d) => d.startsWith('mcp-proxy-for-aws'));
    expect(proxy(dependencies(render([agent], [{ name: 'open' }, JWT]), 'Helper'))).toEqual([]);
    expect(proxy(dependencies(render([agent], [{ name: 'open' }, { name: 'iam', authorizerType: 'AWS_IAM' }]), 'Helper'))).toHaveLength(1);
  });

  it('combines framework, provider and the agent’s own requirements, each distribution once', () => {
    const deps = dependencies(
      render([{ name: 'Helper', framework: 'CrewAI', modelProvider: 'Anthropic', dependencies: ['requests>=2', 'pandas; python_version >= "3.10"'] }]),
      'Helper',
    );
    expect(deps).toEqual(
      expect.arrayContaining(['bedrock-agentcore>=1.0', 'mcp>=1.24,<2', 'crewai-tools[mcp]>=1.15', 'requests>=2', 'pandas; python_version >= "3.10"']),
    );
    expect(deps.filter((d) => /^crewai[[>]/.test(d))).toEqual(['crewai[anthropic]>=1.15']);
  });

  it('merges extras of one distribution and keeps other requirements as written', () => {
    expect(mergeRequirements(['crewai>=1.15', 'Foo_Bar[a]'], ['crewai[bedrock]>=1.15', 'foo-bar[b]', 'x @ https://e.com/x.whl'])).toEqual([
      'crewai[bedrock]>=1.15',
      'Foo_Bar[a,b]',
      'x @ https://e.com/x.whl',
    ]);
    expect(mergeRequirements(['a>=1'], ['a>=2'])).toEqual(['a>=1', 'a>=2']);
  });
});

describe('templates', () => {
  it('never hold projen’s marker text, which would make the first synth delete them', () => {
    const projenMarker = ['~~ Generated', 'by', 'projen'].join(' ');
    const dirs = ['templates/agent', 'frameworks'];
    const offenders = dirs.flatMap((d) =>
      fs
        .readdirSync(path.join(PACKAGE_ROOT, d), { recursive: true, encoding: 'utf8' })
        .map((f) => path.join(PACKAGE_ROOT, d, f))
        .filter((f) => fs.statSync(f).isFile() && fs.readFileSync(f, 'utf8').includes(projenMarker)),
    );
    expect(offenders).toEqual([]);
  });
});
