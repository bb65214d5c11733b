/*
 * Programmatic deploy API (`agentcore-projen/deploy`). Kept apart from the main entry so synth
 * never loads the AWS SDK; the SDK itself is only imported once a deploy connects.
 */
export { deploy, deployPolicyFor, destroy, diff, type DeployedGateway, type DeployOptions, type DeployResult, type PolicyOptions } from './deploy';
export type { PolicyDocument, PolicyStatement } from './deploy-policy';
export type { ClientConfigs } from './clients';
export { DeployAborted, DeployError } from './errors';
export type { DeployEvent, Outcome, StepInfo } from './events';
export type { Action, ResourceKind } from './plan';
export { type Change, formatPlan, type PlanView } from './plan-view';
export type { PollOptions } from './poll';
export { type DeployedState, readDeployedState, STATE_PATH } from './state';
export { formatEvent, formatSummary } from './summary';
