import * as fs from 'node:fs';
import * as path from 'node:path';
import { PROJENRC, SECRETS_PATH } from '../project-files/paths';
import { upsertEnvText, writeSecretsFile } from '../project-files/secrets-file';
import { CliError } from './output';
import type { PreparedSynth } from '../projenrc-runner/prepared-synth';
import { SynthError } from '../projenrc-runner/synth-error';

export interface ProjectEdit {
  /** The new text of `.projenrc.ts`. */
  readonly projenrc: string;
  /** The text of `.projenrc.ts` the edit was made from; if the file holds another now, nothing is written. */
  readonly base?: string;
  /** Secrets to store in `agentcore/.env.local` (variable → value). */
  readonly secrets?: Readonly<Record<string, string>>;
}

/**
 * Writes `.projenrc.ts` (and the secrets) and synthesizes. If synth fails, both files get back
 * their exact former bytes; synth validates the model before it writes anything, so generated
 * files are untouched too. The error then says that nothing changed.
 */
export async function applyProjectEdit(root: string, edit: ProjectEdit, synth: PreparedSynth): Promise<void> {
  const projenrcPath = path.join(root, PROJENRC);
  const envPath = path.join(root, SECRETS_PATH);
  const projenrcBefore = fs.readFileSync(projenrcPath);
  if (edit.base !== undefined && projenrcBefore.toString('utf8') !== edit.base) {
    // Someone else (an editor, a script) saved the file meanwhile: writing would undo their change.
    throw new CliError(`${PROJENRC} changed while this command was editing it; nothing was changed. Run the command again.`);
  }
  const envBefore = fs.existsSync(envPath) ? fs.readFileSync(envPath) : undefined;
  const restore = () => {
    fs.writeFileSync(projenrcPath, projenrcBefore);
    if (envBefore) writeSecretsFile(envPath, envBefore);
    else if (fs.existsSync(envPath)) fs.rmSync(envPath);
  };
  // An interrupted run must not leave a half-applied edit behind either.
  const onSignal = () => {
    restore();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  try {
    fs.writeFileSync(projenrcPath, edit.projenrc);
    const secrets = edit.secrets ?? {};
    if (Object.keys(secrets).length > 0) {
      writeSecretsFile(envPath, upsertEnvText(envBefore?.toString('utf8') ?? '', secrets));
    }
    await synth.run();
  } catch (e) {
    restore();
    if (e instanceof SynthError) {
      e.message = `${e.message}\nNothing was changed: ${Object.keys(edit.secrets ?? {}).length ? `${PROJENRC} and ${SECRETS_PATH} are` : `${PROJENRC} is`} as before.`;
    }
    throw e;
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
}
