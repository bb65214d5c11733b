import * as path from 'node:path';
import type { ModelIssue } from '../model/issues';
import { PROJENRC } from '../project-files/paths';
import { SynthError } from './synth-error';

/*
 * How a run of `.projenrc.ts` ended, as plain data: the same shape whether it ran in this process,
 * in a worker (posted as a message) or in a child (one marked JSON line on stderr). The model's problems travel as data, never as text to be parsed back.
 */
export type SynthOutcome =
  | { readonly kind: 'ok' }
  | { readonly kind: 'model-error'; readonly message: string; readonly issues: readonly ModelIssue[] }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * The outcome of an error thrown while running `.projenrc.ts`. A ModelError is recognized by its
 * name and issues rather than by class: it comes from the project's own copy of the library.
 */
export function outcomeOf(e: unknown): SynthOutcome {
  const err = e as { name?: unknown; message?: unknown; issues?: unknown } | undefined;
  if (err?.name === 'ModelError' && Array.isArray(err.issues)) {
    const issues = (err.issues as ModelIssue[]).map((i) => ({ where: String(i.where), message: String(i.message) }));
    return { kind: 'model-error', message: typeof err.message === 'string' ? err.message : 'invalid model', issues };
  }
  return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
}

/** Runs the project's `.projenrc.ts` in this process (its loader already registered) and says how that ended. */
export function runProjenrc(root: string): SynthOutcome {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- runs the user's .projenrc.ts
    require(path.join(root, PROJENRC));
    return { kind: 'ok' };
  } catch (e) {
    return outcomeOf(e);
  }
}

/** The error a failed outcome is for the user; undefined for success. */
export function errorOf(outcome: SynthOutcome): SynthError | undefined {
  switch (outcome.kind) {
    case 'ok':
      return undefined;
    case 'model-error':
      return new SynthError(outcome.message, outcome.issues);
    case 'failed':
      return new SynthError(`Running ${PROJENRC} failed: ${outcome.message}`);
  }
}

/** Reads an outcome back from its JSON text; undefined when the text is not one. */
export function parseOutcome(text: string): SynthOutcome | undefined {
  try {
    const value = JSON.parse(text) as { kind?: unknown };
    return value && (value.kind === 'ok' || value.kind === 'model-error' || value.kind === 'failed') ? (value as SynthOutcome) : undefined;
  } catch {
    return undefined;
  }
}
