import { DeployError, describeAwsError } from './errors';
import { type PollOptions, sleep } from './poll';

/*
 * IAM is eventually consistent: an execution role created a moment ago is often not yet
 * assumable by AgentCore Runtime, which then refuses CreateAgentRuntime / UpdateAgentRuntime
 * ("Role validation failed for '<role ARN>'", or an access denied naming the role). That one
 * answer is retried with backoff for a bounded time; every other error fails at once.
 */

/** How long to wait for a new role. @default 1 s first wait, doubling to 10 s, for at most 60 s */
export type RolePropagationOptions = PollOptions;

const DEFAULTS = { initialDelayMs: 1_000, maxDelayMs: 10_000, timeoutMs: 60_000 };

/** Whether the service refused the call because it cannot (yet) assume this role. */
export function roleNotAssumable(e: unknown, roleArn: string): boolean {
  const err = e as { name?: string; message?: string } | undefined;
  if (err?.name !== 'ValidationException' && err?.name !== 'AccessDeniedException') return false;
  const message = err.message ?? '';
  return message.includes(roleArn) || /role validation failed/i.test(message);
}

/** Sends `call` until the role is assumable or the time is up; the last refusal says how long it waited. */
export async function whileRolePropagates<T>(
  call: () => Promise<T>,
  roleArn: string,
  subject: { label: string; op: string },
  opts: RolePropagationOptions & { signal?: AbortSignal } = {},
): Promise<T> {
  const initial = opts.initialDelayMs ?? DEFAULTS.initialDelayMs;
  const max = opts.maxDelayMs ?? DEFAULTS.maxDelayMs;
  const timeout = opts.timeoutMs ?? DEFAULTS.timeoutMs;
  const started = Date.now();
  let delay = initial;
  for (;;) {
    try {
      return await call();
    } catch (e) {
      if (!roleNotAssumable(e, roleArn)) throw e;
      if (Date.now() - started + delay > timeout) {
        throw new DeployError(
          `${subject.label}: ${subject.op} failed: ${describeAwsError(e)} (retried for ${Math.round((Date.now() - started) / 1000)}s while IAM ` +
            `propagated the execution role ${roleArn}); check that its trust policy allows bedrock-agentcore.amazonaws.com, and run deploy again`,
          subject.label,
        );
      }
      await sleep(delay, opts.signal);
      delay = Math.min(max, delay * 2);
    }
  }
}
