import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AgentOptions } from '../../src/model/agent';
import { FRAMEWORKS, frameworkManifest } from '../../src/model/frameworks';
import type { GatewayOptions } from '../../src/model/gateway';
import { AgentCoreProject } from '../../src/projen/agentcore-project';
import { tempDir } from '../helpers/tmp';
import { gatewayClients, inspectModules, parseToml, pythonFiles } from './helpers';
import { IAM, JWT, OPEN } from './gateways';

/** What reaches every gateway when all three are deployed (URLs) and local dev has the JWT client secret. */
const ALL_GATEWAYS_ENV = {
  AGENTCORE_GATEWAY_OPEN_GW_URL: 'https://open.example.com/mcp',
  AGENTCORE_GATEWAY_IAM_GW_URL: 'https://iam.example.com/mcp',
  AGENTCORE_GATEWAY_JWT_GW_URL: 'https://jwt.example.com/mcp',
  AWS_REGION: 'us-east-1',
  LOCAL_DEV: '1',
  // The fromEnv name of the model, as dev passes it on from agentcore/.env.local.
  JWT_GW_SECRET: 'local-secret',
};

const PAIRS: AgentOptions[] = FRAMEWORKS.flatMap((framework) =>
  frameworkManifest(framework).modelProviders.map((modelProvider) => ({ name: `${framework}_${modelProvider}`, framework, modelProvider })),
);

function synth(outdir: string, gateways: GatewayOptions[], agents: AgentOptions[]): void {
  const project = new AgentCoreProject({ name: 'Demo', outdir });
  for (const g of gateways) project.addGateway(g);
  for (const a of agents) project.addAgent(a);
  project.synth();
}

const read = (dir: string, p: string) => fs.readFileSync(path.join(dir, p), 'utf8');
const agentDir = (dir: string, agent: string) => path.join(dir, 'app', agent);

describe('every framework × model provider, with a gateway of each inbound auth type', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    synth(dir, [OPEN, IAM, JWT], PAIRS);
  });

  it('writes Python that compiles (py_compile), for all 14 pairs', () => {
    const files = PAIRS.flatMap((a) => pythonFiles(agentDir(dir, a.name)));
    expect(files).toHaveLength(PAIRS.length * 7);
    const errors = Object.entries(inspectModules(files)).filter(([, m]) => m.error !== null);
    expect(errors).toEqual([]);
  });

  it('gives each agent a client per gateway, authenticated as the gateway’s auth type requires', () => {
    const result = gatewayClients(
      PAIRS.map((a) => agentDir(dir, a.name)),
      ALL_GATEWAYS_ENV,
    );
    for (const agent of PAIRS) {
      const { clients, count, warnings } = result[agentDir(dir, agent.name)];
      expect(warnings, agent.name).toEqual([]);
      // LangChain gets one MultiServerMCPClient over all connections; the others one client per gateway.
      expect(count, agent.name).toBe(agent.framework === 'LangChain_LangGraph' ? 1 : 3);
      // Tool names are prefixed per gateway: every gateway has a search tool of the same name.
      expect(
        clients.map((c) => [c.url, c.auth, c.prefix]),
        agent.name,
      ).toEqual([
        ['https://open.example.com/mcp', null, 'open_gw'],
        ['https://iam.example.com/mcp', 'SigV4HTTPXAuth', 'iam_gw'],
        ['https://jwt.example.com/mcp', 'BearerToken', 'jwt_gw'],
      ]);
    }
  });

  it('skips a gateway whose URL variable is unset, with a warning naming the variable, and never fails', () => {
    const env = { ...ALL_GATEWAYS_ENV, AGENTCORE_GATEWAY_IAM_GW_URL: '' };
    const result = gatewayClients(
      PAIRS.map((a) => agentDir(dir, a.name)),
      env,
    );
    for (const agent of PAIRS) {
      const { clients, warnings } = result[agentDir(dir, agent.name)];
      expect(
        clients.map((c) => c.url),
        agent.name,
      ).toEqual(['https://open.example.com/mcp', 'https://jwt.example.com/mcp']);
      expect(warnings, agent.name).toEqual([expect.stringContaining('AGENTCORE_GATEWAY_IAM_GW_URL is not set')]);
    }
    const none = gatewayClients([agentDir(dir, 'Strands_Bedrock')], {})[agentDir(dir, 'Strands_Bedrock')];
    expect(none.count).toBe(0);
    expect(none.warnings).toHaveLength(3);
  });

  it('skips a gateway where nothing answers, with one warning naming it and its URL, and keeps the others', () => {
    const env = { ...ALL_GATEWAYS_ENV, STUB_UNREACHABLE_URLS: 'https://iam.example.com/mcp' };
    const result = gatewayClients(
      PAIRS.map((a) => agentDir(dir, a.name)),
      env,
    );
    for (const agent of PAIRS) {
      const { clients, warnings } = result[agentDir(dir, agent.name)];
      expect(
        clients.map((c) => c.url),
        agent.name,
      ).toEqual(['https://open.example.com/mcp', 'https://jwt.example.com/mcp']);
      expect(warnings, agent.name).toEqual([
        "gateway 'iam-gw' is skipped: cannot reach https://iam.example.com/mcp (ConnectError: [Errno 111] Connection refused); the agent goes on with its other tools",
      ]);
    }
  });

  it('skips a CUSTOM_JWT gateway in local dev when its client secret is not in the environment, asking only for the secret', () => {
    const { LOCAL_DEV, JWT_GW_SECRET: _, ...rest } = ALL_GATEWAYS_ENV;
    const result = gatewayClients([agentDir(dir, 'Strands_OpenAI')], { ...rest, LOCAL_DEV })[agentDir(dir, 'Strands_OpenAI')];
    expect(result.clients.map((c) => c.auth)).toEqual([null, 'SigV4HTTPXAuth']);
    // The model gives the client id, so only the secret's variable (the fromEnv name) is asked for.
    expect(result.warnings).toEqual([expect.stringContaining('set JWT_GW_SECRET')]);
    expect(result.warnings[0]).not.toContain('CLIENT_ID');
  });

  it('asks for the client id too in local dev when the model gives none', () => {
    const noClient: GatewayOptions = { ...JWT, agentClientId: undefined, agentClientSecret: undefined };
    const d = tempDir();
    synth(d, [noClient], [{ name: 'Helper', framework: 'Strands', modelProvider: 'Bedrock' }]);
    const app = agentDir(d, 'Helper');
    const result = gatewayClients([app], { AGENTCORE_GATEWAY_JWT_GW_URL: 'https://jwt.example.com/mcp', LOCAL_DEV: '1' })[app];
    expect(result.count).toBe(0);
    expect(result.warnings).toEqual([
      expect.stringMatching(/set AGENTCORE_CREDENTIAL_JWT_GW_OAUTH_CLIENT_ID and AGENTCORE_CREDENTIAL_JWT_GW_OAUTH_CLIENT_SECRET/),
    ]);
  });
});

describe('a gateway added after the agent exists', () => {
  it('reaches the client module and pyproject.toml on the next synth, and the user’s main.py edit is kept', () => {
    const dir = tempDir();
    const agent: AgentOptions = { name: 'Helper', framework: 'Strands', modelProvider: 'Anthropic' };
    synth(dir, [OPEN], [agent]);
    const app = agentDir(dir, 'Helper');
    expect(read(app, 'mcp_client/client.py')).not.toContain('def get_iam_gw_client');
    expect(parseToml(read(app, 'pyproject.toml')).project.dependencies.join('\n')).not.toContain('mcp-proxy-for-aws');

    const edited = `${read(app, 'main.py')}\n\n# my own change\nEXTRA = 1\n`;
    fs.writeFileSync(path.join(app, 'main.py'), edited);
    synth(dir, [OPEN, IAM], [agent]);

    expect(read(app, 'main.py')).toBe(edited);
    expect(read(app, 'mcp_client/client.py')).toContain('def get_iam_gw_client');
    expect(parseToml(read(app, 'pyproject.toml')).project.dependencies).toContain('mcp-proxy-for-aws>=1.1');
    const clients = gatewayClients([app], ALL_GATEWAYS_ENV)[app].clients;
    expect(clients.map((c) => c.url)).toEqual(['https://open.example.com/mcp', 'https://iam.example.com/mcp']);
    // Generated files stay read-only for the user.
    expect(fs.statSync(path.join(app, 'mcp_client/client.py')).mode & 0o222).toBe(0);
  });
});

describe('hostile text in the model', () => {
  const HOSTILE = [
    'Ends with a quote"',
    `"""\nimport os\nos.system("touch PWNED")\n"""`,
    `'''\\" + __import__("os").system("touch PWNED") + "`,
    '{{marker}} {{> agent/model/header}} {{{name}}}',
    'back\\slash\\',
    'nul\u0000and\u2028line\rbreaks',
  ].join(' ~ ');

  it('stays data: every module compiles, has the same statements as with plain text, and keeps the text verbatim', () => {
    const plain = tempDir();
    const hostile = tempDir();
    const agents = (description: string, modelId: string): AgentOptions[] => [
      { name: 'Strands_Agent', framework: 'Strands', modelProvider: 'Bedrock', description, modelId },
      { name: 'Crew_Agent', framework: 'CrewAI', modelProvider: 'OpenAI', description, modelId },
      { name: 'Adk_Agent', framework: 'GoogleADK', modelProvider: 'Gemini', description, modelId },
    ];
    const gateway = (description: string): GatewayOptions[] => [
      { ...JWT, description: description.slice(0, 200) },
      { ...IAM, description },
    ];
    synth(plain, gateway('A plain gateway.'), agents('A plain agent.', 'model-1'));
    synth(hostile, gateway(HOSTILE.slice(0, 200)), agents(HOSTILE, HOSTILE));

    const modules = inspectModules([...pythonFiles(path.join(plain, 'app')), ...pythonFiles(path.join(hostile, 'app'))]);
    for (const file of pythonFiles(path.join(hostile, 'app'))) {
      const mine = modules[file];
      expect(mine.error, file).toBeNull();
      expect(mine.statements, file).toEqual(modules[file.replace(hostile, plain)].statements);
    }
    for (const a of ['Strands_Agent', 'Crew_Agent', 'Adk_Agent']) {
      expect(modules[path.join(hostile, 'app', a, 'main.py')].constants.SYSTEM_PROMPT).toBe(HOSTILE);
      expect(modules[path.join(hostile, 'app', a, 'model/load.py')].constants.MODEL_ID).toBe(HOSTILE);
      expect(parseToml(read(agentDir(hostile, a), 'pyproject.toml')).project.description).toBe(HOSTILE);
    }
    // Running the generated client modules executes nothing that came from the text.
    gatewayClients([agentDir(hostile, 'Strands_Agent'), agentDir(hostile, 'Crew_Agent')], { ...ALL_GATEWAYS_ENV, PWD: hostile });
    expect(fs.existsSync(path.join(hostile, 'PWNED'))).toBe(false);
    expect(fs.existsSync('PWNED')).toBe(false);
  });
});

describe('removal', () => {
  it('removes a removed agent’s generated files and keeps the files the user owns', () => {
    const dir = tempDir();
    const keep: AgentOptions = { name: 'Keep', framework: 'Strands', modelProvider: 'Bedrock' };
    const gone: AgentOptions = { name: 'Gone', framework: 'OpenAIAgents', modelProvider: 'OpenAI' };
    synth(dir, [OPEN], [keep, gone]);
    synth(dir, [OPEN], [keep]);
    const left = fs
      .readdirSync(agentDir(dir, 'Gone'), { recursive: true, encoding: 'utf8' })
      .filter((f) => fs.statSync(path.join(agentDir(dir, 'Gone'), f)).isFile());
    expect(left.sort()).toEqual(['.gitignore', 'README.md', 'main.py']);
    expect(fs.existsSync(path.join(agentDir(dir, 'Keep'), 'mcp_client/client.py'))).toBe(true);
  });

  it('turns the client module into one that returns no clients when the last gateway goes', () => {
    const dir = tempDir();
    const agents: AgentOptions[] = [
      { name: 'Lang', framework: 'LangChain_LangGraph', modelProvider: 'OpenAI' },
      { name: 'Adk', framework: 'GoogleADK', modelProvider: 'Gemini' },
    ];
    synth(dir, [IAM], agents);
    synth(dir, [], agents);
    const dirs = agents.map((a) => agentDir(dir, a.name));
    const result = gatewayClients(dirs, ALL_GATEWAYS_ENV);
    for (const d of dirs) {
      expect(result[d]).toEqual({ count: 0, clients: [], warnings: [] });
      expect(read(d, 'mcp_client/client.py')).not.toMatch(/def get_iam_gw_client/);
      expect(parseToml(read(d, 'pyproject.toml')).project.dependencies.join('\n')).not.toContain('mcp-proxy-for-aws');
    }
    expect(Object.values(inspectModules(dirs.flatMap((d) => pythonFiles(d)))).map((m) => m.error)).toEqual(Array(14).fill(null));
  });
});
