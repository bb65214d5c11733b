import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';
import { agentcore, agentcoreOk, config, createProject, read, REPO, TSX } from './helpers/project';

// A remove that also deletes generated files or secrets says so and asks first; -y / --yes
// (the reference tool's flag) confirms without asking, as scripts do.
let template: string;
let project: string;
const exists = (file: string) => fs.existsSync(path.join(project, file));
const mode = (file: string) => fs.statSync(path.join(project, file)).mode & 0o777;

beforeAll(() => {
  template = createProject('RemoveProject');
  agentcoreOk(template, 'agentcore add agent --name MyAgent --framework Strands --model-provider Bedrock');
  agentcoreOk(template, 'agentcore add credential --name PetsKey --type api-key --api-key pets-k3y');
  agentcoreOk(template, 'agentcore add credential --name OtherKey --type api-key --api-key other-k3y');
  agentcoreOk(template, 'agentcore add gateway --name my-gateway');
});

// Each test removes from its own copy of the project (node_modules holds links, copied as links).
beforeEach(() => {
  project = path.join(tempDir('agentcore-projen-remove-'), 'RemoveProject');
  fs.cpSync(template, project, { recursive: true, verbatimSymlinks: true });
});

/** Runs the CLI on a pseudo-terminal (util-linux `script`), typing `answer` at its question. */
function onTerminal(args: string, answer: string) {
  const entry = path.join(REPO, 'test/cli/helpers/cli-entry.ts');
  const command = `${JSON.stringify(process.execPath)} --import ${JSON.stringify(TSX)} ${JSON.stringify(entry)} ${args}`;
  const r = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd: project,
    input: `${answer}\n`,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, output: r.stdout.replace(/\r/g, '') };
}

describe('remove without a terminal', () => {
  it('refuses a remove that would delete generated files, lists them, and changes nothing', () => {
    const before = read(project, '.projenrc.ts');
    const r = agentcore(project, 'agentcore remove agent --name MyAgent');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^remove agent "MyAgent" also deletes:\n {2}app\/MyAgent\/mcp_client\/__init__\.py \(generated\)\n/);
    for (const file of ['mcp_client/client.py', 'mcp_client/auth.py', 'model/load.py', 'pyproject.toml'])
      expect(r.stderr).toContain(`  app/MyAgent/${file} (generated)\n`);
    expect(r.stderr).not.toContain('main.py');
    expect(r.stderr).toMatch(/Nothing was changed: pass --yes \(-y\) to confirm\.\n$/);
    expect(read(project, '.projenrc.ts')).toBe(before);
    expect(exists('app/MyAgent/mcp_client/client.py')).toBe(true);
  });

  it('refuses a remove that would delete a secret, naming the variable and never its value', () => {
    const r = agentcore(project, 'agentcore remove credential --name PetsKey');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('remove credential "PetsKey" also deletes:\n  AGENTCORE_CREDENTIAL_PETSKEY from agentcore/.env.local (a secret)\n');
    expect(r.stderr).not.toContain('pets-k3y');
    expect(read(project, 'agentcore/.env.local')).toContain('AGENTCORE_CREDENTIAL_PETSKEY=pets-k3y');
  });

  it('gives the real reason when the remove cannot be done, not a request for --yes', () => {
    agentcoreOk(
      project,
      'agentcore add gateway-target --type api-gateway --name PetStore --rest-api-id abc123 --stage prod --gateway my-gateway --outbound-auth api-key --credential-name PetsKey',
    );
    const r = agentcore(project, 'agentcore remove credential --name PetsKey');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Credential "PetsKey" is still used by target "PetStore" of gateway "my-gateway"/);
    expect(r.stderr).not.toContain('--yes');
  });

  it('does not ask when nothing but the declaration goes', () => {
    agentcoreOk(project, 'agentcore remove gateway --name my-gateway');
    expect(config(project).agentCoreGateways).toEqual([]);
  });
});

describe('remove -y / --yes', () => {
  it.each(['-y', '--yes'])('%s removes an agent and its generated files, and keeps its own code', (flag) => {
    const r = agentcoreOk(project, `agentcore remove agent --name MyAgent ${flag}`);
    expect(r.stdout).toContain('Deleted:\n  app/MyAgent/mcp_client/__init__.py (generated)\n');
    expect(config(project).runtimes).toEqual([]);
    expect(exists('app/MyAgent/mcp_client/client.py')).toBe(false);
    expect(exists('app/MyAgent/main.py')).toBe(true);
  });

  it('removes a credential and its secret from agentcore/.env.local, keeping every other line, the file still 0600', () => {
    const r = agentcoreOk(project, 'agentcore remove credential --name PetsKey -y --json');
    expect(JSON.parse(r.stdout)).toMatchObject({ success: true, resource: 'credential', deletedSecrets: ['AGENTCORE_CREDENTIAL_PETSKEY'] });
    const env = read(project, 'agentcore/.env.local');
    expect(env).not.toContain('PETSKEY');
    expect(env).toMatch(/^# Secrets for this project's credentials/);
    expect(env).toMatch(/^AGENTCORE_CREDENTIAL_OTHERKEY=other-k3y$/m);
    expect(mode('agentcore/.env.local')).toBe(0o600);
  });

  it('is accepted by remove gateway and remove gateway-target, which take the secret of an inline OAuth credential along', () => {
    agentcoreOk(
      project,
      'agentcore add gateway-target --type mcp-server --name secure-tools --endpoint https://api.example.com/mcp --gateway my-gateway ' +
        '--outbound-auth oauth --oauth-client-id my-client --oauth-client-secret inline-s3cret --oauth-discovery-url https://auth.example.com/.well-known/openid-configuration',
    );
    const refused = agentcore(project, 'agentcore remove gateway-target --name secure-tools --gateway my-gateway');
    expect(refused.stderr).toContain('AGENTCORE_CREDENTIAL_MY_GATEWAY_SECURE_TOOLS_OAUTH_CLIENT_SECRET from agentcore/.env.local (a secret)');
    agentcoreOk(project, 'agentcore remove gateway-target --name secure-tools --gateway my-gateway -y');
    expect(read(project, 'agentcore/.env.local')).not.toContain('inline-s3cret');
    agentcoreOk(project, 'agentcore remove gateway --name my-gateway --yes');
    expect(config(project).agentCoreGateways).toEqual([]);
  });
});

describe('remove on a terminal', () => {
  it('lists what goes and removes it when the answer is y', () => {
    const r = onTerminal('remove credential --name PetsKey', 'y');
    expect(r.output).toContain(
      'remove credential "PetsKey" also deletes:\n  AGENTCORE_CREDENTIAL_PETSKEY from agentcore/.env.local (a secret)\nContinue? [y/N] ',
    );
    expect(r.status).toBe(0);
    expect(config(project).credentials.map((c: { name: string }) => c.name)).toEqual(['OtherKey']);
    expect(read(project, 'agentcore/.env.local')).not.toContain('PETSKEY');
  });

  it('changes nothing when the answer is anything else', () => {
    const before = read(project, '.projenrc.ts');
    const r = onTerminal('remove agent --name MyAgent', 'n');
    expect(r.output).toContain('Continue? [y/N] ');
    expect(r.output).toContain('Nothing was changed.');
    expect(r.status).toBe(1);
    expect(read(project, '.projenrc.ts')).toBe(before);
    expect(exists('app/MyAgent/mcp_client/client.py')).toBe(true);
  });
});
