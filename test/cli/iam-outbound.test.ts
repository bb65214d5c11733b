import { beforeAll, describe, expect, it } from 'vitest';
import { agentcore, agentcoreOk, config, createProject, files, projenrcTypeErrors, read } from './helpers/project';
import { writeSchemaFiles } from './helpers/schemas';

// `add gateway-target --outbound-auth iam --signing-service ...`: the gateway signs its calls to the
// target with its own role.
let project: string;

beforeAll(() => {
  project = createProject('Signed');
  writeSchemaFiles(project);
  agentcoreOk(project, 'agentcore add gateway --name my-gateway');
  agentcoreOk(
    project,
    `agentcore add gateway-target \\
  --type mcp-server \\
  --name signed-tools \\
  --endpoint https://abc123.execute-api.us-east-1.amazonaws.com/prod/mcp \\
  --outbound-auth iam \\
  --signing-service execute-api \\
  --signing-region us-east-1 \\
  --gateway my-gateway`,
  );
  agentcoreOk(
    project,
    'agentcore add gateway-target --type open-api-schema --name PetStoreAPI --schema specs/petstore.json --outbound-auth IAM --signing-service execute-api --gateway my-gateway',
  );
});

describe('add gateway-target --outbound-auth iam', () => {
  it('writes the typed calls and synthesizes the gateway role signing for that service', () => {
    const source = read(project, '.projenrc.ts');
    expect(source).toContain(`myGateway.addTarget({
  name: 'signed-tools',
  type: 'mcp-server',
  endpoint: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/mcp',
  outboundAuth: 'iam',
  signingService: 'execute-api',
  signingRegion: 'us-east-1',
});`);
    expect(source).toContain("outboundAuth: 'iam',\n  signingService: 'execute-api',\n});");
    expect(projenrcTypeErrors(project)).toEqual([]);
    const [mcp, openApi] = config(project).agentCoreGateways[0].targets;
    expect(mcp.outboundAuth).toEqual({ type: 'gateway-iam-role', signing: { service: 'execute-api', region: 'us-east-1' } });
    expect(openApi.outboundAuth).toEqual({ type: 'gateway-iam-role', signing: { service: 'execute-api' } });
  });

  it.each([
    [
      'iam without --signing-service',
      '--type mcp-server --name t2 --endpoint https://x.example.com/mcp --outbound-auth iam',
      /target "t2" › signingService: outboundAuth "iam" needs the AWS service.*e\.g\. "execute-api"/,
    ],
    [
      '--signing-service without iam',
      '--type mcp-server --name t3 --endpoint https://x.example.com/mcp --signing-service execute-api',
      /signingService: only applies with outboundAuth "iam".*remove signingService/,
    ],
    [
      'iam on a lambda target',
      '--type lambda-function-arn --name t4 --lambda-arn arn:aws:lambda:us-east-1:123456789012:function:f --tool-schema-file tools.json --outbound-auth iam --signing-service lambda',
      /lambda-function-arn targets use the gateway's IAM role and take no outbound auth; remove outboundAuth/,
    ],
  ])('refuses %s and changes nothing', (_what, flags, message) => {
    const before = files(project);
    const r = agentcore(project, `agentcore add gateway-target --gateway my-gateway ${flags}`);
    expect(r.status, r.stdout + r.stderr).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(files(project)).toEqual(before);
  });
});
