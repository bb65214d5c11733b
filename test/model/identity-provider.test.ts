import { describe, expect, it } from 'vitest';
import { cognitoDomain, cognitoNames } from '../../src/model/identity-provider';
import type { GatewayOptions } from '../../src/model/gateway';
import { baseInput, issuesOf, resolve } from './model-helpers';

// `identityProvider: 'cognito'`: a CUSTOM_JWT gateway whose identity provider deploy makes.

const cognito = (extra: Partial<GatewayOptions> = {}): GatewayOptions => ({
  name: 'my-gateway',
  authorizerType: 'CUSTOM_JWT',
  identityProvider: 'cognito',
  ...extra,
});

describe('identityProvider: cognito', () => {
  it('resolves to the Cognito names, the managed credential and the variables a local agent reads, with no authorizer yet', () => {
    const { config } = resolve(baseInput({ gateways: [cognito({ scopes: ['read'] })] }));
    const g = config.agentCoreGateways[0]!;
    expect(g.authorizerConfiguration).toBeUndefined();
    expect(g.identityProvider).toEqual({
      type: 'cognito',
      userPoolName: 'MyProject-my-gateway',
      clientName: 'MyProject-my-gateway-agents',
      resourceServer: 'MyProject-my-gateway',
      scopes: ['read'],
      domainBase: 'myproject-my-gateway',
    });
    expect(g.agentCredentialName).toBe('my-gateway-oauth');
    expect(g.env).toMatchObject({
      discoveryUrl: 'AGENTCORE_GATEWAY_MY_GATEWAY_DISCOVERY_URL',
      localIssuerSecret: 'AGENTCORE_GATEWAY_MY_GATEWAY_LOCAL_ISSUER_SECRET',
      clientId: 'AGENTCORE_CREDENTIAL_MY_GATEWAY_OAUTH_CLIENT_ID',
      clientSecret: 'AGENTCORE_CREDENTIAL_MY_GATEWAY_OAUTH_CLIENT_SECRET',
    });
    expect(config.credentials).toEqual([
      expect.objectContaining({
        name: 'my-gateway-oauth',
        type: 'oauth',
        origin: 'gateway-identity-provider',
        identityProvider: 'my-gateway',
        scopes: ['MyProject-my-gateway/read'],
      }),
    ]);
    expect(config.credentials[0]).not.toHaveProperty('discoveryUrl');
    expect(resolve(baseInput({ gateways: [cognito()] })).config.agentCoreGateways[0]!.identityProvider!.scopes).toEqual(['invoke']);
  });

  it.each([
    ['discoveryUrl', { discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration' }],
    ['allowedAudience', { allowedAudience: ['api'] }],
    ['allowedClients', { allowedClients: ['client'] }],
    ['allowedScopes', { allowedScopes: ['read'] }],
    ['customClaims', { customClaims: [{ name: 'dept', value: 'eng' }] }],
    ['agentClientId', { agentClientId: 'client', agentClientSecret: { fromEnv: 'S' } }],
  ])('refuses %s next to it, saying which to drop', (field, extra) => {
    const issues = issuesOf(baseInput({ gateways: [cognito(extra as Partial<GatewayOptions>)] }));
    expect(issues).toContainEqual({
      where: `gateway "my-gateway" › ${field}`,
      message: expect.stringMatching(new RegExp(`cannot be given with identityProvider: "cognito".*drop ${field}, or drop identityProvider`)),
    });
  });

  it('refuses it on a gateway that is not CUSTOM_JWT, and scopes without it', () => {
    expect(issuesOf(baseInput({ gateways: [{ name: 'my-gateway', identityProvider: 'cognito' }] }))).toContainEqual({
      where: 'gateway "my-gateway" › identityProvider',
      message: expect.stringContaining("set authorizerType: 'CUSTOM_JWT'"),
    });
    const own = {
      name: 'my-gateway',
      authorizerType: 'CUSTOM_JWT' as const,
      discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration',
      allowedAudience: ['a'],
    };
    expect(issuesOf(baseInput({ gateways: [{ ...own, scopes: ['read'] }] }))).toContainEqual({
      where: 'gateway "my-gateway" › scopes',
      message: expect.stringContaining('use allowedScopes'),
    });
    expect(issuesOf(baseInput({ gateways: [cognito({ scopes: ['a/b'] })] }))[0]).toEqual({
      where: 'gateway "my-gateway" › scopes[0]',
      message: expect.stringContaining('"/"'),
    });
  });

  it('leaves the words Cognito reserves out of the domain (Cognito refuses a domain holding aws, amazon or cognito)', () => {
    const { config } = resolve(baseInput({ gateways: [cognito({ name: 'aws-cognito-amazon-tools' })], targets: [] }));
    const idp = config.agentCoreGateways[0]!.identityProvider!;
    expect(idp.domainBase).toBe('myproject-x-x-x-tools');
    expect(idp.userPoolName).toBe('MyProject-aws-cognito-amazon-tools');
    expect(cognitoDomain(idp, '123456789012', 'us-east-1')).not.toMatch(/aws|amazon|cognito/);
  });

  it('derives a lower-case domain of at most 63 characters, stable per account and region, distinct for long names cut alike', () => {
    const long = cognitoNames(`MyProject-${'g'.repeat(90)}`);
    const other = cognitoNames(`MyProject-${'g'.repeat(89)}x`);
    const d = cognitoDomain(long, '123456789012', 'us-east-1');
    expect(d).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/);
    expect(d.length).toBeLessThanOrEqual(63);
    expect(cognitoDomain(long, '123456789012', 'us-east-1')).toBe(d);
    expect(cognitoDomain(long, '123456789012', 'eu-west-1')).not.toBe(d);
    expect(cognitoDomain(long, '210987654321', 'us-east-1')).not.toBe(d);
    expect(long.domainBase).toBe(other.domainBase);
    expect(cognitoDomain(other, '123456789012', 'us-east-1')).not.toBe(d);
  });
});
