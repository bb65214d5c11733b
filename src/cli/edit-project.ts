import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProjenrcSource } from '../edit/projenrc-source';
import type { ProjectLock } from '../project-files/lock';
import { PROJENRC, SECRETS_PATH } from '../project-files/paths';
import { findProjectRoot } from '../project-files/project-root';
import { applyProjectEdit } from './apply-edit';
import { commandWords, lockForEdit } from './edit-lock';
import { prepareSynth } from '../projenrc-runner/prepared-synth';
import { reportSuccess } from './output';

/** What a command changes in `.projenrc.ts`, and how to tell the user. */
export interface ProjenrcChange {
  readonly text: string;
  /** Secrets for `agentcore/.env.local` (variable → value); only the names are reported. */
  readonly secrets?: Readonly<Record<string, string>>;
  /** The first line of the message for a person. */
  readonly summary: string;
  /** More lines for a person (code written, next steps). */
  readonly notes?: readonly string[];
  /** The details of the `--json` answer. */
  readonly details: Record<string, unknown>;
}

/**
 * Runs an edit of `.projenrc.ts` for a command: finds the project, waits for any other edit of
 * it to finish, parses the file (ts-morph is loaded only here, so commands that do not edit start
 * fast), applies the change, synthesizes, and reports. On any error nothing is left changed.
 */
export async function editProjenrc(json: boolean, change: (source: ProjenrcSource, root: string) => ProjenrcChange): Promise<void> {
  const root = findProjectRoot();
  const cwd = process.cwd();
  // Synth's loading starts now, in a worker, and overlaps with loading ts-morph here.
  const synth = prepareSynth(root);
  const parser = import('../edit/projenrc-source');
  parser.catch(() => undefined);
  let lock: ProjectLock | undefined;
  let result: ProjenrcChange;
  try {
    // Held from reading .projenrc.ts until its synth is done.
    lock = await lockForEdit(root, commandWords());
    const { ProjenrcSource } = await parser;
    const base = fs.readFileSync(path.join(root, PROJENRC), 'utf8');
    result = change(new ProjenrcSource(base), root);
    await applyProjectEdit(root, { projenrc: result.text, base, secrets: result.secrets }, synth);
  } finally {
    lock?.release();
    await synth.dispose();
    process.chdir(cwd);
  }
  const envVars = Object.keys(result.secrets ?? {});
  const lines = [result.summary, ...(result.notes ?? [])];
  if (envVars.length > 0) lines.push(`Secret${envVars.length > 1 ? 's' : ''} stored in ${SECRETS_PATH} (git-ignored) as ${envVars.join(', ')}.`);
  lines.push('Synthesized: generated files are up to date.');
  reportSuccess(json, lines.join('\n'), {
    ...result.details,
    file: path.join(root, PROJENRC),
    ...(envVars.length ? { envFile: path.join(root, SECRETS_PATH), envVars } : {}),
  });
}
