import * as path from 'node:path';

export const FRAMEWORKS = ['Strands', 'LangChain_LangGraph', 'GoogleADK', 'OpenAIAgents', 'CrewAI'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export const MODEL_PROVIDERS = ['Bedrock', 'Anthropic', 'OpenAI', 'Gemini'] as const;
export type ModelProvider = (typeof MODEL_PROVIDERS)[number];

/** What a framework folder declares about itself (`frameworks/<name>/framework.json`). */
export interface FrameworkManifest {
  readonly name: Framework;
  readonly displayName: string;
  readonly modelProviders: readonly ModelProvider[];
}

/** Folder that holds one subfolder per framework; it ships in the package beside `lib/`. */
export const FRAMEWORKS_DIR = path.resolve(__dirname, '..', '..', 'frameworks');

const manifests = new Map<Framework, FrameworkManifest>();

/** The manifest of a framework, read once from its folder. */
export function frameworkManifest(name: Framework): FrameworkManifest {
  let manifest = manifests.get(name);
  if (!manifest) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    manifest = require(path.join(FRAMEWORKS_DIR, name, 'framework.json')) as FrameworkManifest;
    manifests.set(name, manifest);
  }
  return manifest;
}
