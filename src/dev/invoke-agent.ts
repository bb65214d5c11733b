import * as http from 'node:http';
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
        const sse = String(res.headers['content-type'] ?? '').includes('text/event-stream');
        let pending = '';
        let errorBody = '';
        let failure: string | undefined;
        res.on('data', (chunk: string) => {
          if ((res.statusCode ?? 500) >= 400) {
            errorBody += chunk;
            return;
          }
          if (!sse) {
            onText(chunk);
            return;
          }
          pending += chunk;
          let end: number;
          while ((end = pending.search(/\r?\n\r?\n/)) >= 0) {
            const event = pending.slice(0, end);
            pending = pending.slice(end).replace(/^\r?\n\r?\n/, '');
            const data = event
              .split(/\r?\n/)
              .filter((l) => l.startsWith('data:'))
              .map((l) => l.slice(5).replace(/^ /, ''))
              .join('\n');
            if (!data) continue;
            const piece = decode(data);
            if (typeof piece === 'string') onText(piece);
            else failure ??= piece.error;
          }
        });
        res.on('end', () => {
          if ((res.statusCode ?? 500) >= 400) reject(new AgentFailedError(`The agent answered ${res.statusCode}: ${errorText(errorBody.trim())}`));
          else if (failure !== undefined) reject(new AgentFailedError(`The agent failed: ${failure}`));
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

/** The error an agent reports: `{"error": "...", "error_type": "..."}`, as BedrockAgentCoreApp sends it. */
function agentError(value: unknown): { error: string } | undefined {
  if (typeof value !== 'object' || value === null || !('error' in value)) return undefined;
  const { error, error_type: type } = value as { error: unknown; error_type?: unknown };
  const text = typeof error === 'string' ? error : JSON.stringify(error);
  return { error: typeof type === 'string' && type ? `${type}: ${text}` : text };
}

/** An event's data: a JSON string is shown as its text, an error object is the agent's error, anything else is shown as it was sent. */
function decode(data: string): string | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return data;
  }
  return typeof value === 'string' ? value : (agentError(value) ?? data);
}

/** An error body's message when it is the agent's JSON error, else the body as is. */
function errorText(body: string): string {
  try {
    return agentError(JSON.parse(body))?.error ?? body;
  } catch {
    return body;
  }
}
