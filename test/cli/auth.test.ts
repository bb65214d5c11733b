import { beforeAll, describe, expect, it } from 'vitest';
import { agentcoreOk, config, createProject, files, projenrcTypeErrors, read } from './helpers/project';

// Authentication from the command line: inbound CUSTOM_JWT with an agent client, outbound
// OAuth inline and through a named credential (`add identity`), and an API key.
let project: string;
const SECRETS = ['agent-client-secret', 'second-agent-secret', 'my-secret', 'provider-secret', 'k3y-value'];

beforeAll(() => {
  project = createProject('AuthProject');
  agentcoreOk(
    project,
    `agentcore add gateway \\
  --name my-gateway \\
  --authorizer-type CUSTOM_JWT \\
  --discovery-url https://idp.example.com/.well-known/openid-configuration \\
  --allowed-audience my-api \\
  --allowed-clients my-client-id \\
  --agent-client-id agent-client-id \\
  --agent-client-secret agent-client-secret`,
  );
  // The current reference tool's names for the same flags.
  agentcoreOk(
    project,
    'agentcore add gateway --name second-gateway --authorizer-type CUSTOM_JWT --discovery-url https://idp.example.com/.well-known/openid-configuration --allowed-clients a,b --client-id second-agent --client-secret second-agent-secret',
  );
  agentcoreOk(
    project,
    `agentcore add gateway-target \\
  --type mcp-server \\
  --name secure-tools \\
  --endpoint https://api.example.com/mcp \\
  --gateway my-gateway \\
  --outbound-auth oauth \\
  --oauth-client-id my-client \\
  --oauth-client-secret my-secret \\
  --oauth-discovery-url https://auth.example.com/.well-known/openid-configuration`,
  );
});

describe('CUSTOM_JWT gateway with an agent client', () => {
  it('writes the client id and a fromEnv reference for its secret, and imports fromEnv', () => {
    const text = read(project, '.projenrc.ts');
    expect(text).toMatch(/^import \{ AgentCoreProject, fromEnv \} from 'agentcore-projen';$/m);
    expect(text).toContain(`const myGateway = project.addGateway({
  name: 'my-gateway',
  authorizerType: 'CUSTOM_JWT',
  discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration',
  allowedAudience: ['my-api'],
  allowedClients: ['my-client-id'],
  agentClientId: 'agent-client-id',
  agentClientSecret: fromEnv('AGENTCORE_CREDENTIAL_MY_GATEWAY_OAUTH_CLIENT_SECRET'),
});`);
    expect(text).toContain("allowedClients: ['a', 'b'],\n  agentClientId: 'second-agent',");
  });

  it('synthesizes the managed <gateway>-oauth credential the agents use', () => {
    const c = config(project);
    expect(c.agentCoreGateways[0]).toMatchObject({
      name: 'my-gateway',
      authorizerType: 'CUSTOM_JWT',
      agentCredentialName: 'my-gateway-oauth',
      authorizerConfiguration: { customJwtAuthorizer: { allowedAudience: ['my-api'], allowedClients: ['my-client-id'] } },
    });
    expect(c.credentials).toContainEqual(
      expect.objectContaining({
        name: 'my-gateway-oauth',
        origin: 'gateway-agent-client',
        clientId: 'agent-client-id',
        env: { clientSecret: 'AGENTCORE_CREDENTIAL_MY_GATEWAY_OAUTH_CLIENT_SECRET' },
      }),
    );
    expect(c.credentials).toContainEqual(expect.objectContaining({ name: 'second-gateway-oauth', clientId: 'second-agent' }));
  });
});

describe('OAuth outbound auth', () => {
  it('inline flags: the target names its secret, and the project makes the <gateway>-<target>-oauth credential', () => {
    expect(read(project, '.projenrc.ts')).toContain(`myGateway.addTarget({
  name: 'secure-tools',
  type: 'mcp-server',
  endpoint: 'https://api.example.com/mcp',
  outboundAuth: 'oauth',
  oauthClientId: 'my-client',
  oauthClientSecret: fromEnv('AGENTCORE_CREDENTIAL_MY_GATEWAY_SECURE_TOOLS_OAUTH_CLIENT_SECRET'),
  oauthDiscoveryUrl: 'https://auth.example.com/.well-known/openid-configuration',
});`);
    const c = config(project);
    expect(c.agentCoreGateways[0].targets[0].outboundAuth).toEqual({ type: 'oauth', credentialName: 'my-gateway-secure-tools-oauth' });
    expect(c.credentials).toContainEqual(expect.objectContaining({ name: 'my-gateway-secure-tools-oauth', origin: 'target-inline', clientId: 'my-client' }));
  });

  it('a named credential from `add identity`, after removing the inline variant', () => {
    agentcoreOk(project, 'agentcore remove gateway-target --name secure-tools --gateway my-gateway --yes');
    agentcoreOk(
      project,
      `agentcore add identity \\
  --name MyOAuthProvider \\
  --type oauth \\
  --discovery-url https://auth.example.com/.well-known/openid-configuration \\
  --client-id my-client \\
  --client-secret provider-secret`,
    );
    agentcoreOk(
      project,
      `agentcore add gateway-target \\
  --type mcp-server \\
  --name secure-tools \\
  --endpoint https://api.example.com/mcp \\
  --gateway my-gateway \\
  --outbound-auth oauth \\
  --credential-name MyOAuthProvider`,
    );
    const text = read(project, '.projenrc.ts');
    expect(text).not.toContain('oauthClientSecret');
    expect(text).toContain(`project.addCredential({
  name: 'MyOAuthProvider',
  type: 'oauth',
  discoveryUrl: 'https://auth.example.com/.well-known/openid-configuration',
  clientId: 'my-client',
});

const myGateway = project.addGateway({`);
    expect(text).toContain("  outboundAuth: 'oauth',\n  credentialName: 'MyOAuthProvider',\n});");
    const c = config(project);
    expect(c.agentCoreGateways[0].targets).toEqual([
      expect.objectContaining({ name: 'secure-tools', outboundAuth: { type: 'oauth', credentialName: 'MyOAuthProvider' } }),
    ]);
    expect(c.credentials.map((x: { name: string }) => x.name)).not.toContain('my-gateway-secure-tools-oauth');
  });

  it('an API key credential used by an api-gateway target', () => {
    agentcoreOk(project, 'agentcore add credential --name PetsKey --type api-key --api-key k3y-value');
    agentcoreOk(
      project,
      'agentcore add gateway-target --type api-gateway --name PetStore --rest-api-id abc123 --stage prod --gateway second-gateway --outbound-auth api-key --credential-name PetsKey --api-key-parameter-name Authorization --api-key-prefix Bearer',
    );
    const c = config(project);
    expect(c.agentCoreGateways[1].targets[0].outboundAuth).toEqual({
      type: 'api-key',
      credentialName: 'PetsKey',
      apiKey: { parameterName: 'Authorization', prefix: 'Bearer', location: 'HEADER' },
    });
    expect(read(project, '.projenrc.ts')).toContain("project.addCredential({ name: 'PetsKey', type: 'api-key' });");
  });
});

describe('secrets from flags', () => {
  it('are stored under their variables in agentcore/.env.local, keeping the comments already there', () => {
    const env = read(project, 'agentcore/.env.local');
    expect(env).toMatch(/^# Secrets for this project's credentials/);
    expect(env).toMatch(/^AGENTCORE_CREDENTIAL_MY_GATEWAY_OAUTH_CLIENT_SECRET=agent-client-secret$/m);
    expect(env).toMatch(/^AGENTCORE_CREDENTIAL_SECOND_GATEWAY_OAUTH_CLIENT_SECRET=second-agent-secret$/m);
    // The inline OAuth secret of secure-tools went with the target (removed above).
    expect(env).not.toContain('AGENTCORE_CREDENTIAL_MY_GATEWAY_SECURE_TOOLS_OAUTH_CLIENT_SECRET');
    expect(env).toMatch(/^AGENTCORE_CREDENTIAL_MYOAUTHPROVIDER_CLIENT_SECRET=provider-secret$/m);
    expect(env).toMatch(/^AGENTCORE_CREDENTIAL_PETSKEY=k3y-value$/m);
    expect(read(project, '.gitignore')).toContain('/agentcore/.env.local');
  });

  it('appear in no other file of the project', () => {
    for (const [file, content] of files(project)) {
      if (file === 'agentcore/.env.local') continue;
      for (const secret of SECRETS) expect(content.toString('utf8'), file).not.toContain(secret);
    }
  });

  it('a credential added again with a new secret replaces its line in place', () => {
    agentcoreOk(project, 'agentcore remove gateway-target --name PetStore --gateway second-gateway');
    agentcoreOk(project, 'agentcore remove credential --name PetsKey --yes');
    agentcoreOk(project, 'agentcore add credential --name PetsKey --type api-key --api-key new-k3y');
    const env = read(project, 'agentcore/.env.local');
    expect(env.match(/^AGENTCORE_CREDENTIAL_PETSKEY=/gm)).toHaveLength(1);
    expect(env).toMatch(/^AGENTCORE_CREDENTIAL_PETSKEY=new-k3y$/m);
  });

  it('leaves a .projenrc.ts that compiles', () => {
    expect(projenrcTypeErrors(project)).toEqual([]);
  });
});
