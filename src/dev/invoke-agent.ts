import * as http from 'node:http';
import { AnswerStream, agentError } from './answer-stream';
import { UserError } from '../user-error';

/**
 * Sends a prompt to a locally running agent (`POST /invocations`, as BedrockAgentCoreApp serves
 * it) and hands each piece of the answer to `onText` as it streams in: the `data:` events of a
 * server-sent event stream (JSON strings are unquoted), or the body as it comes. Rejects with an
 * AgentFailedError when the agent reports an error: BedrockAgentCoreApp turns an exception raised
 * while streaming into a last event `{"error": ..., "error_type": ...}`, with status 200.
 */
export function invokeAgent(port: number, prompt: string, onText: (text: string) => void): Promise<void> {
  const body = JSON.stringify({ prompt });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/invocations',
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.setEncoding('utf8');
        const failed = (res.statusCode ?? 500) >= 400;
        const answer = new AnswerStream(res.headers['content-type'], onText);
        let errorBody = '';
        res.on('data', (chunk: string) => {
          if (failed) errorBody += chunk;
          else answer.push(chunk);
        });
        res.on('end', () => {
          if (!failed) answer.end();
          if (failed) reject(new AgentFailedError(`The agent answered ${res.statusCode}: ${errorText(errorBody.trim())}`));
          else if (answer.failure !== undefined) reject(new AgentFailedError(`The agent failed: ${answer.failure}`));
          else resolve();
        });
        res.on('error', reject);
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'ECONNREFUSED'
          ? new UserError(`No agent is listening on port ${port}. Start one with \`agentcore-projen dev\` in another terminal, then send the prompt again.`)
          : e,
      ),
    );
    req.end(body);
  });
}

/** The agent reported an error instead of (or in the middle of) its answer. */
export class AgentFailedError extends UserError {
  constructor(message: string) {
    super(`${message}\n(The agent's own log, in the terminal where \`agentcore-projen dev\` runs, has the details.)`);
  }
}

/** An error body's message when it is the agent's JSON error, else the body as is. */
function errorText(body: string): string {
  try {
    return agentError(JSON.parse(body))?.error ?? body;
  } catch {
    return body;
  }
}
