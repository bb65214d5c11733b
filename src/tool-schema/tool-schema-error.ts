import type { ModelIssue } from '../model/issues';
import { UserError } from '../user-error';

/**
 * Tools whose schema cannot be read from the code: every problem at once, each naming the file and
 * line, the tool, the parameter or field, and the fix.
 */
export class ToolSchemaError extends UserError {
  constructor(
    /** What was read, e.g. `app/mcp/weather/tools.ts`. */
    readonly source: string,
    readonly issues: readonly ModelIssue[],
  ) {
    const n = issues.length;
    super(`The tools of ${source} have ${n} problem${n === 1 ? '' : 's'}:\n` + issues.map((i) => `  - ${i.where}: ${i.message}`).join('\n'));
    this.name = 'ToolSchemaError';
  }
}
