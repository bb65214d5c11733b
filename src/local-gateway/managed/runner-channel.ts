import * as readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** One answer of a Lambda runner (see templates/mcp/local/). */
export interface RunnerAnswer {
  readonly result?: unknown;
  readonly error?: string;
}

/**
 * Requests to a Lambda runner process, one JSON line each on its stdin, matched by id with its
 * answers on a pipe of their own (so what the code prints cannot be taken for an answer).
 */
export class RunnerChannel {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (a: RunnerAnswer) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly requests: Writable,
    answers: Readable,
  ) {
    readline.createInterface({ input: answers }).on('line', (line) => {
      let message: RunnerAnswer & { id?: unknown };
      try {
        message = JSON.parse(line) as RunnerAnswer & { id?: unknown };
      } catch {
        return; // not an answer
      }
      const waiting = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
      if (!waiting) return;
      this.pending.delete(message.id as number);
      waiting.resolve(message);
    });
    // A runner that is gone answers nothing more; its writes fail instead of throwing.
    requests.on('error', () => undefined);
  }

  request(body: Record<string, unknown>): Promise<RunnerAnswer> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.requests.write(`${JSON.stringify({ id, ...body })}\n`);
    });
  }

  /** Fails every request still waiting (the runner stopped). */
  failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}
