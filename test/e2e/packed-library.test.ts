import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { beforeAll, describe, expect, it } from 'vitest';
import { packLibrary, sh } from '../helpers/packed-library';
import { tempDir } from '../helpers/tmp';

// A user's view: the packed library, `create` run from it with npx, then `npx projen` on a model
// with one gateway per inbound auth type and one target per target type.
let project: string;

const SCHEMA_FILES = {
  'specs/petstore.json': { openapi: '3.0.3', info: { title: 'Pets', version: '1' }, paths: { '/pets': { get: { operationId: 'listPets' } } } },
  'models/service.json': { smithy: '2.0', shapes: { 'example#Weather': { type: 'service', version: '1' } } },
  'tools.json': [{ name: 'get_forecast', description: 'Forecast for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } }],
};

const PROJENRC = (withIamGateway: boolean) => `import { AgentCoreProject, fromEnv } from 'agentcore-projen';

const project = new AgentCoreProject({ name: 'E2eProject' });

project.addCredential({ name: 'PetsKey', type: 'api-key' });
project.addCredential({
  name: 'MyOAuthProvider',
  type: 'oauth',
  discoveryUrl: 'https://auth.example.com/.well-known/openid-configuration',
  clientId: 'my-client',
});

const open = project.addGateway({ name: 'open-gateway' });
open.addTarget({ type: 'mcp-server', name: 'weather-tools', endpoint: 'https://mcp.example.com/mcp' });
open.addTarget({ type: 'api-gateway', name: 'PetStore', restApiId: 'abc123', stage: 'prod', toolFilterPath: '/pets/*', toolFilterMethods: ['GET', 'POST'] });
${
  withIamGateway
    ? `
const iam = project.addGateway({ name: 'iam-gateway', authorizerType: 'AWS_IAM' });
iam.addTarget({ type: 'smithy-model', name: 'MyService', schema: 'models/service.json' });
`
    : ''
}
const jwt = project.addGateway({
  name: 'jwt-gateway',
  authorizerType: 'CUSTOM_JWT',
  discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration',
  allowedAudience: ['my-api'],
  allowedClients: ['my-client-id'],
  agentClientId: 'agent-client-id',
  agentClientSecret: fromEnv('JWT_AGENT_SECRET'),
});
jwt.addTarget({ type: 'open-api-schema', name: 'PetStoreAPI', schema: 'specs/petstore.json', outboundAuth: 'oauth', credentialName: 'MyOAuthProvider' });
jwt.addTarget({ type: 'lambda-function-arn', name: 'MyLambdaTools', lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:my-func', toolSchemaFile: 'tools.json' });

project.synth();
`;

const config = () => JSON.parse(fs.readFileSync(path.join(project, 'agentcore/agentcore.json'), 'utf8'));

beforeAll(() => {
  const tarball = packLibrary();
  const parent = tempDir('agentcore-projen-e2e-');
  sh('npx', ['--yes', '--package', tarball, 'agentcore-projen', 'create', '--name', 'E2eProject', '--defaults', '--output-dir', parent], parent, {
    npm_config_update_notifier: 'false',
  });
  project = path.join(parent, 'E2eProject');
}, 300_000);

describe('the packed library, installed as a user would', () => {
  it('create made a ready project that depends on the very tarball it ran from', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8'));
    expect(pkg.devDependencies['agentcore-projen']).toMatch(/^file:.*agentcore-projen-.*\.tgz$/);
    expect(fs.existsSync(path.join(project, 'node_modules/agentcore-projen/lib/index.js'))).toBe(true);
    expect(fs.existsSync(path.join(project, 'agentcore/agentcore.json'))).toBe(true);
    expect(fs.readFileSync(path.join(project, '.gitignore'), 'utf8')).toContain('/agentcore/.env.local');
  });

  it('create committed the project, first synth included, with generated files marked in .gitattributes', () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: project, encoding: 'utf8' });
    expect(git('log', '--format=%s')).toBe('Create the project with agentcore-projen\n');
    expect(git('status', '--porcelain')).toBe('');
    const tracked = git('ls-files').split('\n');
    expect(tracked).toEqual(expect.arrayContaining(['.gitattributes', '.projenrc.ts', 'agentcore/agentcore.json', 'package-lock.json']));
    expect(tracked).not.toContain('agentcore/.env.local');
    expect(git('check-attr', 'linguist-generated', 'agentcore/agentcore.json')).toBe('agentcore/agentcore.json: linguist-generated: set\n');
  });

  it('synthesizes every auth type and target type with npx projen, valid against the JSON Schema', () => {
    for (const [file, content] of Object.entries(SCHEMA_FILES)) {
      fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
      fs.writeFileSync(path.join(project, file), JSON.stringify(content));
    }
    fs.writeFileSync(path.join(project, '.projenrc.ts'), PROJENRC(true));
    sh('npx', ['projen'], project);
    const cfg = config();
    const schema = JSON.parse(fs.readFileSync(path.join(project, 'agentcore/agentcore.schema.json'), 'utf8'));
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(cfg), JSON.stringify(validate.errors)).toBe(true);
    expect(cfg.agentCoreGateways.map((g: { authorizerType: string }) => g.authorizerType)).toEqual(['NONE', 'AWS_IAM', 'CUSTOM_JWT']);
    const types = cfg.agentCoreGateways.flatMap((g: { targets: Array<{ type: string }> }) => g.targets.map((t) => t.type));
    expect(new Set(types)).toEqual(new Set(['mcp-server', 'api-gateway', 'open-api-schema', 'smithy-model', 'lambda-function-arn']));
    expect(cfg.credentials.map((c: { name: string }) => c.name)).toEqual(['jwt-gateway-oauth', 'MyOAuthProvider', 'PetsKey']);
  });

  it('removes a gateway from the output when it is removed from .projenrc.ts', () => {
    fs.writeFileSync(path.join(project, '.projenrc.ts'), PROJENRC(false));
    sh('npx', ['projen'], project);
    expect(config().agentCoreGateways.map((g: { name: string }) => g.name)).toEqual(['open-gateway', 'jwt-gateway']);
  });

  it('fails with the model error and changes nothing when .projenrc.ts is invalid', () => {
    const before = fs.readFileSync(path.join(project, 'agentcore/agentcore.json'), 'utf8');
    fs.writeFileSync(
      path.join(project, '.projenrc.ts'),
      PROJENRC(false).replace("toolFilterMethods: ['GET', 'POST'] }", "toolFilterMethods: ['GET', 'POST'], outboundAuth: 'oauth' }"),
    );
    expect(() => sh('npx', ['projen'], project)).toThrow(/PetStore.*outboundAuth: "oauth" is not supported for api-gateway targets/s);
    expect(fs.readFileSync(path.join(project, 'agentcore/agentcore.json'), 'utf8')).toBe(before);
  });
});
