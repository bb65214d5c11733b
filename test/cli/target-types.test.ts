import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agentcoreOk, config, createProject, projenrcTypeErrors, read } from './helpers/project';
import { writeSchemaFiles } from './helpers/schemas';

// Every target type, each added with the `agentcore add gateway-target` command line a user would write.
let project: string;

beforeAll(() => {
  project = createProject('Targets');
  writeSchemaFiles(project);
  agentcoreOk(project, 'agentcore add gateway --name my-gateway');
  agentcoreOk(
    project,
    `agentcore add gateway-target \\
  --type mcp-server \\
  --name my-tools \\
  --endpoint https://mcp.example.com/mcp \\
  --gateway my-gateway`,
  );
  agentcoreOk(
    project,
    `agentcore add gateway-target \\
  --type api-gateway \\
  --name PetStore \\
  --rest-api-id abc123 \\
  --stage prod \\
  --tool-filter-path '/pets/*' \\
  --tool-filter-methods GET,POST \\
  --gateway my-gateway`,
  );
  // The doc's open-api-schema example uses a credential named MyOAuth; it is added first.
  agentcoreOk(
    project,
    'agentcore add credential --name MyOAuth --type oauth --discovery-url https://auth.example.com/.well-known/openid-configuration --client-id my-client --client-secret my-secret',
  );
  agentcoreOk(
    project,
    `agentcore add gateway-target \\
  --type open-api-schema \\
  --name PetStoreAPI \\
  --schema specs/petstore.json \\
  --gateway my-gateway \\
  --outbound-auth oauth \\
  --credential-name MyOAuth`,
  );
  agentcoreOk(
    project,
    `agentcore add gateway-target \\
  --type smithy-model \\
  --name MyService \\
  --schema models/service.json \\
  --gateway my-gateway`,
  );
  agentcoreOk(
    project,
    `agentcore add gateway-target \\
  --type lambda-function-arn \\
  --name MyLambdaTools \\
  --lambda-arn arn:aws:lambda:us-east-1:123456789012:function:my-func \\
  --tool-schema-file tools.json \\
  --gateway my-gateway`,
  );
});

describe('every target type', () => {
  it('writes one typed call per command, next to its siblings', () => {
    expect(read(project, '.projenrc.ts')).toBe(`import { AgentCoreProject } from 'agentcore-projen';

// Describe gateways, targets, credentials and agents here, then run \`npx projen\`.
// Secrets never go in this file: reference them with fromEnv('NAME') and put the values
// in agentcore/.env.local (git-ignored).
const project = new AgentCoreProject({ name: "Targets" });

project.addCredential({
  name: 'MyOAuth',
  type: 'oauth',
  discoveryUrl: 'https://auth.example.com/.well-known/openid-configuration',
  clientId: 'my-client',
});

const myGateway = project.addGateway({ name: 'my-gateway' });
myGateway.addTarget({
  name: 'my-tools',
  type: 'mcp-server',
  endpoint: 'https://mcp.example.com/mcp',
});
myGateway.addTarget({
  name: 'PetStore',
  type: 'api-gateway',
  restApiId: 'abc123',
  stage: 'prod',
  toolFilterPath: '/pets/*',
  toolFilterMethods: ['GET', 'POST'],
});
myGateway.addTarget({
  name: 'PetStoreAPI',
  type: 'open-api-schema',
  schema: 'specs/petstore.json',
  outboundAuth: 'oauth',
  credentialName: 'MyOAuth',
});
myGateway.addTarget({ name: 'MyService', type: 'smithy-model', schema: 'models/service.json' });
myGateway.addTarget({
  name: 'MyLambdaTools',
  type: 'lambda-function-arn',
  lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:my-func',
  toolSchemaFile: 'tools.json',
});

project.synth();
`);
    expect(projenrcTypeErrors(project)).toEqual([]);
  });

  it('synthesizes each target with the outbound auth its type allows', () => {
    const targets = config(project).agentCoreGateways[0].targets;
    const byName = Object.fromEntries(targets.map((t: { name: string }) => [t.name, t]));
    expect(Object.keys(byName)).toEqual(['my-tools', 'PetStore', 'PetStoreAPI', 'MyService', 'MyLambdaTools']);
    expect(byName['my-tools']).toMatchObject({ type: 'mcp-server', endpoint: 'https://mcp.example.com/mcp', outboundAuth: { type: 'none' } });
    expect(byName.PetStore).toMatchObject({
      type: 'api-gateway',
      restApiId: 'abc123',
      stage: 'prod',
      toolFilters: [{ filterPath: '/pets/*', methods: ['GET', 'POST'] }],
      outboundAuth: { type: 'gateway-iam-role' },
    });
    expect(byName.PetStoreAPI).toMatchObject({
      type: 'open-api-schema',
      schema: { path: 'specs/petstore.json' },
      outboundAuth: { type: 'oauth', credentialName: 'MyOAuth' },
    });
    expect(byName.MyService).toMatchObject({ type: 'smithy-model', schema: { path: 'models/service.json' }, outboundAuth: { type: 'gateway-iam-role' } });
    expect(byName.MyLambdaTools).toMatchObject({
      type: 'lambda-function-arn',
      lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:my-func',
      toolSchema: { path: 'tools.json' },
      outboundAuth: { type: 'gateway-iam-role' },
    });
  });

  it("keeps the credential's secret in agentcore/.env.local only", () => {
    expect(read(project, 'agentcore/.env.local')).toMatch(/^AGENTCORE_CREDENTIAL_MYOAUTH_CLIENT_SECRET=my-secret$/m);
    expect(read(project, '.projenrc.ts')).not.toContain('my-secret');
    expect(read(project, 'agentcore/agentcore.json')).not.toContain('my-secret');
    expect(config(project).credentials).toEqual([
      expect.objectContaining({ name: 'MyOAuth', type: 'oauth', clientId: 'my-client', env: { clientSecret: 'AGENTCORE_CREDENTIAL_MYOAUTH_CLIENT_SECRET' } }),
    ]);
  });

  it('an absolute tool schema path inside the project is written relative to its root', () => {
    agentcoreOk(
      project,
      `agentcore add gateway-target --type lambda-function-arn --name AbsTools --lambda-arn arn:aws:lambda:us-east-1:123456789012:function:my-func --tool-schema-file ${path.join(project, 'tools.json')} --gateway my-gateway`,
    );
    expect(read(project, '.projenrc.ts')).toContain(
      "  name: 'AbsTools',\n  type: 'lambda-function-arn',\n  lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:my-func',\n  toolSchemaFile: 'tools.json',\n",
    );
    expect(config(project).agentCoreGateways[0].targets.at(-1)).toMatchObject({ name: 'AbsTools', toolSchema: { path: 'tools.json' } });
  });
});
