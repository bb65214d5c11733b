import { spawnSync } from 'node:child_process';

/** What `create` did about git, for its report. */
export interface GitRepositoryResult {
  /** True when a repository was made and the project committed in it. */
  readonly committed: boolean;
  /** Why it was not, when it was not. */
  readonly note?: string;
}

/** Used only when git has no identity configured (a fresh CI machine), so the first commit still works. */
const FALLBACK_IDENTITY = ['-c', 'user.name=agentcore-projen', '-c', 'user.email=agentcore-projen@users.noreply.localhost'];

function git(dir: string, args: readonly string[]) {
  return spawnSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Makes `dir` a git repository with everything `create` wrote in its first commit, as
 * `projen new` does. Git's own ignore rules apply, so `agentcore/.env.local` is never added.
 * A missing git, or a folder already inside another repository, is not an error: the project
 * works without git, and the note says why none was made.
 */
export function initGitRepository(dir: string, message: string): GitRepositoryResult {
  const probe = git(dir, ['rev-parse', '--show-toplevel']);
  if (probe.error) return { committed: false, note: 'git was not found, so the project is not a git repository; run `git init` when you have it.' };
  if (probe.status === 0)
    return { committed: false, note: `The project is inside the git repository ${probe.stdout.trim()}; no repository of its own was made.` };

  const identity = git(dir, ['config', 'user.name']).status === 0 && git(dir, ['config', 'user.email']).status === 0 ? [] : FALLBACK_IDENTITY;
  const steps = [
    ['init', '--quiet'],
    ['add', '--all'],
    ['commit', '--quiet', '-m', message],
  ];
  for (const step of steps) {
    const r = git(dir, step[0] === 'commit' ? [...identity, ...step] : step);
    if (r.status !== 0) return { committed: false, note: `\`git ${step[0]}\` failed, so the project has no first commit: ${r.stderr.trim()}` };
  }
  return { committed: true };
}
