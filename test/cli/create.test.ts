import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readSecretsFile, secretsFileOf } from '../../src/project-files/secrets-file';
import { tempDir } from '../helpers/tmp';
import { agentcoreOk, cli, createProject, REPO } from './helpers/project';

const git = (cwd: string, ...args: string[]) => spawnSync('git', args, { cwd, encoding: 'utf8' });
const mode = (file: string) => fs.statSync(file).mode & 0o777;

/** An environment in which git has no user configured, as on a fresh CI machine. */
function gitWithoutIdentity(): NodeJS.ProcessEnv {
  const home = tempDir('agentcore-projen-home-');
  return { HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_GLOBAL: path.join(home, 'none'), GIT_CONFIG_NOSYSTEM: '1' };
}

describe('agentcore-projen --version', () => {
  it('prints the version of the package and exits 0', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const r = cli(REPO, [flag]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
    }
  });
});

describe('create', () => {
  it('makes a git repository with the project in its first commit, and the secrets file left out', () => {
    const parent = tempDir('agentcore-projen-create-');
    const r = agentcoreOk(parent, 'agentcore create --name GitProject --defaults --skip-install', gitWithoutIdentity());
    const project = path.join(parent, 'GitProject');
    expect(r.stdout).toContain('a git repository with a first commit');
    expect(git(project, 'log', '--format=%s').stdout.trim()).toBe('Create the project with agentcore-projen');
    expect(git(project, 'ls-files').stdout.split('\n').filter(Boolean).sort()).toEqual(['.gitignore', '.projenrc.ts', 'package.json', 'tsconfig.json']);
    expect(git(project, 'status', '--porcelain').stdout).toBe('');
  });

  it('with --no-git, makes no repository', () => {
    const parent = tempDir('agentcore-projen-create-');
    agentcoreOk(parent, 'agentcore create --name NoGit --defaults --skip-install --no-git');
    expect(fs.existsSync(path.join(parent, 'NoGit', '.git'))).toBe(false);
  });

  it('without git on the PATH, still creates the project and says why there is no repository', () => {
    const parent = tempDir('agentcore-projen-create-');
    const bin = tempDir('agentcore-projen-bin-'); // holds only node
    fs.symlinkSync(process.execPath, path.join(bin, 'node'));
    const r = agentcoreOk(parent, 'agentcore create --name NoGitHere --defaults --skip-install', { PATH: bin });
    expect(r.stdout).toContain('git was not found, so the project is not a git repository');
    expect(fs.existsSync(path.join(parent, 'NoGitHere', '.projenrc.ts'))).toBe(true);
  });
});

describe('agentcore/.env.local', () => {
  const envFile = (project: string) => path.join(project, 'agentcore', '.env.local');

  it('is readable by its owner only when create makes it (under umask 022) and after a secret is written to it', () => {
    const previous = process.umask(0o022); // the CLI inherits it
    try {
      const project = createProject('SecretsProject');
      expect(mode(envFile(project))).toBe(0o600);
      agentcoreOk(project, 'agentcore add credential --name MyKey --type api-key --api-key s3cr3t-value');
      expect(fs.readFileSync(envFile(project), 'utf8')).toContain('AGENTCORE_CREDENTIAL_MYKEY=s3cr3t-value');
      expect(mode(envFile(project))).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('becomes owner-only again when a secret is written into a copy someone made readable', () => {
    const project = createProject('LooseSecrets');
    fs.chmodSync(envFile(project), 0o644);
    agentcoreOk(project, 'agentcore add credential --name MyKey --type api-key --api-key s3cr3t-value');
    expect(mode(envFile(project))).toBe(0o600);
  });

  describe('when group- or world-readable', () => {
    afterEach(() => vi.restoreAllMocks());

    it('is read with one warning on stderr that says how to fix it, and no secret in it', () => {
      const root = tempDir('agentcore-projen-env-');
      fs.mkdirSync(path.join(root, 'agentcore'));
      fs.writeFileSync(envFile(root), 'API_KEY=very-secret\n', { mode: 0o644 });
      fs.chmodSync(envFile(root), 0o644);
      const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      expect(readSecretsFile(secretsFileOf(root))).toEqual({ API_KEY: 'very-secret' });
      readSecretsFile(secretsFileOf(root));
      const warnings = stderr.mock.calls.map((c) => String(c[0]));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(
        /agentcore\/\.env\.local holds secrets but can be read by every user of this machine \(mode 0644\); make it private with `chmod 600 .*agentcore\/\.env\.local`/,
      );
      expect(warnings[0]).not.toContain('very-secret');
    });

    it('is not warned about when private', () => {
      const root = tempDir('agentcore-projen-env-');
      fs.mkdirSync(path.join(root, 'agentcore'));
      fs.writeFileSync(envFile(root), 'API_KEY=x\n', { mode: 0o600 });
      const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
      readSecretsFile(secretsFileOf(root));
      expect(stderr).not.toHaveBeenCalled();
    });
  });
});
