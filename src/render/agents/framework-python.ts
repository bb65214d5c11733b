import { z } from 'zod';
import { type Framework, frameworkManifest, MODEL_PROVIDERS, type ModelProvider } from '../../model/frameworks';

/** The `python` section of `frameworks/<name>/framework.json`: what the framework's agents install. */
const frameworkPythonSchema = z.strictObject({
  /** Requirements of every agent of the framework. */
  dependencies: z.array(z.string().min(1)),
  /** Extra requirements per supported model provider (an empty list when the base needs nothing more). */
  providerDependencies: z.partialRecord(z.enum(MODEL_PROVIDERS), z.array(z.string().min(1))),
});

export type FrameworkPython = z.infer<typeof frameworkPythonSchema>;

const cache = new Map<Framework, FrameworkPython>();

/** The Python facts of a framework, read from its manifest; a malformed manifest is a clear error. */
export function frameworkPython(name: Framework): FrameworkPython {
  let python = cache.get(name);
  if (!python) {
    const manifest = frameworkManifest(name) as unknown as { python?: unknown };
    const parsed = frameworkPythonSchema.safeParse(manifest.python);
    if (!parsed.success) {
      throw new Error(`frameworks/${name}/framework.json › python is invalid: ${z.prettifyError(parsed.error)}`);
    }
    python = parsed.data;
    cache.set(name, python);
  }
  return python;
}

/** The requirements of an agent of `framework` on `provider` (before the agent's own). */
export function frameworkRequirements(framework: Framework, provider: ModelProvider): string[] {
  const python = frameworkPython(framework);
  const extra = python.providerDependencies[provider];
  if (!extra) throw new Error(`frameworks/${framework}/framework.json › python.providerDependencies has no entry for ${provider}`);
  return [...python.dependencies, ...extra];
}
