import type { TargetConfig } from '../model/config';
import type { Desired } from './desired';
import type { ManagedServerConfig, McpHost, McpLanguage, ToolDefinition } from '../model/managed-server';
import { PROJECT_TAG, rolePath } from './names';

/*
 * Managed MCP servers: the `mcp-server` targets whose code deploy hosts (on Lambda or AgentCore
 * Runtime), with the names they get in the account. The server is deployed before its target,
 * which then points at it (the function ARN, or the runtime's invocation URL).
 */

export interface DesiredServer {
  /** `<gateway>/<target>`: its key in the state. */
  key: string;
  gateway: string;
  target: string;
  host: McpHost;
  language: McpLanguage;
  /** Code folder, relative to the project root. */
  codeLocation: string;
  /** Function or runtime name in the account. */
  name: string;
  /** The execution role deploy makes for it. */
  role: { name: string; path: string };
  tags: Record<string, string>;
}

/** Key of a server: `<gateway>/<target>`. */
export const serverKey = (gateway: string, target: string) => `${gateway}/${target}`;

export function desiredServer(project: string, gateway: string, target: TargetConfig, managed: ManagedServerConfig): DesiredServer {
  return {
    key: serverKey(gateway, target.name),
    gateway,
    target: target.name,
    host: managed.host,
    language: managed.language,
    codeLocation: managed.codeLocation,
    name: managed.deployedName,
    role: { name: managed.managedRoleName, path: rolePath(project) },
    tags: { [PROJECT_TAG]: project },
  };
}

/**
 * The tools a Lambda-hosted server declares to the gateway (its target's inline tool schema),
 * derived from the code: TypeScript's at synth (`managed.tools`). Undefined when they are not known.
 */
export function serverTools(managed: ManagedServerConfig): ToolDefinition[] | undefined {
  // PYTHON TOOL SCHEMAS GO HERE: Python tools are read by running Python outside synth
  // (`src/tool-schema/`, issue 13 item 3); until that lands only `managed.tools` is known.
  return managed.tools;
}

/** Every server the desired side holds (none on destroy). */
export function desiredServersOf(desired: Desired): DesiredServer[] {
  return desired.gateways.flatMap((g) => g.targets.flatMap((t) => (t.server ? [t.server] : [])));
}
