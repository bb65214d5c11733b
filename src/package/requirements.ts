import * as fs from 'node:fs';
import { parse } from 'smol-toml';
import { PackageError } from './errors';

/**
 * The agent's Python requirements: `project.dependencies` of its `pyproject.toml` (synth writes them
 * from the framework, the model provider, the gateways' auth and `agent.addDependency()`).
 * `displayPath` is the file as the user knows it, for messages.
 */
export function readRequirements(file: string, displayPath: string): string[] {
  if (!fs.existsSync(file)) {
    throw new PackageError(`${displayPath} was not found; run \`npx projen\` to generate it`);
  }
  let doc: Record<string, unknown>;
  try {
    doc = parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PackageError(`${displayPath} is not valid TOML (${(e as Error).message.split('\n')[0]}); fix it or run \`npx projen\``);
  }
  const project = doc.project as Record<string, unknown> | undefined;
  const deps = project?.dependencies ?? [];
  if (!Array.isArray(deps) || deps.some((d) => typeof d !== 'string' || d.trim() === '')) {
    throw new PackageError(`${displayPath} › project.dependencies must be a list of requirement strings, like ["requests>=2"]`);
  }
  return (deps as string[]).map((d) => d.trim());
}
