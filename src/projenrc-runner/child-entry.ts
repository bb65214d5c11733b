import { OUTCOME_MARKER } from './run-in-child';
import { runProjenrc } from './synth-outcome';

/*
 * The program a child runs (under tsx) to synthesize: it runs `.projenrc.ts` of the project
 * given as its argument and writes how that ended as one marked JSON line on stderr.
 */
const root = process.argv[2]!;
const outcome = runProjenrc(root);
process.stderr.write(`\n${OUTCOME_MARKER}${JSON.stringify(outcome)}\n`);
process.exitCode = outcome.kind === 'ok' ? 0 : 1;
