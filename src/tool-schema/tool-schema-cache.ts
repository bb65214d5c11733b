import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { type ToolDefinition, toolDefinition } from '../model/managed-server';
import { TOOL_SCHEMA_CACHE_DIR } from '../project-files/paths';

const entry = z.object({ hash: z.string(), tools: z.array(toolDefinition) });

/**
 * The tools last read from each managed server's code, with the hash of the code they were read
 * from: one file per code folder, so an edit replaces its entry instead of adding one. Only
 * successful reads are kept; a failure is read again next time (the user may have fixed the
 * environment, not the code).
 */
export class ToolSchemaCache {
  private readonly dir: string;

  constructor(root: string, dir = path.join(root, TOOL_SCHEMA_CACHE_DIR)) {
    this.dir = dir;
  }

  /** The tools cached for `codeDir` when they were read from code of this `hash`. */
  get(codeDir: string, hash: string): ToolDefinition[] | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.file(codeDir), 'utf8');
    } catch {
      return undefined;
    }
    let parsed: z.infer<typeof entry> | undefined;
    try {
      parsed = entry.safeParse(JSON.parse(text)).data;
    } catch {
      return undefined; // a torn or foreign file is a miss, rewritten by the next read
    }
    return parsed?.hash === hash ? parsed.tools : undefined;
  }

  set(codeDir: string, hash: string, tools: ToolDefinition[]): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = this.file(codeDir);
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, `${JSON.stringify({ hash, tools }, null, 2)}\n`);
    fs.renameSync(temp, file);
  }

  private file(codeDir: string): string {
    // Each managed server has its own folder, app/mcp/<target>: the target name is unique.
    return path.join(this.dir, `${path.basename(codeDir)}.json`);
  }
}
