import * as path from 'node:path';
import { PROJENRC } from '../project-files/paths';
import { OUTCOME_MARKER } from './run-in-child';
import { outcomeOf, type SynthOutcome } from './synth-outcome';

/*
 * The program a child runs (under tsx) to synthesize: it runs `.projenrc.ts` of the project
 * given as its argument and writes how that ended as one marked JSON line on stderr.
 */
const root = process.argv[2]!;
let outcome: SynthOutcome;
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- runs the user's .projenrc.ts in this child
  require(path.join(root, PROJENRC));
  outcome = { kind: 'ok' };
} catch (e) {
  outcome = outcomeOf(e);
}
process.stderr.write(`\n${OUTCOME_MARKER}${JSON.stringify(outcome)}\n`);
process.exitCode = outcome.kind === 'ok' ? 0 : 1;
