/**
 * Turns an agent's answer, as it streams in, into text: the `data:` events of a server-sent event
 * stream (JSON strings are unquoted), or the body as it comes. BedrockAgentCoreApp reports an
 * exception raised while streaming as a last event `{"error": ..., "error_type": ...}`; that is kept
 * in `failure` instead of being shown as text. A JSON body (not streamed) is decoded at the end.
 */
export class AnswerStream {
  /** The agent's error, when it reported one. */
  failure: string | undefined;
  private pending = '';
  private readonly sse: boolean;
  private readonly json: boolean;

  constructor(
    contentType: string | undefined,
    private readonly onText: (text: string) => void,
  ) {
    this.sse = (contentType ?? '').includes('text/event-stream');
    this.json = !this.sse && (contentType ?? '').includes('application/json');
  }

  push(chunk: string): void {
    if (!this.sse && !this.json) {
      this.onText(chunk);
      return;
    }
    this.pending += chunk;
    if (this.json) return;
    let end: number;
    while ((end = this.pending.search(/\r?\n\r?\n/)) >= 0) {
      const event = this.pending.slice(0, end);
      this.pending = this.pending.slice(end).replace(/^\r?\n\r?\n/, '');
      this.event(event);
    }
  }

  /** The stream ended: whatever is left is the last event (or the whole JSON body). */
  end(): void {
    const rest = this.pending;
    this.pending = '';
    if (this.json) this.piece(rest);
    else if (rest.trim()) this.event(rest);
  }

  private event(event: string) {
    const data = event
      .split(/\r?\n/)
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).replace(/^ /, ''))
      .join('\n');
    if (data) this.piece(data);
  }

  private piece(data: string) {
    const piece = decode(data);
    if (typeof piece === 'string') this.onText(piece);
    else this.failure ??= piece.error;
  }
}

/** The error an agent reports: `{"error": "...", "error_type": "..."}`, as BedrockAgentCoreApp sends it. */
export function agentError(value: unknown): { error: string } | undefined {
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
