import type { Command } from 'commander';
import { AUTHORIZER_TYPES } from '../../model/gateway';
import { randomBytes } from 'node:crypto';
import { IDENTITY_PROVIDERS } from '../../model/identity-provider';
import { agentCredentialName, credentialEnvVars, localIssuerSecretEnvVar } from '../../model/names';
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
  identityProvider?: string;
  scopes?: string;
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
    .option(
      '--identity-provider <provider>',
      `CUSTOM_JWT without an identity provider of your own: deploy makes one (${IDENTITY_PROVIDERS.join(', ')}); leave out the other CUSTOM_JWT flags`,
    )
    .option('--scopes <list>', 'with --identity-provider: scope names of the gateway, comma-separated (default invoke)')
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
          identityProvider: canonical(flags.identityProvider, IDENTITY_PROVIDERS),
          scopes: commaList(flags.scopes),
          agentClientId: clientId,
          // The model needs the secret's reference next to the client id; the value goes to .env.local.
          agentClientSecret: secret !== undefined ? { fromEnv: secretVar } : undefined,
          semanticSearch: flags.semanticSearch === false ? false : undefined,
          exceptionLevel: canonical(flags.exceptionLevel, ['NONE', 'DEBUG']),
          roleArn: flags.roleArn,
        });
        // The local gateway's stand-in for that provider checks tokens with a secret of this machine.
        const localIssuer = flags.identityProvider !== undefined ? { [localIssuerSecretEnvVar(flags.name)]: randomBytes(24).toString('base64url') } : {};
        const secrets = { ...(secret !== undefined ? { [secretVar]: secret } : {}), ...localIssuer };
        return {
          text: added.text,
          secrets: Object.keys(secrets).length > 0 ? secrets : undefined,
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
