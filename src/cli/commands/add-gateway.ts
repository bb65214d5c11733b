import type { Command } from 'commander';
import { AUTHORIZER_TYPES } from '../../model/gateway';
import { agentCredentialName, credentialEnvVars } from '../../model/names';
import { editProjenrc } from '../edit-project';
import { canonical, commaList } from '../flags';

interface AddGatewayFlags {
  name: string;
  description?: string;
  authorizerType?: string;
  discoveryUrl?: string;
  allowedAudience?: string;
  allowedClients?: string;
  allowedScopes?: string;
  agentClientId?: string;
  agentClientSecret?: string;
  clientId?: string;
  clientSecret?: string;
  semanticSearch?: boolean;
  exceptionLevel?: string;
  roleArn?: string;
  json?: boolean;
}

export function registerAddGateway(add: Command): void {
  add
    .command('gateway')
    .description('Add an MCP gateway: project.addGateway({ ... })')
    .requiredOption('--name <name>', 'gateway name (letters, digits, single hyphens), e.g. my-gateway')
    .option('--description <text>', 'what the gateway is for')
    .option('--authorizer-type <type>', `who may call the gateway: ${AUTHORIZER_TYPES.join(', ')} (default NONE)`)
    .option('--discovery-url <url>', 'CUSTOM_JWT: OIDC discovery URL (https://.../.well-known/openid-configuration)')
    .option('--allowed-audience <list>', 'CUSTOM_JWT: accepted audiences, comma-separated')
    .option('--allowed-clients <list>', 'CUSTOM_JWT: accepted client ids, comma-separated')
    .option('--allowed-scopes <list>', 'CUSTOM_JWT: accepted scopes, comma-separated')
    .option('--agent-client-id <id>', 'CUSTOM_JWT: OAuth client the agents use to get tokens (creates the <gateway>-oauth credential)')
    .option('--agent-client-secret <secret>', "CUSTOM_JWT: that client's secret (stored in agentcore/.env.local, never in .projenrc.ts)")
    .option('--client-id <id>', 'same as --agent-client-id')
    .option('--client-secret <secret>', 'same as --agent-client-secret')
    .option('--no-semantic-search', 'turn off semantic tool search')
    .option('--exception-level <level>', 'error detail returned to MCP callers: NONE or DEBUG')
    .option('--role-arn <arn>', 'IAM role the gateway assumes (default: deploy creates one)')
    .option('--json', 'print the result as JSON')
    .action(async (flags: AddGatewayFlags) => {
      const { addGatewayCall } = await import('../../edit/add-declaration');
      await editProjenrc(!!flags.json, (source) => {
        const clientId = flags.agentClientId ?? flags.clientId;
        const secret = flags.agentClientSecret ?? flags.clientSecret;
        const secretVar = credentialEnvVars(agentCredentialName(flags.name)).clientSecret;
        const added = addGatewayCall(source, {
          name: flags.name,
          description: flags.description,
          authorizerType: canonical(flags.authorizerType, AUTHORIZER_TYPES),
          discoveryUrl: flags.discoveryUrl,
          allowedAudience: commaList(flags.allowedAudience),
          allowedClients: commaList(flags.allowedClients),
          allowedScopes: commaList(flags.allowedScopes),
          agentClientId: clientId,
          // The model needs the secret's reference next to the client id; the value goes to .env.local.
          agentClientSecret: secret !== undefined ? { fromEnv: secretVar } : undefined,
          semanticSearch: flags.semanticSearch === false ? false : undefined,
          exceptionLevel: canonical(flags.exceptionLevel, ['NONE', 'DEBUG']),
          roleArn: flags.roleArn,
        });
        return {
          text: added.text,
          secrets: secret !== undefined ? { [secretVar]: secret } : undefined,
          summary: `Added gateway "${flags.name}" to .projenrc.ts:\n${indent(added.code)}`,
          notes: [`Next: add a target with \`add gateway-target --gateway ${flags.name} --type mcp-server --name <name> --endpoint <url>\`.`],
          details: { resource: 'gateway', name: flags.name, code: added.code },
        };
      });
    });
}

export function indent(code: string): string {
  return code.replace(/^/gm, '  ');
}
