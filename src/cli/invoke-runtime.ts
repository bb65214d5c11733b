import type { DeployedState } from '../deploy/state';
import { UserError } from '../user-error';
import { AnswerStream } from '../dev/answer-stream';

export interface InvokeRuntimeOptions {
  state: DeployedState;
  agent: string;
  sessionId: string;
  prompt: string;
  onText: (text: string) => void;
}

/** Runtime session ids the service accepts: 33 to 256 characters. */
const SESSION_ID = /^[a-zA-Z0-9][a-zA-Z0-9-_]{32,255}$/;

/** Refuses a session id the service would reject, before anything is sent or kept. */
export function checkSessionId(sessionId: string): void {
  if (!SESSION_ID.test(sessionId)) {
    throw new UserError(
      `--session ${JSON.stringify(sessionId)} is not a runtime session id: use 33 to 256 letters, digits, "-" or "_" (or leave --session out).`,
    );
  }
}

/**
 * Sends a prompt to an agent deployed on AgentCore Runtime (`InvokeAgentRuntime`) and hands each
 * piece of the answer to `onText` as it arrives. Resolves with the session id the service used.
 * Rejects with a UserError when the call fails or the agent reports an error.
 * Region comes from the state (where the agent was deployed); credentials and endpoint from the
 * SDK's chain (AWS_PROFILE, AWS_ENDPOINT_URL_BEDROCK_AGENTCORE, ...).
 */
export async function invokeRuntime(opts: InvokeRuntimeOptions): Promise<string> {
  const runtime = opts.state.runtimes[opts.agent];
  if (!runtime) throw new UserError(`Agent "${opts.agent}" is not deployed to AgentCore Runtime; run \`npx projen deploy\` first.`);
  checkSessionId(opts.sessionId);
  const { BedrockAgentCoreClient, InvokeAgentRuntimeCommand, BedrockAgentCoreServiceException } = await import('@aws-sdk/client-bedrock-agentcore');
  const client = new BedrockAgentCoreClient({ region: opts.state.region });
  try {
    const out = await client.send(
      new InvokeAgentRuntimeCommand({
        agentRuntimeArn: runtime.agentRuntimeArn,
        runtimeSessionId: opts.sessionId,
        contentType: 'application/json',
        accept: 'application/json, text/event-stream',
        payload: Buffer.from(JSON.stringify({ prompt: opts.prompt })),
      }),
    );
    const answer = new AnswerStream(out.contentType, opts.onText);
    const decoder = new TextDecoder();
    for await (const chunk of out.response as AsyncIterable<Uint8Array>) answer.push(decoder.decode(chunk, { stream: true }));
    answer.push(decoder.decode());
    answer.end();
    if (answer.failure !== undefined) throw new UserError(`The agent failed: ${answer.failure}`);
    return out.runtimeSessionId ?? opts.sessionId;
  } catch (e) {
    if (e instanceof BedrockAgentCoreServiceException) throw new UserError(`InvokeAgentRuntime of agent "${opts.agent}" failed: ${e.name}: ${e.message}`);
    throw e;
  } finally {
    client.destroy();
  }
}
