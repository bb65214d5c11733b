import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { editProjenrc } from '../edit-project';
import { jsonParseErrors } from '../flags';

interface RemoveFlags {
  name: string;
  gateway?: string;
  json?: boolean;
}

/** `remove <resource> --name X`: deletes the declaration (and what depends on it), then synthesizes. */
export function registerRemove(program: Command): void {
  const remove = jsonParseErrors(program.command('remove'))
    .description('Remove an agent, gateway, gateway target or credential from .projenrc.ts, then synthesize');

  remove
    .command('agent')
    .description("Remove an agent's project.addAgent(...) call; its own code in app/<name>/ is kept")
    .requiredOption('--name <name>', 'agent name')
    .option('--json', 'print the result as JSON')
    .action(async (flags: RemoveFlags) => {
      const { removeAgentCall } = await import('../../edit/remove-declaration');
      await editProjenrc(!!flags.json, (source, root) => {
        const removed = removeAgentCall(source, flags.name);
        const folder = path.join(root, 'app', flags.name);
        return {
          text: removed.text,
          summary: `Removed agent "${flags.name}" from .projenrc.ts; its generated files are deleted on synth.`,
          notes: fs.existsSync(folder)
            ? [`Your own files in app/${flags.name}/ (such as main.py) are kept; delete the folder when you no longer need them.`]
            : [],
          details: { resource: 'agent', name: flags.name },
        };
      });
    });

  remove
    .command('gateway')
    .description('Remove a gateway and all its targets')
    .requiredOption('--name <name>', 'gateway name')
    .option('--json', 'print the result as JSON')
    .action(async (flags: RemoveFlags) => {
      const { removeGatewayCall } = await import('../../edit/remove-declaration');
      await editProjenrc(!!flags.json, (source) => {
        const removed = removeGatewayCall(source, flags.name);
        const targets = removed.targets.length ? ` and its target${removed.targets.length > 1 ? 's' : ''} ${removed.targets.map((t) => `"${t}"`).join(', ')}` : '';
        return {
          text: removed.text,
          summary: `Removed gateway "${flags.name}"${targets} from .projenrc.ts. Agents no longer get it; the next deploy deletes it in AWS.`,
          details: { resource: 'gateway', name: flags.name, targets: removed.targets },
        };
      });
    });

  remove
    .command('gateway-target')
    .description('Remove a target from its gateway')
    .requiredOption('--name <name>', 'target name')
    .option('--gateway <name>', 'the gateway of the target (needed when several gateways have a target of that name)')
    .option('--json', 'print the result as JSON')
    .action(async (flags: RemoveFlags) => {
      const { removeTargetCall } = await import('../../edit/remove-declaration');
      await editProjenrc(!!flags.json, (source) => {
        const removed = removeTargetCall(source, flags.name, flags.gateway);
        return {
          text: removed.text,
          summary: `Removed target "${flags.name}" from .projenrc.ts.`,
          details: { resource: 'gateway-target', name: flags.name, ...(flags.gateway ? { gateway: flags.gateway } : {}) },
        };
      });
    });

  remove
    .command('credential')
    .alias('identity')
    .description('Remove a credential that no target uses any more (alias: identity)')
    .requiredOption('--name <name>', 'credential name')
    .option('--json', 'print the result as JSON')
    .action(async (flags: RemoveFlags) => {
      const { removeCredentialCall } = await import('../../edit/remove-declaration');
      await editProjenrc(!!flags.json, (source) => {
        const removed = removeCredentialCall(source, flags.name);
        return {
          text: removed.text,
          summary: `Removed credential "${flags.name}" from .projenrc.ts. Its secret stays in agentcore/.env.local until you delete that line.`,
          details: { resource: 'credential', name: flags.name },
        };
      });
    });
}
