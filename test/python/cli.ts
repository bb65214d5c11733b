/** Runs the `agentcore-projen` command line from source: npx tsx test/python/cli.ts <command> [args...]. */
import { main } from '../../src/cli/main';

void main(process.argv);
