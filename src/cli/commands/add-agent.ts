import type { Command } from 'commander';
import { FRAMEWORKS, MODEL_PROVIDERS } from '../../model/frameworks';
import { editProjenrc } from '../edit-project';
import { canonical } from '../flags';
import { indent } from './add-gateway';

interface AddAgentFlags {
  name: string;
  framework: string;
  modelProvider: string;
  modelId?: string;
  description?: string;
  json?: boolean;
}

export function registerAddAgent(add: Command): void {
  add
    .command('agent')
    .description('Add a Python agent wired to every gateway: project.addAgent({ ... })')
    .requiredOption('--name <name>', 'agent name (a letter, then letters, digits or "_"), e.g. MyAgent')
    .requiredOption('--framework <framework>', FRAMEWORKS.join(', '))
    .requiredOption('--model-provider <provider>', MODEL_PROVIDERS.join(', '))
    .option('--model-id <id>', 'model id for the provider (default: a current model)')
    .option('--description <text>', 'what the agent does')
    .option('--json', 'print the result as JSON')
    .action(async (flags: AddAgentFlags) => {
      const { addAgentCall } = await import('../../edit/add-declaration');
      await editProjenrc(!!flags.json, (source) => {
        const added = addAgentCall(source, {
          name: flags.name,
          framework: canonical(flags.framework, FRAMEWORKS),
          modelProvider: canonical(flags.modelProvider, MODEL_PROVIDERS),
          modelId: flags.modelId,
          description: flags.description,
        });
        return {
          text: added.text,
          summary: `Added agent "${flags.name}" to .projenrc.ts:\n${indent(added.code)}`,
          notes: [`Its code is in app/${flags.name}/ (main.py is yours to edit; the gateway wiring is regenerated on every synth).`],
          details: { resource: 'agent', name: flags.name, code: added.code, codeLocation: `app/${flags.name}` },
        };
      });
    });
}
