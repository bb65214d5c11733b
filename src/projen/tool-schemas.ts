import * as fs from 'node:fs';
import * as path from 'node:path';
import { ModelError } from '../model/issues';
import type { ResolvedProject } from '../model/resolve';
import { CONFIG_PATH } from '../project-files/paths';
import { renderProjectConfig } from '../render/project-config';
import type { RenderedFile } from '../render/rendered-file';
import { withTypeScriptTools } from '../tool-schema/synth-tool-schemas';

/**
 * The synth step that reads the tools of Lambda-hosted TypeScript servers into the config. The code
 * is read as it will be on disk after this synth: the user's file when there is one, else the
 * scaffold this synth writes. A tool whose types cannot be described fails synth (a ModelError),
 * before any file is written.
 */
export function withToolSchemas(resolved: ResolvedProject, files: RenderedFile[], root: string): { resolved: ResolvedProject; files: RenderedFile[] } {
  const rendered = new Map(files.map((f) => [path.join(root, f.path), f]));
  const readFile = (file: string): string | undefined => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      return rendered.get(file)?.content;
    }
  };
  const { config, issues } = withTypeScriptTools(resolved.config, root, readFile);
  if (issues.length > 0) throw new ModelError(issues);
  if (config === resolved.config) return { resolved, files };
  const configFile = renderProjectConfig(config).find((f) => f.path === CONFIG_PATH)!;
  return { resolved: { ...resolved, config }, files: files.map((f) => (f.path === CONFIG_PATH ? configFile : f)) };
}
