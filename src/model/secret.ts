import { z } from 'zod';

/**
 * A reference to a secret kept outside the model. `.projenrc.ts` never holds a secret value:
 * it names the environment variable that deploy and dev read (from the process environment first,
 * then from the git-ignored `agentcore/.env.local`).
 */
export interface SecretRef {
  /** Name of the environment variable that holds the secret. */
  readonly fromEnv: string;
}

/** Reads a secret from the environment variable `name` at deploy or dev time. */
export function fromEnv(name: string): SecretRef {
  return { fromEnv: name };
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A `fromEnv('NAME')` reference; a plain string is refused, so secrets cannot be written inline. */
export const secretRef = z.custom<SecretRef>(
  (v) =>
    typeof v === 'object' &&
    v !== null &&
    Object.keys(v).length === 1 &&
    typeof (v as SecretRef).fromEnv === 'string' &&
    ENV_NAME.test((v as SecretRef).fromEnv),
  {
    error: (iss) =>
      typeof iss.input === 'string'
        ? "a secret value must not be written in .projenrc.ts; reference an environment variable with fromEnv('NAME') and put the value in agentcore/.env.local"
        : `expected fromEnv('NAME') where NAME is an environment variable name (letters, digits and "_"), got ${JSON.stringify(iss.input)}`,
  },
);

/** The env var a secret is read from: the reference's, or the conventional default. */
export function secretEnvName(ref: SecretRef | string | undefined, fallback: string): string {
  return typeof ref === 'object' && ref ? ref.fromEnv : fallback;
}
