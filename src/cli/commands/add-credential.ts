import type { Command } from 'commander';
import { credentialEnvVars } from '../../model/names';
import { editProjenrc } from '../edit-project';
import { canonical, commaList } from '../flags';
import { indent } from './add-gateway';

interface AddCredentialFlags {
  name: string;
  type: string;
  discoveryUrl?: string;
  clientId?: string;
  clientSecret?: string;
  apiKey?: string;
  scopes?: string;
  vendor?: string;
  json?: boolean;
}

export function registerAddCredential(add: Command): void {
  add
    .command('credential')
    .alias('identity')
    .description('Add an OAuth client or API key for outbound auth: project.addCredential({ ... }) (alias: identity)')
    .requiredOption('--name <name>', 'credential name (letters, digits, "_" or "-"), e.g. MyOAuthProvider')
    .requiredOption('--type <type>', 'oauth or api-key')
    .option('--discovery-url <url>', 'oauth: OIDC discovery URL of the identity provider')
    .option('--client-id <id>', 'oauth: client id')
    .option('--client-secret <secret>', 'oauth: client secret (stored in agentcore/.env.local, never in .projenrc.ts)')
    .option('--api-key <key>', 'api-key: the key (stored in agentcore/.env.local, never in .projenrc.ts)')
    .option('--scopes <list>', 'oauth: scopes, comma-separated')
    .option('--vendor <vendor>', 'oauth: credential provider vendor (default CustomOauth2)')
    .option('--json', 'print the result as JSON')
    .action(async (flags: AddCredentialFlags) => {
      const { addCredentialCall } = await import('../../edit/add-declaration');
      await editProjenrc(!!flags.json, (source) => {
        const type = canonical(flags.type, ['oauth', 'api-key']);
        const env = credentialEnvVars(flags.name);
        const secrets: Record<string, string> = {};
        if (flags.clientSecret !== undefined) secrets[env.clientSecret] = flags.clientSecret;
        if (flags.apiKey !== undefined) secrets[env.apiKey] = flags.apiKey;
        // A secret is read from its default variable, so .projenrc.ts names it only when the flag
        // does not fit the type; the model then says so.
        const added = addCredentialCall(source, {
          name: flags.name,
          type,
          discoveryUrl: flags.discoveryUrl,
          clientId: flags.clientId,
          scopes: commaList(flags.scopes),
          vendor: flags.vendor,
          clientSecret: flags.clientSecret !== undefined && type !== 'oauth' ? { fromEnv: env.clientSecret } : undefined,
          apiKey: flags.apiKey !== undefined && type !== 'api-key' ? { fromEnv: env.apiKey } : undefined,
        });
        return {
          text: added.text,
          secrets,
          summary: `Added credential "${flags.name}" to .projenrc.ts:\n${indent(added.code)}`,
          notes: missingSecretNote(type, flags, env),
          details: { resource: 'credential', name: flags.name, code: added.code },
        };
      });
    });
}

/** Where to put what the flags did not give, so deploy finds it. */
function missingSecretNote(type: string | undefined, flags: AddCredentialFlags, env: ReturnType<typeof credentialEnvVars>): string[] {
  const missing =
    type === 'api-key'
      ? flags.apiKey === undefined
        ? [env.apiKey]
        : []
      : type === 'oauth'
        ? [...(flags.clientId === undefined ? [env.clientId] : []), ...(flags.clientSecret === undefined ? [env.clientSecret] : [])]
        : [];
  return missing.length ? [`Before deploying, set ${missing.map((v) => `${v}=...`).join(' and ')} in agentcore/.env.local (or the environment).`] : [];
}
