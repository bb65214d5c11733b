import type { GatewayConfig, ProjectConfig, TargetConfig } from '../../model/config';
import type { ManagedServerConfig, McpHost, McpLanguage } from '../../model/managed-server';

/** AgentCore joins a target's name and its tool's name with three underscores. */
export const TOOL_NAME_SEPARATOR = '___';

/** Everything the managed-server templates need, computed here so templates only print. */
export interface ManagedServerContext {
  /** Marker text for the top of generated files. */
  readonly marker: string;
  /** The target name: the tools reach agents as `<target>___<tool>`. */
  readonly target: string;
  readonly gateway: string;
  readonly host: McpHost;
  readonly language: McpLanguage;
  /** Folder of the code, relative to the project root (`app/mcp/<target>`). */
  readonly dir: string;
  /** What the target's tools do, or a default. */
  readonly description: string;
  /** A package name for pyproject.toml / package.json: lower-case, `-` for anything else. */
  readonly packageName: string;
  /** What joins the target's name and a tool's name (`___`): the handler strips up to it. */
  readonly toolNameSeparator: string;
  /** The name of a sample tool as agents see it, for the README. */
  readonly sampleToolName: string;
  /** Name of the function or runtime in the account. */
  readonly deployedName: string;
}

/** A gateway target that deploy hosts from the user's code, with its gateway. */
export interface ManagedTarget {
  readonly gateway: GatewayConfig;
  readonly target: TargetConfig & { type: 'mcp-server'; managed: ManagedServerConfig };
}

/** Every managed `mcp-server` target of the config, in gateway order. */
export function managedTargets(config: ProjectConfig): ManagedTarget[] {
  return config.agentCoreGateways.flatMap((gateway) =>
    gateway.targets.flatMap((target) => (target.type === 'mcp-server' && target.managed ? [{ gateway, target: { ...target, managed: target.managed } }] : [])),
  );
}

/** The template context of one managed server. Pure. */
export function managedServerContext({ gateway, target }: ManagedTarget, marker: string): ManagedServerContext {
  return {
    marker,
    target: target.name,
    gateway: gateway.name,
    host: target.managed.host,
    language: target.managed.language,
    dir: target.managed.codeLocation.replace(/\/+$/, ''),
    description: target.description ?? `Tools of the ${target.name} target of gateway ${gateway.name}.`,
    packageName:
      target.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'mcp-server',
    toolNameSeparator: TOOL_NAME_SEPARATOR,
    sampleToolName: `${target.name}${TOOL_NAME_SEPARATOR}add`,
    deployedName: target.managed.deployedName,
  };
}
