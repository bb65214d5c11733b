import { beforeAll, describe, expect, it } from 'vitest';
import { agentcore, agentcoreOk, createProject, files, read, write } from './helpers/project';
import { writeSchemaFiles } from './helpers/schemas';

// Every bad input to the add and remove commands: the command fails with the model's message, and
// .projenrc.ts, agentcore/.env.local and every generated file keep their exact bytes.
let project: string;

beforeAll(() => {
  project = createProject('BadInput');
  writeSchemaFiles(project);
  agentcoreOk(project, 'agentcore add gateway --name my-gateway');
  agentcoreOk(project, 'agentcore add gateway-target --type mcp-server --name my-tools --endpoint https://mcp.example.com/mcp --gateway my-gateway');
  agentcoreOk(
    project,
    'agentcore add credential --name MyOAuth --type oauth --discovery-url https://auth.example.com/.well-known/openid-configuration --client-id c',
  );
  agentcoreOk(project, 'agentcore add credential --name PetsKey --type api-key');
  agentcoreOk(
    project,
    'agentcore add gateway-target --type api-gateway --name PetStore --rest-api-id abc123 --stage prod --gateway my-gateway --outbound-auth api-key --credential-name PetsKey',
  );
  agentcoreOk(project, 'agentcore add agent --name MyAgent --framework Strands --model-provider Bedrock');
});

function expectRejected(command: string, message: RegExp) {
  const before = files(project);
  const r = agentcore(project, command);
  expect(r.status, r.stdout + r.stderr).not.toBe(0);
  expect(r.stderr).toMatch(message);
  const after = files(project);
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [file, bytes] of before) expect(after.get(file)!.equals(bytes), `${file} changed`).toBe(true);
  return r;
}

const TARGET = 'agentcore add gateway-target --gateway my-gateway';

describe('bad input changes nothing', () => {
  it.each([
    [
      'oauth on an api-gateway target',
      `${TARGET} --type api-gateway --name Pets2 --rest-api-id abc123 --stage prod --outbound-auth oauth --credential-name MyOAuth`,
      /"oauth" is not supported for api-gateway targets/,
    ],
    [
      'outbound auth on a lambda target',
      `${TARGET} --type lambda-function-arn --name L --lambda-arn arn:aws:lambda:us-east-1:123456789012:function:f --tool-schema-file tools.json --outbound-auth api-key --credential-name PetsKey`,
      /lambda-function-arn targets use the gateway's IAM role and take no outbound auth/,
    ],
    [
      'outbound auth on a smithy target',
      `${TARGET} --type smithy-model --name S --schema models/service.json --outbound-auth oauth --credential-name MyOAuth`,
      /smithy-model targets use the gateway's IAM role and take no outbound auth/,
    ],
    [
      'open-api-schema without outbound auth',
      `${TARGET} --type open-api-schema --name O --schema specs/petstore.json`,
      /open-api-schema targets require outbound auth/,
    ],
    [
      'a schema file that does not exist',
      `${TARGET} --type open-api-schema --name O --schema specs/missing.json --outbound-auth oauth --credential-name MyOAuth`,
      /file "specs\/missing.json" does not exist/,
    ],
    ['no schema at all', `${TARGET} --type smithy-model --name S`, /schema: is required/],
    [
      'an mcp-server without endpoint or host',
      `${TARGET} --type mcp-server --name e`,
      /endpoint: an mcp-server target needs endpoint .*, or host \("Lambda" or "AgentCoreRuntime"\)/,
    ],
    [
      'a flag of another target type',
      `${TARGET} --type mcp-server --name e --endpoint https://x.example.com/mcp --rest-api-id abc`,
      /unknown field "restApiId"/,
    ],
    [
      'an unknown gateway',
      'agentcore add gateway-target --type mcp-server --name t --endpoint https://x.example.com/mcp --gateway nope',
      /gateway "nope" does not exist/,
    ],
    [
      'an unknown credential',
      `${TARGET} --type mcp-server --name t --endpoint https://x.example.com/mcp --outbound-auth oauth --credential-name Nope`,
      /credential "Nope" does not exist/,
    ],
    [
      'incomplete inline oauth, secret given',
      `${TARGET} --type mcp-server --name t --endpoint https://x.example.com/mcp --outbound-auth oauth --oauth-client-secret s3cret`,
      /inline OAuth needs oauthClientId, oauthClientSecret, oauthDiscoveryUrl; add oauthClientId/,
    ],
    ['a duplicate gateway', 'agentcore add gateway --name my-gateway', /gateway "my-gateway" is declared twice/],
    ['a gateway name that clashes in env vars', 'agentcore add gateway --name MY-GATEWAY', /both map to the env var AGENTCORE_GATEWAY_MY_GATEWAY_URL/],
    [
      'a duplicate target',
      `${TARGET} --type mcp-server --name my-tools --endpoint https://x.example.com/mcp`,
      /target "my-tools" is declared twice on this gateway/,
    ],
    ['a duplicate credential', 'agentcore add credential --name MyOAuth --type api-key --api-key k', /credential "MyOAuth" › name: is used twice/],
    ['a duplicate agent', 'agentcore add agent --name MyAgent --framework Strands --model-provider Bedrock', /agent "MyAgent" is declared twice/],
    ['a bad gateway name', 'agentcore add gateway --name my_gateway', /Gateway name "my_gateway" is invalid/],
    [
      'CUSTOM_JWT without a discovery URL, secret given',
      'agentcore add gateway --name jwt --authorizer-type CUSTOM_JWT --allowed-audience a --agent-client-id c --agent-client-secret s3cret',
      /discoveryUrl: is required for CUSTOM_JWT/,
    ],
    [
      'a framework without that model provider',
      'agentcore add agent --name Adk --framework GoogleADK --model-provider Bedrock',
      /GoogleADK does not support "Bedrock"; use "Gemini"/,
    ],
    ['removing an unknown gateway', 'agentcore remove gateway --name nope', /There is no gateway named "nope" in .projenrc.ts; the gateways are: my-gateway/],
    [
      'removing a credential a target uses',
      'agentcore remove credential --name PetsKey',
      /Credential "PetsKey" is still used by target "PetStore" of gateway "my-gateway"/,
    ],
    ['a missing required flag', 'agentcore add gateway', /required option '--name <name>' not specified/],
  ])('%s', (_what, command, message) => {
    const r = expectRejected(command, message);
    expect(r.stderr).not.toMatch(/s3cret/);
  });

  it('says that nothing changed', () => {
    expectRejected('agentcore add gateway --name my-gateway', /Nothing was changed: \.projenrc\.ts is as before\./);
  });

  it('with --json, prints one JSON object with success false, the error and the issues', () => {
    const before = files(project);
    const r = agentcore(
      project,
      `${TARGET} --type api-gateway --name P3 --rest-api-id abc123 --stage prod --outbound-auth oauth --credential-name MyOAuth --json`,
    );
    expect(r.status).not.toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ success: false, error: expect.stringMatching(/not supported for api-gateway/) });
    expect(out.issues).toEqual([expect.objectContaining({ where: 'gateway "my-gateway" › target "P3" › outboundAuth' })]);
    expect(files(project)).toEqual(before);
    const parse = agentcore(project, 'agentcore add gateway --json');
    expect(parse.status).not.toBe(0);
    expect(JSON.parse(parse.stdout)).toEqual({ success: false, error: "required option '--name <name>' not specified" });
  });

  it('a gateway built in a loop gets a message saying what to write by hand', () => {
    const text = read(project, '.projenrc.ts').replace(
      'project.synth();',
      "for (const name of ['loop-a', 'loop-b']) {\n  project.addGateway({ name });\n}\n\nproject.synth();",
    );
    write(project, '.projenrc.ts', text);
    expectRejected(
      'agentcore remove gateway --name loop-a',
      /names are computed \(line \d+\)[\s\S]*Edit it by hand: remove "loop-a" from the code at line \d+/,
    );
  });
});
