import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { deploy, destroy, diff, readDeployedState } from '../../src/deploy';
import { everything, inventory, makeProject, quickStart, SECRETS, someoneElse, TOOLS, withFake } from './helpers';

const PROJECT_TAG = 'agentcore-projen:project';

describe('first deploy', () => {
  test('of the quick start creates the gateway, its role and its target, and records them', async () => {
    await withFake({ readyAfterPolls: 3 }, async (fake) => {
      const p = makeProject(quickStart());
      const events: string[] = [];
      const result = await deploy(
        p.dir,
        p.options(fake, { onEvent: (e) => e.type === 'done' && events.push(`${e.outcome} ${e.label} ${e.status ?? ''}`.trim()) }),
      );

      expect(inventory(fake)).toEqual({
        gateways: { 'MyProject-my-gateway': ['weather-tools'] },
        oauth: [],
        apiKeys: [],
        roles: ['MyProject-my-gateway-gateway'],
      });
      const gw = [...fake.control.gateways.values()][0]!;
      expect(gw.status).toBe('READY');
      expect(gw.spec).toMatchObject({ authorizerType: 'NONE', protocolType: 'MCP', protocolConfiguration: { mcp: { searchType: 'SEMANTIC' } } });
      expect(gw.spec.roleArn).toBe(fake.iam.roles.get('MyProject-my-gateway-gateway')!.arn);
      expect(fake.control.tags.get(gw.gatewayArn)).toEqual({ [PROJECT_TAG]: 'MyProject' });
      const target = [...gw.targets.values()][0]!;
      expect(target.status).toBe('READY');
      expect(target.spec.targetConfiguration).toEqual({ mcp: { mcpServer: { endpoint: 'https://mcp.example.com/mcp' } } });

      const role = fake.iam.roles.get('MyProject-my-gateway-gateway')!;
      expect(JSON.parse(role.trustPolicy).Statement).toEqual([
        { Effect: 'Allow', Principal: { Service: 'bedrock-agentcore.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ]);
      // An MCP server without auth needs no permission at all.
      expect(role.policies.size).toBe(0);

      expect(events).toEqual(
        expect.arrayContaining([
          'created role of gateway my-gateway',
          'created gateway my-gateway READY',
          'created gateway my-gateway › target weather-tools READY',
        ]),
      );
      expect(result.gateways).toEqual([
        {
          name: 'my-gateway',
          deployedName: 'MyProject-my-gateway',
          url: gw.gatewayUrl,
          authorizerType: 'NONE',
          env: { AGENTCORE_GATEWAY_MY_GATEWAY_URL: gw.gatewayUrl, AGENTCORE_GATEWAY_MY_GATEWAY_AUTH_TYPE: 'NONE' },
        },
      ]);
      const state = readDeployedState(p.dir)!;
      expect(state.gateways['my-gateway']).toMatchObject({
        name: 'MyProject-my-gateway',
        gatewayId: gw.gatewayId,
        gatewayArn: gw.gatewayArn,
        gatewayUrl: gw.gatewayUrl,
        targets: { 'weather-tools': { targetId: target.targetId } },
      });
      expect(state.pending).toEqual({});
    });
  });

  test('of a project with every target type and auth type sends each in its wire shape', async () => {
    await withFake({}, async (fake) => {
      const e = everything();
      const p = makeProject(e.input, e.files, e.envLocal);
      await deploy(p.dir, p.options(fake));
      const inv = inventory(fake);
      expect(inv).toEqual({
        gateways: {
          'Everything-open': ['inline-mcp', 'oauth-mcp', 'plain-mcp'],
          'Everything-iam': ['calc', 'keyed-api', 'pets-api', 'weather-smithy'],
          'Everything-jwt': ['petstore-key', 'petstore-oauth', 'remote-spec'],
          'Everything-byo-role': ['calc2'],
        },
        oauth: ['Everything-idp', 'Everything-jwt-oauth', 'Everything-open-inline-mcp-oauth'],
        apiKeys: ['Everything-petstore-key'],
        // The gateway with its own roleArn gets no role.
        roles: ['Everything-iam-gateway', 'Everything-jwt-gateway', 'Everything-open-gateway'],
      });
      const gateways = new Map([...fake.control.gateways.values()].map((g) => [g.name, g]));
      const targets = (gw: string) => new Map([...gateways.get(gw)!.targets.values()].map((t) => [t.name, t.spec]));
      const ids = fake.control.identities;
      const arnOf = (name: string) => (ids.oauth.get(name) ?? ids.apiKeys.get(name))!.arn;

      // Gateways: inbound auth, search, exception level, tags, roles.
      expect(gateways.get('Everything-open')!.spec).toMatchObject({ authorizerType: 'NONE', description: 'No inbound auth' });
      expect(gateways.get('Everything-iam')!.spec).toMatchObject({ authorizerType: 'AWS_IAM', exceptionLevel: 'DEBUG', protocolConfiguration: { mcp: {} } });
      expect(fake.control.tags.get(gateways.get('Everything-iam')!.gatewayArn)).toEqual({ team: 'platform', [PROJECT_TAG]: 'Everything' });
      expect(gateways.get('Everything-jwt')!.spec.authorizerConfiguration).toEqual({
        customJWTAuthorizer: {
          discoveryUrl: 'https://login.example.com/.well-known/openid-configuration',
          allowedAudience: ['api://gw'],
          allowedClients: ['agent-client'],
          customClaims: [
            {
              inboundTokenClaimName: 'dept',
              inboundTokenClaimValueType: 'STRING',
              authorizingClaimMatchValue: { claimMatchValue: { matchValueString: 'eng' }, claimMatchOperator: 'EQUALS' },
            },
          ],
        },
      });
      expect(gateways.get('Everything-byo-role')!.spec.roleArn).toBe('arn:aws:iam::111122223333:role/ExistingGatewayRole');

      // Targets: each type, each outbound auth.
      const open = targets('Everything-open');
      expect(open.get('plain-mcp')!.credentialProviderConfigurations).toBeUndefined();
      expect(open.get('oauth-mcp')!.credentialProviderConfigurations).toEqual([
        { credentialProviderType: 'OAUTH', credentialProvider: { oauthCredentialProvider: { providerArn: arnOf('Everything-idp'), scopes: ['mcp.read'] } } },
      ]);
      expect(open.get('inline-mcp')!.credentialProviderConfigurations).toEqual([
        {
          credentialProviderType: 'OAUTH',
          credentialProvider: { oauthCredentialProvider: { providerArn: arnOf('Everything-open-inline-mcp-oauth'), scopes: [] } },
        },
      ]);
      const iamTargets = targets('Everything-iam');
      expect(iamTargets.get('pets-api')).toEqual({
        targetConfiguration: {
          mcp: {
            apiGateway: {
              restApiId: 'abc123',
              stage: 'prod',
              apiGatewayToolConfiguration: { toolFilters: [{ filterPath: '/pets/*', methods: ['GET', 'POST'] }] },
            },
          },
        },
        credentialProviderConfigurations: [{ credentialProviderType: 'GATEWAY_IAM_ROLE' }],
      });
      expect(iamTargets.get('keyed-api')!.credentialProviderConfigurations).toEqual([
        {
          credentialProviderType: 'API_KEY',
          credentialProvider: {
            apiKeyCredentialProvider: {
              providerArn: arnOf('Everything-petstore-key'),
              credentialParameterName: 'Authorization',
              credentialPrefix: 'Bearer',
              credentialLocation: 'HEADER',
            },
          },
        },
      ]);
      expect(iamTargets.get('weather-smithy')!.targetConfiguration).toEqual({
        mcp: { smithyModel: { inlinePayload: e.files['schemas/weather.smithy.json'] } },
      });
      // Lambda tools go inline as a list, reduced to the members the service models.
      const tools = JSON.parse(TOOLS) as { inputSchema: { properties: Record<string, Record<string, unknown>> } }[];
      delete tools[0]!.inputSchema.properties.b!.enum;
      expect(iamTargets.get('calc')!.targetConfiguration).toEqual({
        mcp: { lambda: { lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:calc', toolSchema: { inlinePayload: tools } } },
      });
      const jwt = targets('Everything-jwt');
      expect(jwt.get('petstore-oauth')!.targetConfiguration).toEqual({ mcp: { openApiSchema: { inlinePayload: e.files['schemas/petstore.json'] } } });
      expect(jwt.get('remote-spec')!.targetConfiguration).toEqual({ mcp: { openApiSchema: { s3: { uri: 's3://my-bucket/specs/petstore.json' } } } });
      expect(jwt.get('petstore-key')!.credentialProviderConfigurations).toEqual([
        {
          credentialProviderType: 'API_KEY',
          credentialProvider: {
            apiKeyCredentialProvider: {
              providerArn: arnOf('Everything-petstore-key'),
              credentialParameterName: 'api_key',
              credentialLocation: 'QUERY_PARAMETER',
            },
          },
        },
      ]);

      // Credentials reached the vault with their secrets; the agent client of the JWT gateway too.
      expect(ids.apiKeys.get('Everything-petstore-key')!.apiKey).toBe(SECRETS.API_KEY);
      expect(ids.oauth.get('Everything-idp')).toMatchObject({ clientId: 'client-123', clientSecret: SECRETS.OAUTH_SECRET, vendor: 'CustomOauth2' });
      expect(ids.oauth.get('Everything-jwt-oauth')).toMatchObject({ clientId: 'agent-client', clientSecret: SECRETS.JWT_AGENT_SECRET });
      expect(ids.oauth.get('Everything-open-inline-mcp-oauth')).toMatchObject({ clientId: 'inline-client', clientSecret: SECRETS.INLINE_SECRET });
    });
  });

  test('gives each gateway role exactly the permissions its targets need', async () => {
    await withFake({}, async (fake) => {
      const e = everything();
      const p = makeProject(e.input, e.files, e.envLocal);
      await deploy(p.dir, p.options(fake));
      const policy = (role: string) => {
        const doc = fake.iam.roles.get(role)!.policies.get('gateway-targets');
        return doc ? (JSON.parse(doc) as { Statement: { Sid: string; Action: string; Resource: string[] }[] }).Statement : [];
      };
      const ids = fake.control.identities;
      const bySid = (role: string) => Object.fromEntries(policy(role).map((s) => [s.Sid, { Action: s.Action, Resource: s.Resource }]));

      const iam = bySid('Everything-iam-gateway');
      expect(iam.InvokeLambdaTargets).toEqual({ Action: 'lambda:InvokeFunction', Resource: ['arn:aws:lambda:us-east-1:123456789012:function:calc'] });
      // Only the API target without a credential is invoked with the role.
      expect(iam.InvokeApiGatewayTargets).toEqual({ Action: 'execute-api:Invoke', Resource: ['arn:aws:execute-api:us-east-1:123456789012:abc123/prod/*/*'] });
      expect(iam.GetApiKeys!.Resource).toContain(ids.apiKeys.get('Everything-petstore-key')!.arn);
      expect(iam.ReadCredentialSecrets!.Resource).toEqual([ids.apiKeys.get('Everything-petstore-key')!.secretArn]);
      expect(iam.GetOauthTokens).toBeUndefined();

      const open = bySid('Everything-open-gateway');
      expect(Object.keys(open).sort()).toEqual(['GetOauthTokens', 'GetWorkloadToken', 'ReadCredentialSecrets']);
      expect(open.ReadCredentialSecrets!.Resource.sort()).toEqual(
        [ids.oauth.get('Everything-idp')!.secretArn, ids.oauth.get('Everything-open-inline-mcp-oauth')!.secretArn].sort(),
      );
      expect(open.InvokeLambdaTargets).toBeUndefined();
    });
  });
});

describe('re-deploy', () => {
  test('of an unchanged project makes no write call', async () => {
    await withFake({}, async (fake) => {
      const e = everything();
      const p = makeProject(e.input, e.files, e.envLocal);
      await deploy(p.dir, p.options(fake));
      fake.resetCalls();
      const again = await deploy(p.dir, p.options(fake));
      expect(fake.writes()).toEqual([]);
      expect(fake.calls.length).toBeGreaterThan(0);
      expect(again.plan.hasChanges).toBe(false);
      expect(new Set(Object.values(again.outcomes))).toEqual(new Set(['unchanged']));
    });
  });

  test('changing a target updates it in place', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(quickStart());
      await deploy(p.dir, p.options(fake));
      const before = [...[...fake.control.gateways.values()][0]!.targets.values()][0]!;
      p.resynth((input) => ({
        ...input,
        targets: [{ ...input.targets[0]!, endpoint: 'https://mcp2.example.com/mcp', description: 'moved' } as (typeof input.targets)[0]],
      }));
      const planned = await diff(p.dir, p.options(fake));
      expect(planned.changes.find((c) => c.kind === 'target')).toMatchObject({ action: 'update', reasons: ['description', 'targetConfiguration'] });
      fake.resetCalls();
      await deploy(p.dir, p.options(fake));
      expect(fake.writes().map((c) => c.op)).toEqual(['UpdateGatewayTarget']);
      const after = [...[...fake.control.gateways.values()][0]!.targets.values()][0]!;
      expect(after.targetId).toBe(before.targetId);
      expect(after.spec).toMatchObject({ description: 'moved', targetConfiguration: { mcp: { mcpServer: { endpoint: 'https://mcp2.example.com/mcp' } } } });
    });
  });

  test('changing a target to another type replaces it', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(quickStart(), { 'tools.json': TOOLS });
      await deploy(p.dir, p.options(fake));
      p.resynth((input) => ({
        ...input,
        targets: [
          {
            gateway: 'my-gateway',
            type: 'lambda-function-arn',
            name: 'weather-tools',
            lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:w',
            toolSchemaFile: 'tools.json',
          },
        ],
      }));
      fake.resetCalls();
      await deploy(p.dir, p.options(fake));
      expect(fake.writes().map((c) => c.op)).toEqual(['PutRolePolicy', 'DeleteGatewayTarget', 'CreateGatewayTarget']);
      expect(inventory(fake).gateways).toEqual({ 'MyProject-my-gateway': ['weather-tools'] });
    });
  });

  test('changing only tags tags the gateway without updating it', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject({ ...quickStart(), gateways: [{ name: 'my-gateway', tags: { team: 'a', old: 'x' } }] });
      await deploy(p.dir, p.options(fake));
      p.resynth((input) => ({ ...input, gateways: [{ name: 'my-gateway', tags: { team: 'b' } }] }));
      fake.resetCalls();
      await deploy(p.dir, p.options(fake));
      expect(
        fake
          .writes()
          .map((c) => c.op)
          .sort(),
      ).toEqual(['TagResource', 'UntagResource']);
      const gw = [...fake.control.gateways.values()][0]!;
      expect(fake.control.tags.get(gw.gatewayArn)).toEqual({ team: 'b', [PROJECT_TAG]: 'MyProject' });
    });
  });

  test('a rotated secret updates its credential provider, and only that', async () => {
    await withFake({}, async (fake) => {
      const e = everything();
      const p = makeProject(e.input, e.files, e.envLocal);
      await deploy(p.dir, p.options(fake));
      fake.resetCalls();
      await deploy(p.dir, p.options(fake, { env: { PETSTORE_KEY: 'rotated-key-0000' } }));
      expect(fake.writes().map((c) => c.op)).toEqual(['UpdateApiKeyCredentialProvider']);
      expect(fake.control.identities.apiKeys.get('Everything-petstore-key')!.apiKey).toBe('rotated-key-0000');
    });
  });

  test('removing a gateway deletes its targets, then the gateway, then its role', async () => {
    await withFake({}, async (fake) => {
      const e = everything();
      const p = makeProject(e.input, e.files, e.envLocal);
      await deploy(p.dir, p.options(fake));
      p.resynth((input) => ({ ...input, gateways: input.gateways.filter((g) => g.name !== 'iam'), targets: input.targets.filter((t) => t.gateway !== 'iam') }));
      fake.resetCalls();
      await deploy(p.dir, p.options(fake));
      const ops = fake.writes().map((c) => c.op);
      expect(ops.filter((o) => o === 'DeleteGatewayTarget')).toHaveLength(4);
      expect(ops.lastIndexOf('DeleteGatewayTarget')).toBeLessThan(ops.indexOf('DeleteGateway'));
      expect(ops.indexOf('DeleteGateway')).toBeLessThan(ops.indexOf('DeleteRole'));
      expect(ops.every((o) => o.startsWith('Delete'))).toBe(true);
      const inv = inventory(fake);
      expect(Object.keys(inv.gateways).sort()).toEqual(['Everything-byo-role', 'Everything-jwt', 'Everything-open']);
      expect(inv.roles).toEqual(['Everything-jwt-gateway', 'Everything-open-gateway']);
      // The API key is still used by the jwt gateway's targets.
      expect(inv.apiKeys).toEqual(['Everything-petstore-key']);
      expect(readDeployedState(p.dir)!.gateways).not.toHaveProperty('iam');
    });
  });
});

describe('destroy', () => {
  test('leaves nothing of the project, and nothing of another project is touched', async () => {
    await withFake({}, async (fake) => {
      const other = makeProject(quickStart('Other'));
      await deploy(other.dir, other.options(fake));
      const keep = inventory(fake);
      const e = everything();
      const p = makeProject(e.input, e.files, e.envLocal);
      await deploy(p.dir, p.options(fake));
      fake.resetCalls();
      const result = await destroy(p.dir, p.options(fake));
      expect(inventory(fake)).toEqual(keep);
      expect(fake.writes().every((c) => c.op.startsWith('Delete'))).toBe(true);
      expect(Object.values(result.outcomes).every((o) => o === 'deleted')).toBe(true);
      expect(fs.existsSync(path.join(p.dir, 'agentcore/deployed-state.json'))).toBe(false);
      fake.resetCalls();
      const again = await destroy(p.dir, p.options(fake));
      expect(again.plan.changes).toEqual([]);
      expect(fake.writes()).toEqual([]);
    });
  });

  test('leaves alone a gateway named like the project that the project did not make', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(quickStart());
      await deploy(p.dir, p.options(fake));
      const theirs = someoneElse(fake).gateway('MyProject-old-gateway');
      const warnings: string[] = [];
      await destroy(p.dir, p.options(fake, { onEvent: (e) => e.type === 'warning' && warnings.push(e.message) }));
      expect(fake.control.gateways.has(theirs.gatewayId)).toBe(true);
      expect(inventory(fake).gateways).toEqual({ 'MyProject-old-gateway': [] });
      expect(warnings).toEqual(['gateway "MyProject-old-gateway" starts with "MyProject-" but was not made by this project; left alone']);
    });
  });
});
