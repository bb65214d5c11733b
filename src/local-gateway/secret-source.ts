import * as fs from 'node:fs';
import { parseEnv } from 'node:util';
import { warnIfReadableByOthers } from '../secrets-file';

/**
 * Secrets by env var name: the process environment first, then the git-ignored
 * `agentcore/.env.local` (the same order deploy uses). Values never leave this object except
 * to be put on an outbound request.
 */
export class SecretSource {
  private fileValues: Record<string, string | undefined> | undefined;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly envFile: string | undefined,
  ) {}

  get(name: string): string | undefined {
    const fromEnv = this.env[name];
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
    const fromFile = this.file()[name];
    return fromFile !== undefined && fromFile !== '' ? fromFile : undefined;
  }

  /** Like get, but a missing value is an error that names the variable and where to put it. */
  require(name: string, what: string): string {
    const value = this.get(name);
    if (value === undefined) {
      throw new MissingSecretError(`${what} is not set; put ${name} in the environment or in agentcore/.env.local`);
    }
    return value;
  }

  private file(): Record<string, string | undefined> {
    if (this.fileValues === undefined) {
      this.fileValues = {};
      if (this.envFile) warnIfReadableByOthers(this.envFile);
      if (this.envFile && fs.existsSync(this.envFile)) this.fileValues = parseEnv(fs.readFileSync(this.envFile, 'utf8'));
    }
    return this.fileValues;
  }
}

/** A secret the config names is not available; the message names the variable, never a value. */
export class MissingSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MissingSecretError';
  }
}
