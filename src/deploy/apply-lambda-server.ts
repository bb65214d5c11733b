import * as fs from 'node:fs';
import type { FunctionConfiguration, GetFunctionCommandOutput } from '@aws-sdk/client-lambda';
import type { McpServerPackage } from '../package';
import { formatAddress, type ServerAddress } from './address';
import type { ApplyContext } from './apply-context';
import type { DesiredServer } from './desired-servers';
import { DeployError, returned } from './errors';
import type { Outcome } from './events';
import { PROJECT_TAG } from './names';
import { type Observed, sleep, waitFor } from './poll';
import { sendStep } from './send-step';

/*
 * A managed MCP server on Lambda: one function per server, ARM64, its code sent in the request
 * (Lambda's direct upload, up to 50 MB zipped: no bucket is needed). The function's CodeSha256 is
 * the package's hash, so unchanged code updates nothing. A function of that name is the project's
 * when the state records it, it carries the project tag, or an earlier run recorded the intent to
 * create it; any other is refused.
 */

/** Settings deploy manages besides the code (what UpdateFunctionConfiguration would change). */
const TIMEOUT_SECONDS = 30;
const MEMORY_MB = 256;
const ARCHITECTURE = 'arm64';

/** How often CreateFunction is retried while IAM has not yet made a new role usable by Lambda. */
const ROLE_PROPAGATION_ATTEMPTS = 8;

export interface LambdaServerInput {
  ctx: ApplyContext;
  d: DesiredServer;
  address: ServerAddress;
  label: string;
  pkg: McpServerPackage;
  roleArn: string;
  signal: AbortSignal;
}

/** Creates or updates the function; returns what was done and its ARN. */
export async function applyLambdaServer(input: LambdaServerInput): Promise<{ outcome: Outcome; arn: string }> {
  const { ctx, d, pkg, address } = input;
  const { lambdaSdk, lambda } = await ctx.aws.functions();
  const of = { label: input.label };
  const codeSha256 = Buffer.from(pkg.sha256, 'hex').toString('base64');
  const settings = {
    Runtime: pkg.runtime,
    Handler: pkg.entry,
    Role: input.roleArn,
    Timeout: TIMEOUT_SECONDS,
    MemorySize: MEMORY_MB,
    Description: `MCP server ${d.key} of project ${ctx.plan.project} (managed by agentcore-projen)`,
  };

  const found = await sendStep<GetFunctionCommandOutput>(
    ctx.aws,
    of,
    'GetFunction',
    lambda,
    new lambdaSdk.GetFunctionCommand({ FunctionName: d.name }),
    'not-found',
  );
  if (found === 'not-found') {
    await ctx.store.update((s) => {
      // Lambda takes no client token: the function's name is what a re-run finds it by.
      s.pending[formatAddress(address)] = { clientToken: d.name, request: 'CreateFunction' };
    });
    const ZipFile = await fs.promises.readFile(pkg.zipFile);
    const command = new lambdaSdk.CreateFunctionCommand({
      FunctionName: d.name,
      ...(settings as object),
      Code: { ZipFile },
      Architectures: [ARCHITECTURE],
      PackageType: 'Zip',
      Tags: d.tags,
    } as never);
    const created = await createWhenRoleUsable(input, () => sendStep<FunctionConfiguration>(ctx.aws, of, 'CreateFunction', lambda, command));
    const arn = returned(created.FunctionArn, 'CreateFunction', 'FunctionArn');
    await ctx.step(address, 'CreateFunction answered');
    await waitSettled(input);
    return { outcome: 'created', arn };
  }

  const config = returned(found.Configuration, 'GetFunction', 'Configuration');
  const arn = returned(config.FunctionArn, 'GetFunction', 'FunctionArn');
  const ours = ctx.store.state.servers[d.key]?.arn === arn || found.Tags?.[PROJECT_TAG] === ctx.plan.project || ctx.ownership.intended(address);
  if (!ours) {
    throw new DeployError(
      `${input.label}: a Lambda function named "${d.name}" already exists in ${ctx.plan.region} and nothing shows this project made it ` +
        `(it is not recorded in agentcore/deployed-state.json or tagged ${PROJECT_TAG}=${ctx.plan.project}), so it was left alone. ` +
        'Rename the target in .projenrc.ts (or the project), or delete that function if it is not used',
      input.label,
    );
  }
  let current = isSettled(config) ? config : await waitSettled(input);
  let outcome: Outcome = 'unchanged';
  if (current.CodeSha256 !== codeSha256 || JSON.stringify(current.Architectures ?? []) !== JSON.stringify([ARCHITECTURE])) {
    const ZipFile = await fs.promises.readFile(pkg.zipFile);
    await sendStep(
      ctx.aws,
      of,
      'UpdateFunctionCode',
      lambda,
      new lambdaSdk.UpdateFunctionCodeCommand({ FunctionName: d.name, ZipFile, Architectures: [ARCHITECTURE] }),
    );
    await ctx.step(address, 'UpdateFunctionCode answered');
    current = await waitSettled(input);
    outcome = 'updated';
  }
  const drift = (Object.keys(settings) as (keyof typeof settings)[]).filter((k) => current[k] !== settings[k]);
  if (drift.length > 0) {
    await sendStep(
      ctx.aws,
      of,
      'UpdateFunctionConfiguration',
      lambda,
      new lambdaSdk.UpdateFunctionConfigurationCommand({ FunctionName: d.name, ...(settings as object) } as never),
    );
    await ctx.step(address, 'UpdateFunctionConfiguration answered');
    await waitSettled(input);
    outcome = 'updated';
  }
  return { outcome, arn };
}

/** Deletes the function (one already gone is fine). */
export async function deleteLambdaServer(ctx: ApplyContext, name: string, label: string): Promise<void> {
  const { lambdaSdk, lambda } = await ctx.aws.functions();
  await sendStep(ctx.aws, { label }, 'DeleteFunction', lambda, new lambdaSdk.DeleteFunctionCommand({ FunctionName: name }), 'not-found');
}

/**
 * A role made a moment ago may not be assumable by Lambda yet (IAM is eventually consistent);
 * Lambda then refuses the create with InvalidParameterValueException. That one answer is retried.
 */
async function createWhenRoleUsable<T>(input: LambdaServerInput, create: () => Promise<T>): Promise<T> {
  let delay = input.ctx.poll.initialDelayMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (e) {
      const roleNotReady = e instanceof DeployError && /InvalidParameterValueException.*(role|assume)/i.test(e.message);
      if (!roleNotReady || attempt >= ROLE_PROPAGATION_ATTEMPTS) throw e;
      await sleep(delay, input.signal);
      delay = Math.min(input.ctx.poll.maxDelayMs ?? 10_000, delay * 2);
    }
  }
}

/** Active, and no update in progress. */
function isSettled(c: FunctionConfiguration): boolean {
  return (c.State === undefined || c.State === 'Active') && c.LastUpdateStatus !== 'InProgress';
}

async function waitSettled(input: LambdaServerInput): Promise<FunctionConfiguration> {
  const { ctx, d } = input;
  const { lambdaSdk, lambda } = await ctx.aws.functions();
  const observe = async (): Promise<Observed<FunctionConfiguration>> => {
    const c = await sendStep<FunctionConfiguration>(
      ctx.aws,
      { label: input.label },
      'GetFunctionConfiguration',
      lambda,
      new lambdaSdk.GetFunctionConfigurationCommand({ FunctionName: d.name }),
      'not-found',
    );
    if (c === 'not-found') return 'gone';
    if (c.State === 'Failed' || c.LastUpdateStatus === 'Failed') {
      return { status: 'FAILED', statusReasons: [c.LastUpdateStatusReason ?? c.StateReason ?? 'no reason given'], detail: c };
    }
    return { status: isSettled(c) ? 'READY' : 'UPDATING', detail: c };
  };
  const seen = await waitFor(input.label, 'ready', observe, { ...ctx.poll, signal: input.signal });
  return seen.detail;
}
