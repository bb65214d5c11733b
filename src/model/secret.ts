import { z } from 'zod';

/**
 * A reference to a secret kept outside the model. `.projenrc.ts` never holds a secret value:
 * it names the environment variable that deploy and dev read (from the process environment first,
 * then from the git-ignored `agentcore/.env.local`).
 */
export interface SecretRef {
  readonly fromEnv: string;
}

/** Reads a secret from the environment variable `name` at deploy or dev time. */
export function fromEnv(name: string): SecretRef {
  return { fromEnv: name };
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const secretRef = z.strictObject(
  {
    fromEnv: z.string().regex(ENV_NAME, {
      error: (iss) =>
        `${JSON.stringify(iss.input)} is not an environment variable name; use letters, digits and "_", e.g. fromEnv('MY_CLIENT_SECRET')`,
    }),
  },
  {
    error: (iss) =>
      typeof iss.input === 'string'
        ? 'a secret value must not be written in .projenrc.ts; reference an environment variable with fromEnv(\'NAME\') and put the value in agentcore/.env.local'
        : "expected fromEnv('NAME')",
  },
);
