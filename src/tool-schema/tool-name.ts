/** Tool names agents see are `<target>___<tool>`; the gateway allows letters, digits, `_` and `-` in them. */
const TOOL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Why `name` cannot be a tool's name, or undefined when it can. */
export function toolNameProblem(name: string): string | undefined {
  if (!TOOL_NAME.test(name)) return `"${name}" cannot be a tool name (use letters, digits and _); rename the function`;
  if (name.includes('___')) return `"${name}" contains "___", which separates the target from the tool in the names agents see; rename the function`;
  return undefined;
}
