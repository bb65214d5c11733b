import type { ProjectConfig, RuntimeConfig } from '../model/config';
import type { PythonRuntime } from '../model/runtime-settings';
import { PROJECT_TAG, rolePath } from './names';

/*
 * The agents deploy puts on AgentCore Runtime: every agent of the config with a runtime name
 * (`deploy: false` leaves it out), with the role it runs as and how it is reached.
 */

export interface DesiredRuntime {
  /** The agent's name in the model. */
  key: string;
  /** Name in the account (`<project>_<agent>`). */
  name: string;
  config: RuntimeConfig;
  /** A role deploy manages, or the one the model gives. */
  role: { managed: { name: string; path: string } } | { arn: string };
  pythonRuntime: PythonRuntime;
  /** `networkConfiguration` of the runtime. */
  network: RuntimeConfig['network'];
  serverProtocol: 'HTTP';
  tags: Record<string, string>;
}

export function desiredRuntimes(config: ProjectConfig): DesiredRuntime[] {
  return config.runtimes.flatMap((r): DesiredRuntime[] => {
    if (r.deployedName === undefined) return [];
    const role: DesiredRuntime['role'] = r.executionRoleArn
      ? { arn: r.executionRoleArn }
      : { managed: { name: r.managedRoleName ?? '', path: rolePath(config.name) } };
    return [
      {
        key: r.name,
        name: r.deployedName,
        config: r,
        role,
        pythonRuntime: r.pythonRuntime,
        network: r.network,
        serverProtocol: 'HTTP',
        tags: { [PROJECT_TAG]: config.name },
      },
    ];
  });
}
