import * as path from 'node:path';
import type { Command } from 'commander';
import { inlineOauthCredentialName, credentialEnvVars } from '../../model/names';
import { MCP_HOSTS, MCP_LANGUAGES, managedServerCodeLocation } from '../../model/managed-server';
import { HTTP_METHODS, OUTBOUND_AUTH_TYPES, TARGET_TYPES } from '../../model/target';
import { editProjenrc } from '../edit-project';
import { canonical, commaList } from '../flags';
import { indent } from './add-gateway';

interface AddTargetFlags {
  name: string;
  type: string;
  gateway: string;
  description?: string;
  endpoint?: string;
  host?: string;
  language?: string;
  restApiId?: string;
  stage?: string;
  toolFilterPath?: string;
  toolFilterMethods?: string;
  schema?: string;
  lambdaArn?: string;
  toolSchemaFile?: string;
  outboundAuth?: string;
  credentialName?: string;
  oauthClientId?: string;
  oauthClientSecret?: string;
  oauthDiscoveryUrl?: string;
  oauthScopes?: string;
  apiKeyParameterName?: string;
  apiKeyPrefix?: string;
  apiKeyLocation?: string;
  signingService?: string;
  signingRegion?: string;
  json?: boolean;
}

export function registerAddGatewayTarget(add: Command): void {
  add
    .command('gateway-target')
    .description('Add a backend tool source to a gateway: gateway.addTarget({ ... })')
    .requiredOption('--type <type>', `target type: ${TARGET_TYPES.join(', ')}`)
    .requiredOption('--name <name>', 'target name, unique within its gateway')
    .requiredOption('--gateway <name>', 'the gateway the target belongs to')
    .option('--description <text>', 'what the tools do')
    .option('--endpoint <url>', 'mcp-server: URL of an MCP server you run (or give --host instead)')
    .option('--host <host>', `mcp-server: host a server from your code in app/mcp/<name>/, scaffolded on synth: ${MCP_HOSTS.join(', ')}`)
    .option('--language <language>', `mcp-server with --host: language of that code: ${MCP_LANGUAGES.join(', ')} (default Python)`)
    .option('--rest-api-id <id>', 'api-gateway: id of the REST API')
    .option('--stage <stage>', 'api-gateway: deployed stage, e.g. prod')
    .option('--tool-filter-path <path>', "api-gateway: routes exposed as tools, e.g. '/pets/*' (default /*)")
    .option('--tool-filter-methods <list>', 'api-gateway: HTTP methods, comma-separated (default GET)')
    .option('--schema <path>', 'open-api-schema / smithy-model: JSON file relative to the project root, or s3://bucket/key')
    .option('--lambda-arn <arn>', 'lambda-function-arn: ARN of the function')
    .option('--tool-schema-file <path>', 'lambda-function-arn: JSON array of tool definitions')
    .option('--outbound-auth <type>', `how the gateway authenticates to the target: ${OUTBOUND_AUTH_TYPES.join(', ')}`)
    .option('--credential-name <name>', 'oauth / api-key: a credential added with `add credential`')
    .option('--oauth-client-id <id>', 'inline oauth: client id (creates the <gateway>-<target>-oauth credential)')
    .option('--oauth-client-secret <secret>', 'inline oauth: client secret (stored in agentcore/.env.local)')
    .option('--oauth-discovery-url <url>', 'inline oauth: OIDC discovery URL of the identity provider')
    .option('--oauth-scopes <list>', 'oauth: scopes, comma-separated')
    .option('--api-key-parameter-name <name>', 'api-key: header or query parameter name (default x-api-key)')
    .option('--api-key-prefix <prefix>', "api-key: text before the key, e.g. 'Bearer'")
    .option('--api-key-location <where>', 'api-key: HEADER or QUERY_PARAMETER (default HEADER)')
    .option('--signing-service <name>', "iam: the AWS service the gateway signs for with its role (SigV4), e.g. 'execute-api' or 'bedrock-agentcore'")
    .option('--signing-region <region>', "iam: the region it signs for (default: the gateway's region)")
    .option('--json', 'print the result as JSON')
    .action(async (flags: AddTargetFlags) => {
      const { addTargetCall } = await import('../../edit/add-declaration');
      await editProjenrc(!!flags.json, (source, root) => {
        const secret = flags.oauthClientSecret;
        const secretVar = credentialEnvVars(inlineOauthCredentialName(flags.gateway, flags.name)).clientSecret;
        const methods = commaList(flags.toolFilterMethods);
        const added = addTargetCall(source, flags.gateway, {
          name: flags.name,
          type: canonical(flags.type, TARGET_TYPES),
          description: flags.description,
          endpoint: flags.endpoint,
          host: canonical(flags.host, MCP_HOSTS),
          language: canonical(flags.language, MCP_LANGUAGES),
          restApiId: flags.restApiId,
          stage: flags.stage,
          toolFilterPath: flags.toolFilterPath,
          toolFilterMethods: methods?.map((m) => canonical(m, HTTP_METHODS) as string),
          schema: projectPath(flags.schema, root),
          lambdaArn: flags.lambdaArn,
          toolSchemaFile: projectPath(flags.toolSchemaFile, root),
          outboundAuth: canonical(flags.outboundAuth, OUTBOUND_AUTH_TYPES),
          credentialName: flags.credentialName,
          oauthClientId: flags.oauthClientId,
          // Inline OAuth needs the secret's reference in the model; the value goes to .env.local.
          oauthClientSecret: secret !== undefined ? { fromEnv: secretVar } : undefined,
          oauthDiscoveryUrl: flags.oauthDiscoveryUrl,
          oauthScopes: commaList(flags.oauthScopes),
          apiKeyParameterName: flags.apiKeyParameterName,
          apiKeyPrefix: flags.apiKeyPrefix,
          apiKeyLocation: canonical(flags.apiKeyLocation, ['HEADER', 'QUERY_PARAMETER']),
          signingService: flags.signingService,
          signingRegion: flags.signingRegion,
        });
        const scaffold = flags.host !== undefined && flags.endpoint === undefined ? managedServerNote(flags.name) : undefined;
        return {
          text: added.text,
          secrets: secret !== undefined ? { [secretVar]: secret } : undefined,
          summary: `Added target "${flags.name}" to gateway "${flags.gateway}" in .projenrc.ts:\n${indent(added.code)}`,
          notes: scaffold ? [scaffold] : undefined,
          details: {
            resource: 'gateway-target',
            name: flags.name,
            gateway: flags.gateway,
            code: added.code,
            ...(scaffold ? { codeLocation: managedServerCodeLocation(flags.name) } : {}),
          },
        };
      });
    });
}

/** Where a managed server's code is, once synth has written it. */
function managedServerNote(target: string): string {
  const folder = managedServerCodeLocation(target);
  return `Your server's code is in ${folder}/ (yours to edit; its README says how to run it locally with \`npx projen gateway\`).`;
}

/** An absolute path inside the project is written relative to its root, so .projenrc.ts stays portable. */
function projectPath(value: string | undefined, root: string): string | undefined {
  if (value === undefined || !path.isAbsolute(value)) return value;
  const relative = path.relative(root, value);
  return relative.startsWith('..') || path.isAbsolute(relative) ? value : relative.split(path.sep).join('/');
}
