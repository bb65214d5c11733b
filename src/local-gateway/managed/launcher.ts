import * as path from 'node:path';
import type { McpLanguage } from '../../model/managed-server';
import { pythonEnvironment } from '../../local-run/python-command';
import { installNodeDependencies, typescriptCommand } from '../../local-run/typescript-command';

/** How to start a file of a managed server's code: its command once the dependencies are in place. */
export interface Launcher {
  /** Installs what the code needs (a Python venv, npm packages), then gives the command that runs `file` with `args`. */
  prepare(file: string, args: readonly string[]): Promise<{ command: string; args: string[] }>;
}

/**
 * Python runs in the folder's own `.venv` (synced from its pyproject.toml); TypeScript with tsx,
 * after the package.json dependencies Node would not find are installed.
 */
export function launcherFor(language: McpLanguage, codeDir: string, projectRoot: string, log: (line: string) => void): Launcher {
  if (language === 'Python') {
    return {
      prepare: async (file, args) => ({ command: await pythonEnvironment(codeDir, log), args: [file, ...args] }),
    };
  }
  return {
    prepare: async (file, args) => {
      await installNodeDependencies(codeDir, log);
      const run = typescriptCommand(path.resolve(codeDir, file), codeDir, projectRoot);
      return { command: run.command, args: [...run.args, ...args] };
    },
  };
}
