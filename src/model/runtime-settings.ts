import { z } from 'zod';

/*
 * How an agent runs on AgentCore Runtime: its Python and its network. Each agent may say, the
 * project may give defaults for all (`agentDefaults`), and what neither says is today's behaviour:
 * Python 3.12 on the public network.
 */

/** The Python versions of AgentCore Runtime's direct code deployment, as the model writes them. */
export const PYTHON_VERSIONS = ['3.10', '3.11', '3.12', '3.13', '3.14'] as const;
export type PythonVersion = (typeof PYTHON_VERSIONS)[number];

/** The service's names for them (`codeConfiguration.runtime`). */
export const PYTHON_RUNTIMES = ['PYTHON_3_10', 'PYTHON_3_11', 'PYTHON_3_12', 'PYTHON_3_13', 'PYTHON_3_14'] as const;
export type PythonRuntime = (typeof PYTHON_RUNTIMES)[number];

/** The newest version every framework's wheels cover. */
export const DEFAULT_PYTHON_VERSION: PythonVersion = '3.12';

/** `3.12` → `PYTHON_3_12`. */
export function pythonRuntimeOf(version: PythonVersion): PythonRuntime {
  return `PYTHON_${version.replace('.', '_')}` as PythonRuntime;
}

export const NETWORK_MODES = ['PUBLIC', 'VPC'] as const;

const SUBNET_ID = /^subnet-[0-9a-zA-Z]{8,17}$/;
const SECURITY_GROUP_ID = /^sg-[0-9a-zA-Z]{8,17}$/;

const ids = (what: string, pattern: RegExp, example: string) =>
  z
    .array(
      // The issue shows the value; the message says what is expected.
      z.string().regex(pattern, { error: `is not a ${what} id; write it like "${example}"` }),
    )
    .min(1, { error: `give at least one ${what} id, e.g. "${example}"` })
    .max(16, { error: `at most 16 ${what} ids` });

/** Where a `VPC` agent runs: the service's `networkModeConfig`. */
export const vpcInput = z.strictObject({
  /** Subnet ids (1 to 16), in the AZs AgentCore Runtime supports in the region. */
  subnets: ids('subnet', SUBNET_ID, 'subnet-0123456789abcdef0'),
  /** Security group ids (1 to 16). */
  securityGroups: ids('security group', SECURITY_GROUP_ID, 'sg-0123456789abcdef0'),
});

/** The options an agent and the project's `agentDefaults` share. */
export const runtimeSettings = {
  /** Python of the agent on AgentCore Runtime; its package's wheels are installed for it. @default '3.12' */
  pythonVersion: z.enum(PYTHON_VERSIONS),
  /** `PUBLIC`, or `VPC` (then `vpc` names the subnets and security groups). @default 'PUBLIC' */
  networkMode: z.enum(NETWORK_MODES),
  /** With `networkMode: 'VPC'`: the subnets and security groups the runtime is placed in. */
  vpc: vpcInput,
};

/** The project's defaults for every agent; an agent's own option wins. */
export const agentDefaultsInput = z.strictObject({
  /** Python of every agent that names none. @default '3.12' */
  pythonVersion: runtimeSettings.pythonVersion.optional(),
  /** Network mode of every agent that names none. @default 'PUBLIC' */
  networkMode: runtimeSettings.networkMode.optional(),
  /** Subnets and security groups of every `VPC` agent that names none. */
  vpc: runtimeSettings.vpc.optional(),
});

export type AgentDefaults = z.input<typeof agentDefaultsInput>;
export type VpcOptions = z.input<typeof vpcInput>;
