import { scrypt } from 'node:crypto';
import * as path from 'node:path';
import type { CredentialConfig } from '../model/config';
import { SECRETS_PATH } from '../project-files/paths';
import { SecretLookup as ProjectSecrets } from '../project-files/secret-lookup';
import { DeployError } from './errors';

/*
 * Secrets are read at deploy time from the process environment first, then from the git-ignored
 * `agentcore/.env.local`. They are sent to the service and nowhere else: not to the state file,
 * the output or an error message (which name the variable, never the value).
 */

export interface CredentialSecrets {
  apiKey?: string;
  clientId?: string;
  clientSecret?: string;
}

export type SecretLookup = (name: string) => string | undefined;

/** The project's secret lookup (environment, then the secrets file), as a function. */
export function secretLookup(projectDir: string, env: NodeJS.ProcessEnv): SecretLookup {
  const secrets = new ProjectSecrets(env, path.join(projectDir, SECRETS_PATH));
  return (name) => secrets.get(name);
}

/** The variables a credential needs (a client id given as a value needs none). */
function neededVars(c: CredentialConfig): { field: keyof CredentialSecrets; variable: string }[] {
  if (c.type === 'api-key') return [{ field: 'apiKey', variable: c.env.apiKey }];
  return [
    ...(c.clientId === undefined && c.env.clientId ? [{ field: 'clientId' as const, variable: c.env.clientId }] : []),
    { field: 'clientSecret', variable: c.env.clientSecret },
  ];
}

/**
 * Reads every credential's secrets. With `required`, any missing one fails with the list of all
 * missing variables; otherwise credentials with a missing secret are left out of the result.
 */
export function readSecrets(credentials: readonly CredentialConfig[], lookup: SecretLookup, required: boolean): Map<string, CredentialSecrets> {
  const found = new Map<string, CredentialSecrets>();
  const missing: string[] = [];
  for (const c of credentials) {
    // The app client of an identity provider deploy makes is read from that provider, not from a variable.
    if (c.type === 'oauth' && c.identityProvider) continue;
    const values: CredentialSecrets = c.type === 'oauth' && c.clientId !== undefined ? { clientId: c.clientId } : {};
    let complete = true;
    for (const { field, variable } of neededVars(c)) {
      const v = lookup(variable);
      if (v === undefined) {
        complete = false;
        missing.push(`${variable} (${field === 'apiKey' ? 'API key' : field === 'clientId' ? 'client id' : 'client secret'} of credential "${c.name}")`);
      } else values[field] = v;
    }
    if (complete) found.set(c.name, values);
  }
  if (required && missing.length > 0) {
    throw new DeployError(
      `missing secret${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. ` +
        `Set ${missing.length > 1 ? 'them' : 'it'} in the environment or in ${SECRETS_PATH} (git-ignored); nothing was changed.`,
    );
  }
  return found;
}

/**
 * A slow one-way fingerprint of a credential's secrets, so a later deploy can tell a rotated
 * secret without keeping it. Salted per project and credential so equal keys do not match.
 */
export function secretFingerprint(project: string, credential: string, secrets: CredentialSecrets): Promise<string> {
  const material = JSON.stringify([secrets.apiKey ?? null, secrets.clientId ?? null, secrets.clientSecret ?? null]);
  return new Promise((resolve, reject) => {
    scrypt(material, `agentcore-projen:${project}:${credential}`, 32, { N: 1 << 14 }, (err, key) => {
      if (err) reject(err);
      else resolve(`scrypt:${key.toString('base64url')}`);
    });
  });
}
