import { Volume } from 'memfs';
import type { ProjectInput } from '../../src/model/input';
import { ModelError, type ModelIssue } from '../../src/model/issues';
import { type ResolvedProject, resolveProject } from '../../src/model/resolve';
import type { FileReader } from '../../src/model/schema-files';

export const ROOT = '/project';

export const OPENAPI = JSON.stringify({ openapi: '3.0.3', info: { title: 'Pets', version: '1' }, paths: { '/pets': {} } });
export const SMITHY = JSON.stringify({ smithy: '2.0', shapes: { 'example#Svc': { type: 'service' } } });
export const TOOLS = JSON.stringify([{ name: 'get_weather', description: 'Weather', inputSchema: { type: 'object' } }]);

/** An in-memory project root holding the given files (paths relative to ROOT). */
export function memoryFs(files: Record<string, string> = {}): FileReader {
  const vol = Volume.fromJSON(files, ROOT);
  return vol as unknown as FileReader;
}

/** A valid model with one of everything; tests derive bad ones from it. */
export function baseInput(overrides: Partial<ProjectInput> = {}): ProjectInput {
  return {
    name: 'MyProject',
    gateways: [{ name: 'my-gateway' }],
    targets: [{ gateway: 'my-gateway', type: 'mcp-server', name: 'weather-tools', endpoint: 'https://mcp.example.com/mcp' }],
    credentials: [],
    agents: [{ name: 'MyAgent', framework: 'Strands', modelProvider: 'Bedrock' }],
    ...overrides,
  };
}

export function resolve(input: ProjectInput, files: Record<string, string> = {}): ResolvedProject {
  return resolveProject(input, { root: ROOT, fs: memoryFs(files) });
}

/** The issues of a model that must be rejected; fails the test if it is accepted. */
export function issuesOf(input: ProjectInput, files: Record<string, string> = {}): ModelIssue[] {
  try {
    resolve(input, files);
  } catch (e) {
    if (e instanceof ModelError) return [...e.issues];
    throw e;
  }
  throw new Error('expected the model to be rejected, but it was accepted');
}
