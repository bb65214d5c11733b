import type { Command } from 'commander';
import { jsonParseErrors } from '../flags';
import { registerAddAgent } from './add-agent';
import { registerAddCredential } from './add-credential';
import { registerAddGateway } from './add-gateway';
import { registerAddGatewayTarget } from './add-gateway-target';

/** `add <resource>`: writes the resource into `.projenrc.ts`, then synthesizes. */
export function registerAdd(program: Command): void {
  const add = jsonParseErrors(program.command('add'))
    .description('Add a gateway, gateway target, credential or agent to .projenrc.ts, then synthesize')
    .addHelpText('after', '\nEach command edits .projenrc.ts; if the model rejects the result, the file is restored and nothing changes.');
  registerAddGateway(add);
  registerAddGatewayTarget(add);
  registerAddCredential(add);
  registerAddAgent(add);
}
