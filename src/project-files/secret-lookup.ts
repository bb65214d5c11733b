import { UserError } from '../user-error';
import { SECRETS_PATH } from './paths';
import { readSecretsFile } from './secrets-file';

/** A secret the config names is not available; the message names the variable, never a value. */
export class MissingSecretError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'MissingSecretError';
  }
}

/**
 * Secrets by variable name: the process environment first, then the secrets file
 * (`agentcore/.env.local`), read on the first lookup that needs it. An empty value counts as
 * unset. Deploy, dev and the local gateway all look secrets up here, in this order.
 */
export class SecretLookup {
  private fileValues: Record<string, string> | undefined;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    /** The secrets file; undefined reads the environment only. */
    private readonly file: string | undefined,
  ) {}

  get(name: string): string | undefined {
    const fromEnv = this.env[name];
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
    const fromFile = this.fileVariables()[name];
    return fromFile !== undefined && fromFile !== '' ? fromFile : undefined;
  }

  /** Like get, but a missing value is an error that names the variable and where to put it. */
  require(name: string, what: string): string {
    const value = this.get(name);
    if (value === undefined) throw new MissingSecretError(`${what} is not set; put ${name} in the environment or in ${SECRETS_PATH}`);
    return value;
  }

  /** Every variable the secrets file sets, each with its value as `get` finds it (the environment's when set). */
  fileSecrets(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of Object.keys(this.fileVariables())) {
      const value = this.get(name);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }

  private fileVariables(): Record<string, string> {
    this.fileValues ??= this.file ? readSecretsFile(this.file) : {};
    return this.fileValues;
  }
}
