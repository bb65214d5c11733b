import { spawnSync } from 'node:child_process';
import { PROJENRC } from '../project-files/paths';
import { SynthError } from './synth-error';
import { errorOf, parseOutcome } from './synth-outcome';
import { entryFile } from './type-script-loader';

/**
 * Starts the one stderr line the child writes itself: its outcome as JSON. (A file descriptor of
 * its own would not reach it: npx starts tsx in a process of its own with only stdin, stdout and
 * stderr.)
 */
export const OUTCOME_MARKER = 'agentcore-projen synth outcome: ';

/**
 * Runs `.projenrc.ts` in a child (`npx tsx`), for a project without tsx of its own to load in
 * this process. The output of `.projenrc.ts` goes to `output` (stderr by default); its outcome
 * comes back as data. Throws a SynthError.
 */
export function runInChild(root: string, output: (text: string) => void = (text) => process.stderr.write(text)): void {
  const result = spawnSync('npx', ['tsx', entryFile('child-entry'), root], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  output(result.stdout ?? '');
  const lines = (result.stderr ?? '').split('\n');
  const marked = lines.filter((l) => l.startsWith(OUTCOME_MARKER)).pop();
  const outcome = marked === undefined ? undefined : parseOutcome(marked.slice(OUTCOME_MARKER.length));
  if (outcome) {
    const error = errorOf(outcome);
    if (error) throw error;
    return;
  }
  // No outcome: the child did not get to run the file (tsx missing, a crash); its stderr says why.
  const why = lines.join('\n').trim();
  throw new SynthError(`\`npx tsx ${PROJENRC}\` failed${why ? `:\n${why}` : ''}`);
}
