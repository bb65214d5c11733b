import type { z } from 'zod';
import { fromZod, type ModelIssue, show } from './issues';
import { isLoopbackHttp } from './urls';

/** What validation finds while it resolves a model: problems, and warnings that do not stop synth. */
export class Findings {
  readonly issues: ModelIssue[] = [];
  readonly warnings: string[] = [];

  fail(where: string, message: string): void {
    this.issues.push({ where, message });
  }

  /** Parses one resource with its schema; its problems are recorded and undefined returned. */
  parse<S extends z.ZodType>(schema: S, raw: unknown, label: string): z.output<S> | undefined {
    const parsed = schema.safeParse(raw, { reportInput: true });
    if (parsed.success) return parsed.data;
    this.issues.push(...fromZod(label, parsed.error));
    return undefined;
  }

  /** Loopback http URLs work for local development only. */
  warnIfLoopback(where: string, url: string): void {
    if (isLoopbackHttp(url)) {
      this.warnings.push(`${where}: ${show(url)} is a local http URL; it works for local development, but deploy refuses it`);
    }
  }
}
