import * as path from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { DeployOptions, PlanView } from '../../deploy';
import { findProjectRoot } from '../../project-files/project-root';
import { CliError, reportSuccess } from '../output';

/*
 * `deploy`, `diff` and `destroy`. The deploy module (and with it the AWS SDK) is imported only
 * when one of them runs. Region, credentials and endpoints come from the AWS environment
 * (AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL...), like any AWS tool.
 */

interface CommonOptions {
  dir?: string;
  json?: boolean;
}

interface ApplyOptions extends CommonOptions {
  yes?: boolean;
  dryRun?: boolean;
  adopt?: boolean;
  printPolicy?: boolean;
  account?: string;
}

const ADOPT_HELP = 'take over same-named resources the model declares that nothing shows this project made (they are left alone and block the plan otherwise)';

export function registerDeploy(program: Command): void {
  program
    .command('deploy')
    .description('Create or update the gateways, targets and credentials of agentcore/agentcore.json in AWS (shows the plan first)')
    .option('-y, --yes', 'apply without asking (for CI)')
    .option('--dry-run', 'show the plan and change nothing')
    .option('--adopt', ADOPT_HELP)
    .option('--print-policy', 'print the minimal IAM policy for the principal that deploys this model, and change nothing (no AWS call)')
    .option('--account <id>', 'with --print-policy: the AWS account (default: from agentcore/deployed-state.json)')
    .option('--json', 'print the result as JSON')
    .option('--dir <dir>', 'project root (default: the nearest folder with agentcore/agentcore.json)')
    .action((opts: ApplyOptions) => (opts.printPolicy ? printPolicy(opts) : runApply('deploy', opts)));

  program
    .command('diff')
    .description('Show what deploy would change; exit code 0 when nothing would, 1 when something would, 2 on error')
    .option('--adopt', ADOPT_HELP)
    .option('--json', 'print the plan as JSON')
    .option('--dir <dir>', 'project root (default: the nearest folder with agentcore/agentcore.json)')
    .action(async (opts: CommonOptions & { adopt?: boolean }) => {
      const api = await import('../../deploy');
      const projectDir = projectDirOf(opts.dir);
      let plan: PlanView;
      try {
        plan = await api.diff(projectDir, { adopt: !!opts.adopt, onEvent: opts.json ? undefined : printEvent(api) });
      } catch (e) {
        throw new CliError(message(e), 2);
      }
      if (opts.json) reportSuccess(true, '', { plan });
      else process.stdout.write(`${api.formatPlan(plan)}\n`);
      // A plan deploy would refuse is an error, not a change.
      if (plan.conflicts.length > 0) {
        if (!opts.json)
          process.stderr.write(`deploy would refuse this plan: ${plan.conflicts.length === 1 ? 'a resource is' : 'resources are'} blocked (see above)\n`);
        process.exitCode = 2;
      } else process.exitCode = plan.hasChanges ? 1 : 0;
    });

  program
    .command('destroy')
    .description('Delete every AWS resource this project created (targets, gateways, roles, then credentials)')
    .option('-y, --yes', 'delete without asking (for CI)')
    .option('--dry-run', 'show what would be deleted and change nothing')
    .option('--adopt', "also delete what the model declares (and targets on this project's gateways) that nothing shows this project made")
    .option('--json', 'print the result as JSON')
    .option('--dir <dir>', 'project root (default: the nearest folder with agentcore/agentcore.json)')
    .action((opts: ApplyOptions) => runApply('destroy', opts));
}

async function runApply(command: 'deploy' | 'destroy', opts: ApplyOptions) {
  const api = await import('../../deploy');
  const projectDir = projectDirOf(opts.dir);
  const json = !!opts.json;
  const options: DeployOptions = {
    dryRun: !!opts.dryRun,
    adopt: !!opts.adopt,
    onPlan: (plan) => {
      if (!json) process.stdout.write(`${api.formatPlan(plan)}\n\n`);
    },
    confirm: (plan) => confirm(command, plan, opts),
    ...(json ? {} : { onEvent: printEvent(api) }),
  };
  const controller = new AbortController();
  // Ctrl+C stops between calls; the state and the lock are left consistent, and a re-run converges.
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  try {
    const result = await (command === 'deploy' ? api.deploy : api.destroy)(projectDir, { ...options, signal: controller.signal });
    if (json) {
      reportSuccess(true, '', { ...result });
      return;
    }
    if (opts.dryRun) process.stdout.write('Dry run: nothing was changed.\n');
    else if (!result.applied) process.stdout.write('Cancelled: nothing was changed.\n');
    else process.stdout.write(`${api.formatSummary(result, command === 'deploy' ? 'Deployed' : 'Destroyed')}\n`);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(message(e));
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** `deploy --print-policy`: the policy JSON on stdout, a note on stderr when the account is unknown. */
async function printPolicy(opts: ApplyOptions) {
  const api = await import('../../deploy');
  try {
    const { policy, accountKnown } = await api.deployPolicyFor(projectDirOf(opts.dir), { ...(opts.account ? { account: opts.account } : {}) });
    process.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
    if (!accountKnown)
      process.stderr.write('note: the account is not known yet (no deploy recorded one); the policy says "*" for it. Pass --account <id> to name it.\n');
  } catch (e) {
    throw new CliError(message(e));
  }
}

async function confirm(command: string, plan: PlanView, opts: ApplyOptions): Promise<boolean> {
  if (opts.yes) return true;
  const c = plan.counts;
  const what = `${c.create} to create, ${c.update} to update, ${c.replace} to replace, ${c.delete} to delete`;
  if (opts.json || !process.stdin.isTTY || !process.stdout.isTTY) {
    throw new CliError(`${command} would change resources (${what}) and there is no terminal to confirm on; re-run with --yes to apply`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(`Apply these changes to ${plan.project} in ${plan.region} (${what})? [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

function printEvent(api: typeof import('../../deploy')) {
  return (e: import('../../deploy').DeployEvent) => {
    const line = api.formatEvent(e);
    if (e.type === 'done') process.stdout.write(`${line}\n`);
    else process.stderr.write(`${line}\n`);
  };
}

/** `--dir`, or the project folder around the current one. */
function projectDirOf(dir: string | undefined): string {
  return dir ? path.resolve(dir) : findProjectRoot();
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
