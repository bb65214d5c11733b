import { describe, expect, it } from 'vitest';
import type { GatewayTargetOptions } from '../../src/model/input';
import { baseInput, issuesOf, OPENAPI, resolve, SMITHY, TOOLS } from './model-helpers';

// outboundAuth "iam": the gateway signs its calls to an mcp-server or open-api-schema target with
// its own role (SigV4, for signingService and optionally signingRegion).

const MCP = { type: 'mcp-server', endpoint: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/mcp' } as const;
const OPEN_API = { type: 'open-api-schema', schema: 'specs/api.json' } as const;
const FILES = { 'specs/api.json': OPENAPI, 'm.json': SMITHY, 'tools.json': TOOLS };
const withTarget = (t: Partial<GatewayTargetOptions>) => baseInput({ targets: [{ gateway: 'my-gateway', name: 't1', ...t } as GatewayTargetOptions] });
const described = (input: ReturnType<typeof withTarget>) =>
  issuesOf(input, FILES)
    .map((i) => `${i.where}: ${i.message}`)
    .join('\n');

describe('outboundAuth "iam"', () => {
  it('resolves an mcp-server target to the gateway role signing for its service and region', () => {
    const { config } = resolve(withTarget({ ...MCP, outboundAuth: 'iam', signingService: 'execute-api', signingRegion: 'eu-west-1' }), FILES);
    expect(config.agentCoreGateways[0]!.targets[0]!.outboundAuth).toEqual({
      type: 'gateway-iam-role',
      signing: { service: 'execute-api', region: 'eu-west-1' },
    });
  });

  it("resolves an open-api-schema target without a region to the gateway's region (no region recorded)", () => {
    const { config } = resolve(withTarget({ ...OPEN_API, outboundAuth: 'iam', signingService: 'bedrock-agentcore' }), FILES);
    expect(config.agentCoreGateways[0]!.targets[0]!.outboundAuth).toEqual({ type: 'gateway-iam-role', signing: { service: 'bedrock-agentcore' } });
  });

  it('keeps the plain gateway role (no signing) for lambda, smithy and api-gateway targets', () => {
    const { config } = resolve(
      baseInput({
        targets: [
          {
            gateway: 'my-gateway',
            name: 'l',
            type: 'lambda-function-arn',
            lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
            toolSchemaFile: 'tools.json',
          },
          { gateway: 'my-gateway', name: 's', type: 'smithy-model', schema: 'm.json' },
          { gateway: 'my-gateway', name: 'a', type: 'api-gateway', restApiId: 'abc123', stage: 'prod' },
        ],
      }),
      FILES,
    );
    expect(config.agentCoreGateways[0]!.targets.map((t) => t.outboundAuth)).toEqual([
      { type: 'gateway-iam-role' },
      { type: 'gateway-iam-role' },
      { type: 'gateway-iam-role' },
    ]);
  });

  it('needs signingService, and says what to set with examples', () => {
    expect(described(withTarget({ ...MCP, outboundAuth: 'iam' }))).toMatch(
      /target "t1" › signingService: outboundAuth "iam" needs the AWS service.*set signingService, e\.g\. "execute-api".*"bedrock-agentcore"/,
    );
  });

  it('refuses a signing service that is not a SigV4 signing name, and a malformed region', () => {
    const text = described(withTarget({ ...MCP, outboundAuth: 'iam', signingService: 'Execute API', signingRegion: 'virginia' }));
    expect(text).toMatch(/› signingService: "Execute API" is not a SigV4 signing name.*e\.g\. "execute-api"/);
    expect(text).toMatch(/› signingRegion: "virginia" is not an AWS region; use a region name like "us-east-1"/);
  });

  it('refuses signingService and signingRegion with any other outboundAuth, naming which to drop', () => {
    const withOauth = described(
      baseInput({
        credentials: [{ name: 'idp', type: 'oauth', discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration', clientId: 'c' }],
        targets: [{ gateway: 'my-gateway', name: 't1', ...MCP, outboundAuth: 'oauth', credentialName: 'idp', signingService: 'execute-api' }],
      }),
    );
    expect(withOauth).toMatch(/› signingService: only applies with outboundAuth "iam" \(this target uses "oauth"\); remove signingService/);
    // The default outboundAuth ("none") too.
    expect(described(withTarget({ ...MCP, signingRegion: 'us-east-1' }))).toMatch(
      /› signingRegion: only applies with outboundAuth "iam" \(this target uses "none"\); remove signingRegion/,
    );
  });

  it('refuses a credential with iam', () => {
    expect(described(withTarget({ ...MCP, outboundAuth: 'iam', signingService: 'execute-api', credentialName: 'my-key' }))).toMatch(
      /› credentialName: outboundAuth "iam" signs with the gateway's own role and takes no credential; remove credentialName/,
    );
  });

  it('is refused by the other target types, with what they accept', () => {
    expect(described(withTarget({ type: 'api-gateway', restApiId: 'abc123', stage: 'prod', outboundAuth: 'iam', signingService: 'execute-api' }))).toMatch(
      /› outboundAuth: "iam" is not supported for api-gateway targets; use "none" or "api-key"/,
    );
    const smithy = described(withTarget({ type: 'smithy-model', schema: 'm.json', outboundAuth: 'iam', signingService: 'execute-api' }));
    expect(smithy).toMatch(/› outboundAuth: smithy-model targets use the gateway's IAM role and take no outbound auth; remove outboundAuth/);
    expect(smithy).toMatch(/› signingService: .*remove signingService/);
    const lambda = described(
      withTarget({
        type: 'lambda-function-arn',
        lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
        toolSchemaFile: 'tools.json',
        signingRegion: 'us-east-1',
      }),
    );
    expect(lambda).toMatch(/› signingRegion: lambda-function-arn targets use the gateway's IAM role.*remove signingRegion/);
  });

  it('is offered when an open-api-schema target has no outbound auth', () => {
    expect(described(withTarget({ ...OPEN_API }))).toMatch(
      /› outboundAuth: open-api-schema targets require outbound auth; set outboundAuth to .*"iam".*iam with signingService/,
    );
  });
});
