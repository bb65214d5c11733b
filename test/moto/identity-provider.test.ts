import {
  CognitoIdentityProviderClient,
  DescribeResourceServerCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { BedrockAgentCoreControlClient, GetGatewayCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readDeployedState } from '../../src/deploy';
import { emptyInput, FAKE_CREDENTIALS, makeProject, runCli } from '../deploy/helpers';
import { type EmulatedAws, motoForThisRun, REGION, startEmulatedAws } from './emulated-aws';

// A CUSTOM_JWT gateway with `identityProvider: 'cognito'`, deployed as a user would, against moto's
// Cognito (user pools, domains, resource servers, app clients) and gateways; the credential
// provider goes to our fake (moto has none). Deploy, a second deploy that changes nothing, destroy.

const PROJECT = 'MotoIdp';
const executable = motoForThisRun();

describe.skipIf(!executable)('identityProvider cognito against moto', () => {
  let aws: EmulatedAws;
  beforeAll(async () => {
    aws = await startEmulatedAws(executable!);
  });
  afterAll(async () => {
    await aws?.close();
  });

  async function inMoto<T>(read: (cognito: CognitoIdentityProviderClient, agentcore: BedrockAgentCoreControlClient) => Promise<T>): Promise<T> {
    const config = { endpoint: aws.moto.endpoint, region: REGION, credentials: FAKE_CREDENTIALS, maxAttempts: 1 };
    const cognito = new CognitoIdentityProviderClient(config);
    const agentcore = new BedrockAgentCoreControlClient(config);
    try {
      return await read(cognito, agentcore);
    } finally {
      cognito.destroy();
      agentcore.destroy();
    }
  }

  const poolsNamed = (name: string) =>
    inMoto(async (cognito) => ((await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? []).filter((p) => p.Name === name));

  test('deploy makes the pool, domain, resource server, client, credential and gateway; a second deploy changes nothing; destroy leaves nothing', async () => {
    const p = makeProject({
      ...emptyInput(PROJECT),
      gateways: [{ name: 'secure', authorizerType: 'CUSTOM_JWT', identityProvider: 'cognito', scopes: ['read'] }],
      targets: [{ gateway: 'secure', type: 'mcp-server', name: 'tools', endpoint: 'https://mcp.example.com/mcp' }],
    });
    const deployed = await runCli(p.dir, ['deploy', '--yes', '--json'], aws.env());
    expect(deployed.stderr).toBe('');
    expect(deployed.status).toBe(0);
    expect(new Set(Object.values((JSON.parse(deployed.stdout) as { outcomes: Record<string, string> }).outcomes))).toEqual(new Set(['created']));

    const state = readDeployedState(p.dir)!;
    const recorded = state.identityProviders.secure!;
    const seen = await inMoto(async (cognito, agentcore) => {
      const pool = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: recorded.userPoolId }))).UserPool!;
      const server = (await cognito.send(new DescribeResourceServerCommand({ UserPoolId: pool.Id, Identifier: `${PROJECT}-secure` }))).ResourceServer!;
      const client = (await cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: pool.Id, ClientId: recorded.clientId }))).UserPoolClient!;
      const gateway = await agentcore.send(new GetGatewayCommand({ gatewayIdentifier: state.gateways.secure!.gatewayId }));
      return { pool, server, client, gateway };
    });
    expect(seen.pool).toMatchObject({ Name: `${PROJECT}-secure`, Domain: recorded.domain, UserPoolTags: { 'agentcore-projen:project': PROJECT } });
    expect(recorded.domain).toMatch(/^motoidp-secure-[0-9a-f]{8}$/);
    expect(seen.server.Scopes?.map((s) => s.ScopeName)).toEqual(['read']);
    expect(seen.client).toMatchObject({
      ClientName: `${PROJECT}-secure-agents`,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: [`${PROJECT}-secure/read`],
    });
    const discoveryUrl = `https://cognito-idp.${REGION}.amazonaws.com/${recorded.userPoolId}/.well-known/openid-configuration`;
    expect(seen.gateway.authorizerConfiguration?.customJWTAuthorizer).toMatchObject({ discoveryUrl, allowedClients: [recorded.clientId] });
    const credential = aws.identities.control.identities.oauth.get(`${PROJECT}-secure-oauth`)!;
    expect({ discoveryUrl: credential.discoveryUrl, clientId: credential.clientId }).toEqual({ discoveryUrl, clientId: recorded.clientId });
    expect(credential.clientSecret).toBe(seen.client.ClientSecret);
    for (const file of ['agentcore/deployed-state.json', 'agentcore/agentcore.json']) {
      expect(fs.readFileSync(path.join(p.dir, file), 'utf8')).not.toContain(seen.client.ClientSecret!);
    }
    expect(deployed.stdout).not.toContain(seen.client.ClientSecret!);

    const plan = JSON.parse((await runCli(p.dir, ['diff', '--json'], aws.env())).stdout).plan as { changes: { action: string }[] };
    expect(plan.changes.filter((c) => c.action !== 'no-op')).toEqual([]);
    const again = await runCli(p.dir, ['deploy', '--yes', '--json'], aws.env());
    expect(again.status).toBe(0);
    expect(new Set(Object.values((JSON.parse(again.stdout) as { outcomes: Record<string, string> }).outcomes))).toEqual(new Set(['unchanged']));
    expect(await poolsNamed(`${PROJECT}-secure`)).toHaveLength(1);

    const destroyed = await runCli(p.dir, ['destroy', '--yes'], aws.env());
    expect(destroyed.stderr).toBe('');
    expect(destroyed.status).toBe(0);
    expect(await poolsNamed(`${PROJECT}-secure`)).toEqual([]);
    expect([...aws.identities.control.identities.oauth.keys()].filter((n) => n.startsWith(`${PROJECT}-`))).toEqual([]);
    expect(fs.existsSync(path.join(p.dir, 'agentcore', 'deployed-state.json'))).toBe(false);
  });
});
