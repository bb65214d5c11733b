import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import type { ProjenrcSource } from '../../edit/projenrc-source';
import { confirmRemoval, removalLines } from '../confirm-removal';
import { editProjenrc, type ProjenrcChange } from '../edit-project';
import { managedServerCodeLocation } from '../../model/managed-server';
import { SECRETS_PATH } from '../../project-files/paths';
import { deleteSecrets } from '../../project-files/secrets-file';
import { jsonParseErrors } from '../flags';
import { PROJENRC } from '../../project-files/paths';
import { findProjectRoot } from '../../project-files/project-root';
import { deletesNothingElse, removalPlan, type RemovedResource } from '../removal-plan';

interface RemoveFlags {
  name: string;
  gateway?: string;
  yes?: boolean;
  json?: boolean;
}

/**
 * Removes a resource: when that also deletes generated files or secrets, says which and asks
 * first (or needs --yes), then edits `.projenrc.ts`, synthesizes (which deletes the generated
 * files), and deletes the secrets from `agentcore/.env.local` once the new model stands.
 */
async function removeResource(flags: RemoveFlags, resource: RemovedResource, change: (source: ProjenrcSource, root: string) => ProjenrcChange): Promise<void> {
  const root = findProjectRoot();
  const plan = removalPlan(root, resource);
  if (!flags.yes && !deletesNothingElse(plan)) {
    // A remove that cannot be done fails with its own reason before anyone is asked.
    const { ProjenrcSource } = await import('../../edit/projenrc-source');
    change(new ProjenrcSource(fs.readFileSync(path.join(root, PROJENRC), 'utf8')), root);
    await confirmRemoval(`remove ${resource.kind} ${JSON.stringify(resource.name)}`, plan);
  }
  await editProjenrc(!!flags.json, (source, r) => {
    const result = change(source, r);
    const deleted = removalLines(plan);
    return {
      ...result,
      notes: [...(result.notes ?? []), ...(deleted.length ? ['Deleted:', ...deleted] : [])],
      details: { ...result.details, deletedFiles: plan.files, deletedSecrets: plan.secrets },
    };
  });
  deleteSecrets(root, plan.secrets);
}

/** The notes that say a removed managed server's own code is still there (its folder is never deleted). */
function keptServerCode(root: string, targets: readonly string[]): string[] {
  return targets
    .map((t) => managedServerCodeLocation(t))
    .filter((folder) => fs.existsSync(path.join(root, folder)))
    .map((folder) => `Your server's code in ${folder}/ is kept; delete the folder when you no longer need it.`);
}

/** `remove <resource> --name X`: deletes the declaration (and what depends on it), then synthesizes. */
export function registerRemove(program: Command): void {
  const remove = jsonParseErrors(program.command('remove'))
    .description('Remove an agent, gateway, gateway target or credential from .projenrc.ts, then synthesize')
    .addHelpText(
      'after',
      `\nWhen a remove also deletes generated files or secrets in ${SECRETS_PATH}, it lists them and asks first;\nwithout a terminal it needs -y, --yes.`,
    );
  const yes = (command: Command) => command.option('-y, --yes', 'delete the generated files and secrets that go with it without asking');

  yes(
    remove
      .command('agent')
      .description("Remove an agent's project.addAgent(...) call and its generated files; its own code in app/<name>/ is kept")
      .requiredOption('--name <name>', 'agent name'),
  )
    .option('--json', 'print the result as JSON')
    .action(async (flags: RemoveFlags) => {
      const { removeAgentCall } = await import('../../edit/remove-declaration');
      await removeResource(flags, { kind: 'agent', name: flags.name }, (source, root) => {
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

  yes(
    remove
      .command('gateway')
      .description('Remove a gateway and all its targets (and the secrets of the credentials made for them)')
      .requiredOption('--name <name>', 'gateway name'),
  )
    .option('--json', 'print the result as JSON')
    .action(async (flags: RemoveFlags) => {
      const { removeGatewayCall } = await import('../../edit/remove-declaration');
      await removeResource(flags, { kind: 'gateway', name: flags.name }, (source, root) => {
        const removed = removeGatewayCall(source, flags.name);
        const targets = removed.targets.length
          ? ` and its target${removed.targets.length > 1 ? 's' : ''} ${removed.targets.map((t) => `"${t}"`).join(', ')}`
          : '';
        return {
          text: removed.text,
          summary: `Removed gateway "${flags.name}"${targets} from .projenrc.ts. Agents no longer get it; the next deploy deletes it in AWS.`,
          notes: keptServerCode(root, removed.targets),
          details: { resource: 'gateway', name: flags.name, targets: removed.targets },
        };
      });
    });

  yes(
    remove
      .command('gateway-target')
      .description("Remove a target from its gateway (and the secret of its inline OAuth credential); a managed server's own code in app/mcp/<name>/ is kept")
      .requiredOption('--name <name>', 'target name')
      .option('--gateway <name>', 'the gateway of the target (needed when several gateways have a target of that name)'),
  )
    .option('--json', 'print the result as JSON')
    .action(async (flags: RemoveFlags) => {
      const { removeTargetCall } = await import('../../edit/remove-declaration');
      await removeResource(flags, { kind: 'gateway-target', name: flags.name, gateway: flags.gateway }, (source, root) => {
        const removed = removeTargetCall(source, flags.name, flags.gateway);
        return {
          text: removed.text,
          summary: `Removed target "${flags.name}" from .projenrc.ts.`,
          notes: keptServerCode(root, [flags.name]),
          details: { resource: 'gateway-target', name: flags.name, ...(flags.gateway ? { gateway: flags.gateway } : {}) },
        };
      });
    });

  yes(
    remove
      .command('credential')
      .alias('identity')
      .description(`Remove a credential that no target uses any more, and its secrets in ${SECRETS_PATH} (alias: identity)`)
      .requiredOption('--name <name>', 'credential name'),
  )
    .option('--json', 'print the result as JSON')
    .action(async (flags: RemoveFlags) => {
      const { removeCredentialCall } = await import('../../edit/remove-declaration');
      await removeResource(flags, { kind: 'credential', name: flags.name }, (source) => {
        const removed = removeCredentialCall(source, flags.name);
        return {
          text: removed.text,
          summary: `Removed credential "${flags.name}" from .projenrc.ts.`,
          details: { resource: 'credential', name: flags.name },
        };
      });
    });
}
