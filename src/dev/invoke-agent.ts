import * as http from 'node:http';
import { CliError } from '../cli/output';

/**
 * Sends a prompt to a locally running agent (`POST /invocations`, as BedrockAgentCoreApp serves
 * it) and hands each piece of the answer to `onText` as it streams in: the `data:` events of a
 * server-sent event stream (JSON strings are unquoted), or the body as it comes.
 */
export function invokeAgent(port: number, prompt: string, onText: (text: string) => void): Promise<void> {
  const body = JSON.stringify({ prompt });
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/invocations', method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        res.setEncoding('utf8');
        const sse = String(res.headers['content-type'] ?? '').includes('text/event-stream');
        let pending = '';
        let errorBody = '';
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
            if (data) onText(decode(data));
          }
        });
        res.on('end', () => {
          if ((res.statusCode ?? 500) >= 400) reject(new CliError(`The agent answered ${res.statusCode}: ${errorBody.trim()}`));
          else resolve();
        });
        res.on('error', reject);
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'ECONNREFUSED'
          ? new CliError(`No agent is listening on port ${port}. Start one with \`agentcore-projen dev\` in another terminal, then send the prompt again.`)
          : e,
      ),
    );
    req.end(body);
  });
}

/** An event's data: a JSON string is shown as its text, anything else as it was sent. */
function decode(data: string): string {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'string' ? value : data;
  } catch {
    return data;
  }
}
