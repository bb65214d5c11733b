import * as path from 'node:path';
import type { ProjectConfig, TargetConfig } from '../model/config';
import { type ModelIssue, show } from '../model/issues';
import { readTypeScriptTools, TypeScriptParser } from './typescript-tools';

/** Reads a file of the project by absolute path; `undefined` when it does not exist. */
export type SourceReader = (absolutePath: string) => string | undefined;

/** The file of a TypeScript Lambda server that holds its tools, in its code folder. */
export const TYPESCRIPT_TOOLS_FILE = 'tools.ts';

/**
 * The config with `managed.tools` read from the code of every Lambda-hosted TypeScript server, or
 * every problem found (each naming the gateway, target, file and line, tool and field). Without
 * such a server the config is returned as is and TypeScript is never loaded. `readFile` lets synth
 * read a scaffold it writes in the same run.
 */
export function withTypeScriptTools(config: ProjectConfig, root: string, readFile: SourceReader): { config: ProjectConfig; issues: ModelIssue[] } {
  const issues: ModelIssue[] = [];
  if (!config.agentCoreGateways.some((g) => g.targets.some(readsTypeScriptTools))) return { config, issues };
  const parser = new TypeScriptParser();
  const agentCoreGateways = config.agentCoreGateways.map((g) => ({
    ...g,
    targets: g.targets.map((t) => {
      if (!readsTypeScriptTools(t)) return t;
      const file = path.join(root, t.managed.codeLocation, TYPESCRIPT_TOOLS_FILE);
      const read = readTypeScriptTools(file, { readFile, root, parser });
      issues.push(...read.issues.map((i) => ({ where: `gateway ${show(g.name)} › target ${show(t.name)} › ${i.where}`, message: i.message })));
      return { ...t, managed: { ...t.managed, tools: read.tools } };
    }),
  }));
  return { config: { ...config, agentCoreGateways }, issues };
}

type ManagedTarget = Extract<TargetConfig, { type: 'mcp-server' }> & { managed: NonNullable<Extract<TargetConfig, { type: 'mcp-server' }>['managed']> };

function readsTypeScriptTools(t: TargetConfig): t is ManagedTarget {
  return t.type === 'mcp-server' && t.managed?.host === 'Lambda' && t.managed.language === 'TypeScript';
}
