import type { Command } from 'commander';
import { jsonParseErrors } from '../flags';

interface TokenFlags {
  gateway: string;
  local?: boolean;
  json?: boolean;
}

/**
 * `token --gateway NAME`: a bearer token for a gateway whose identity provider deploy makes, for
 * curl or an MCP inspector. Deployed: the client-credentials grant at the Cognito pool's token
 * endpoint, with the app client's secret read from Cognito into memory. Not deployed, or with
 * `--local`: a token of the local gateway's issuer, signed with its local issuer secret.
 */
export function registerToken(program: Command): void {
  jsonParseErrors(program.command('token'))
    .description("Print a bearer token for a gateway whose identity provider deploy makes (identityProvider: 'cognito')")
    .requiredOption('--gateway <name>', 'the gateway')
    .option('--local', "a token of the local gateway's issuer, even when the gateway is deployed")
    .option('--json', 'print { gateway, source, accessToken, expiresIn } as JSON')
    .addHelpText(
      'after',
      '\nDeployed (agentcore/deployed-state.json records its pool): a token from the pool, with the app client\n' +
        'secret read from Cognito into memory (AWS credentials and region from the AWS chain). Otherwise, or with\n' +
        "--local: a token the local gateway (`agentcore-projen gateway`, `dev`) accepts, signed with the gateway's\n" +
        'local issuer secret from agentcore/.env.local.\n' +
        'Example: curl -H "Authorization: Bearer $(npx agentcore-projen token --gateway my-gateway)" ...',
    )
    .action(async (flags: TokenFlags) => {
      const { CliError, reportSuccess } = await import('../output');
      const { findProjectRoot } = await import('../../project-files/project-root');
      const { loadProjectConfig } = await import('../../project-files/project-config');
      const { readDeployedState } = await import('../../deploy/state');
      const root = findProjectRoot();
      const config = loadProjectConfig(root);
      const gateway = config.agentCoreGateways.find((g) => g.name === flags.gateway);
      if (!gateway) {
        const names = config.agentCoreGateways.map((g) => g.name);
        throw new CliError(`there is no gateway named ${JSON.stringify(flags.gateway)}; the gateways are: ${names.join(', ') || '(none)'}`);
      }
      if (!gateway.identityProvider) {
        throw new CliError(
          `gateway "${gateway.name}" has no identity provider deploy makes (authorizerType ${gateway.authorizerType}); ` +
            "`token` works for gateways with authorizerType: 'CUSTOM_JWT' and identityProvider: 'cognito'",
        );
      }
      const state = readDeployedState(root);
      const deployed = !flags.local && state?.project === config.name && state.identityProviders[gateway.name]?.clientId !== undefined;
      let token: string;
      let expiresIn: number | undefined;
      if (deployed) {
        const { deployedIdentity, deployedToken } = await import('../../deploy/deployed-identity');
        ({ token, expiresIn } = await deployedToken(await deployedIdentity(state, gateway)));
      } else {
        const { SecretLookup } = await import('../../project-files/secret-lookup');
        const { secretsFileOf } = await import('../../project-files/secrets-file');
        const variable = gateway.env.localIssuerSecret!;
        const secret = new SecretLookup(process.env, secretsFileOf(root)).get(variable);
        if (!secret) {
          throw new CliError(
            `the local issuer of gateway "${gateway.name}" needs a secret: set ${variable} in agentcore/.env.local ` +
              '(any long random text; the local gateway reads it too), then run this again',
          );
        }
        const { mintLocalToken } = await import('../../local-gateway/local-issuer');
        ({ token, expiresIn } = await mintLocalToken(gateway, secret));
      }
      reportSuccess(!!flags.json, token, {
        gateway: gateway.name,
        source: deployed ? 'deployed' : 'local',
        accessToken: token,
        ...(expiresIn ? { expiresIn } : {}),
      });
    });
}
