// Runs the CLI from source, as `agentcore-projen` does from lib/ (used by tests and the benchmark).
import { main } from '../../../src/cli/main';

void main(process.argv);
