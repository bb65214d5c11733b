import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProjenrcSource } from '../edit/projenrc-source';
import { applyProjectEdit } from './apply-edit';
import { prepareSynth } from './prepared-synth';
import { ENV_FILE } from './env-file';
import { reportSuccess } from './output';
import { findProjectRoot, PROJENRC } from './project-root';

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
 * Runs an edit of `.projenrc.ts` for a command: finds the project, parses the file (ts-morph is
 * loaded only here, so commands that do not edit start fast), applies the change, synthesizes,
 * and reports. On any error nothing is left changed.
 */
export async function editProjenrc(json: boolean, change: (source: ProjenrcSource, root: string) => ProjenrcChange): Promise<void> {
  const root = findProjectRoot();
  const cwd = process.cwd();
  // Synth's loading starts now, in a worker, and overlaps with loading ts-morph here.
  const synth = prepareSynth(root);
  let result: ProjenrcChange;
  try {
    const { ProjenrcSource } = await import('../edit/projenrc-source');
    const source = new ProjenrcSource(fs.readFileSync(path.join(root, PROJENRC), 'utf8'));
    result = change(source, root);
    await applyProjectEdit(root, { projenrc: result.text, secrets: result.secrets }, synth);
  } finally {
    await synth.dispose();
    process.chdir(cwd);
  }
  const envVars = Object.keys(result.secrets ?? {});
  const lines = [result.summary, ...(result.notes ?? [])];
  if (envVars.length > 0) lines.push(`Secret${envVars.length > 1 ? 's' : ''} stored in ${ENV_FILE} (git-ignored) as ${envVars.join(', ')}.`);
  lines.push('Synthesized: generated files are up to date.');
  reportSuccess(json, lines.join('\n'), { ...result.details, file: path.join(root, PROJENRC), ...(envVars.length ? { envFile: path.join(root, ENV_FILE), envVars } : {}) });
}
