import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../user-error';
import { PROJECT_NAME } from '../model/names';
import { installedVersion, librarySpec } from './library-spec';
import { runInChild } from '../projenrc-runner/run-in-child';
import { renderTemplate } from '../render/templates';
import { AGENTCORE_DIR, PROJENRC, SECRETS_PATH } from '../project-files/paths';
import { writeSecretsFile } from '../project-files/secrets-file';
import { initGitRepository } from './git-repository';

export interface ScaffoldOptions {
  readonly name: string;
  /** Folder in which `<name>/` is created. */
  readonly parentDir: string;
  /** Run `npm install` and the first synth. @default true */
  readonly install?: boolean;
  /** Keep npm's output off the terminal. */
  readonly quiet?: boolean;
  /** Make the folder a git repository with a first commit. @default true */
  readonly git?: boolean;
}

export interface ScaffoldResult {
  readonly dir: string;
  readonly library: string;
  readonly installed: boolean;
  /** True when the project is a git repository with its first commit. */
  readonly git: boolean;
  /** Things the user should know (for instance why there is no git repository). */
  readonly notes: readonly string[];
}

/**
 * Creates a ready project folder: .projenrc.ts, package.json, tsconfig, agentcore/.env.local (0600),
 * the first synth, and a git repository with everything committed.
 */
export async function scaffoldProject(options: ScaffoldOptions): Promise<ScaffoldResult> {
  const { name } = options;
  if (!PROJECT_NAME.test(name)) {
    throw new UserError(`--name ${JSON.stringify(name)} is invalid: start with a letter and use up to 23 letters or digits, e.g. MyProject`);
  }
  const dir = path.resolve(options.parentDir, name);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    throw new UserError(`${dir} already exists and is not empty; choose another --name or --output-dir`);
  }
  const library = librarySpec();
  const files: Record<string, string> = {
    [PROJENRC]: renderTemplate('templates/project/projenrc.ts.hbs', { name }),
    'tsconfig.json': renderTemplate('templates/project/tsconfig.json.hbs', {}),
    // projen rewrites .gitignore on synth; this one protects the secrets file until then.
    '.gitignore': `node_modules/\n/${SECRETS_PATH}\n`,
    'package.json': `${JSON.stringify(
      {
        name: name.toLowerCase(),
        private: true,
        devDependencies: {
          'agentcore-projen': library,
          projen: installedVersion('projen'),
          constructs: installedVersion('constructs'),
          tsx: '^4.20.0',
          typescript: '~5.9.3',
        },
      },
      null,
      2,
    )}\n`,
  };
  fs.mkdirSync(path.join(dir, AGENTCORE_DIR), { recursive: true });
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), content);
  writeSecretsFile(path.join(dir, SECRETS_PATH), renderTemplate('templates/project/env.local.hbs', {}));

  const install = options.install ?? true;
  if (install) {
    const stdio = options.quiet ? 'pipe' : 'inherit';
    run('npm', ['install', '--no-audit', '--no-fund'], dir, stdio);
    runInChild(dir, options.quiet ? () => undefined : (text) => process.stdout.write(text));
  }
  const git = (options.git ?? true) ? initGitRepository(dir, 'Create the project with agentcore-projen') : { committed: false };
  return { dir, library, installed: install, git: git.committed, notes: git.note ? [git.note] : [] };
}

function run(cmd: string, args: string[], cwd: string, stdio: 'pipe' | 'inherit') {
  try {
    execFileSync(cmd, args, { cwd, stdio });
  } catch (e) {
    const out = (e as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new UserError(`\`${cmd} ${args.join(' ')}\` failed in ${cwd}${out ? `:\n${out}` : ''}`);
  }
}
