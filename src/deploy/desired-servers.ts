import type { ProjectConfig, TargetConfig } from '../model/config';
import type { Desired } from './desired';
import { DeployError } from './errors';
import type { DeployedState } from './state';
import type { ManagedServerConfig, McpHost, McpLanguage } from '../model/managed-server';
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
 * Gives each target of a server on Lambda the tools its code declares now (the gateway target's
 * inline tool schema; read as the local gateway reads them, cached by the code's hash). Fails with
 * every problem at once: code whose tools cannot be read, or that declares none.
 */
export async function withServerTools(desired: Desired, projectDir: string): Promise<Desired> {
  if (!desiredServersOf(desired).some((s) => s.host === 'Lambda')) return desired;
  // Loaded only here: reading TypeScript tools brings the compiler.
  const { managedServerTools } = await import('../tool-schema');
  const problems: string[] = [];
  const gateways = await Promise.all(
    desired.gateways.map(async (g) => ({
      ...g,
      targets: await Promise.all(
        g.targets.map(async (t) => {
          if (t.server?.host !== 'Lambda' || t.config.type !== 'mcp-server' || !t.config.managed) return t;
          const label = `gateway "${g.key}" target "${t.key}"`;
          try {
            const tools = await managedServerTools(projectDir, t.config.managed);
            if (!tools || tools.length === 0) {
              problems.push(`${label}: ${t.server.codeLocation}/ declares no tool; add at least one tool function, then deploy`);
              return t;
            }
            return { ...t, payload: tools };
          } catch (e) {
            problems.push(`${label}: ${(e as Error).message}`);
            return t;
          }
        }),
      ),
    })),
  );
  if (problems.length > 0) throw new DeployError(`cannot deploy:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return { ...desired, gateways };
}

/** Every server the desired side holds (none on destroy). */
export function desiredServersOf(desired: Desired): DesiredServer[] {
  return desired.gateways.flatMap((g) => g.targets.flatMap((t) => (t.server ? [t.server] : [])));
}

/**
 * Names of the runtimes that are managed servers (the model's, and those the state records): they
 * share the `<project>_` prefix with agents' runtimes, and are planned with their targets, not as agents.
 */
export function serverRuntimeNames(config: ProjectConfig, state: DeployedState | undefined): Set<string> {
  return new Set([
    ...config.agentCoreGateways.flatMap((g) =>
      g.targets.flatMap((t) => (t.type === 'mcp-server' && t.managed?.host === 'AgentCoreRuntime' ? [t.managed.deployedName] : [])),
    ),
    ...Object.values(state?.servers ?? {}).flatMap((s) => (s.host === 'AgentCoreRuntime' ? [s.name] : [])),
  ]);
}
