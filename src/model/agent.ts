import { z } from 'zod';
import { FRAMEWORKS, MODEL_PROVIDERS } from './frameworks';
import { AGENT_NAME } from './names';
import { runtimeSettings } from './runtime-settings';

/** PEP 508 requirement, loosely: a distribution name optionally followed by extras, versions or markers. */
const REQUIREMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9._,\s-]+\])?\s*([<>=!~;@ ].*)?$/;

/** Options of a Python agent, named after the reference tool's `add agent` flags. */
export const agentInput = z.strictObject({
  /** Agent name (a letter, then up to 47 letters, digits or `_`); its code lives in `app/<name>/`. */
  name: z.string().regex(AGENT_NAME, {
    error: (iss) => `agent name ${JSON.stringify(iss.input)} is invalid; start with a letter and use up to 48 letters, digits or "_", e.g. "MyAgent"`,
  }),
  /** Agent framework; decides the generated code. */
  framework: z.enum(FRAMEWORKS),
  /** Model provider; must be one the framework supports. */
  modelProvider: z.enum(MODEL_PROVIDERS),
  /** What the agent does; used in its README and docstrings. */
  description: z.string().min(1).max(500).optional(),
  /** Model id for the provider. @default - a current model of the provider */
  modelId: z.string().min(1).optional(),
  /** Extra Python requirements, e.g. 'requests>=2'. */
  dependencies: z
    .array(
      z.string().regex(REQUIREMENT, {
        error: (iss) => `${JSON.stringify(iss.input)} is not a Python requirement; write it like "requests>=2"`,
      }),
    )
    .optional(),
  /** Deploy the agent to AgentCore Runtime with `npx projen deploy`; `false` keeps it local (`npx projen dev` only). @default true */
  deploy: z.boolean().optional(),
  /**
   * IAM role the runtime assumes. @default - deploy creates a least-privilege role for the agent
   */
  executionRoleArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, {
      error: (iss) => `${JSON.stringify(iss.input)} is not an IAM role ARN; write it like "arn:aws:iam::123456789012:role/MyAgentRole"`,
    })
    .optional(),
  /** Python of the agent on AgentCore Runtime (`PYTHON_3_x`); its package's wheels are installed for it. @default - the project's `agentDefaults`, else '3.12' */
  pythonVersion: runtimeSettings.pythonVersion.optional(),
  /** `PUBLIC`, or `VPC` (with `vpc`). @default - the project's `agentDefaults`, else 'PUBLIC' */
  networkMode: runtimeSettings.networkMode.optional(),
  /** With `networkMode: 'VPC'`: the subnets and security groups the runtime is placed in. @default - the project's `agentDefaults` */
  vpc: runtimeSettings.vpc.optional(),
});

export type AgentOptions = z.input<typeof agentInput>;
