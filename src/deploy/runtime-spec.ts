import type { GetAgentRuntimeCommandOutput } from '@aws-sdk/client-bedrock-agentcore-control';
import type { ProjectConfig } from '../model/config';
import { sameValue } from './compare';
import type { DesiredRuntime } from './desired-runtimes';

/*
 * The members of Create/UpdateAgentRuntime deploy manages, and what differs between them and a
 * runtime the service has, in words for the plan. The plan and the apply build the request with
 * the same function, so what the plan compares is what apply sends.
 */

export interface RuntimeSpec {
  agentRuntimeArtifact: { codeConfiguration: { code: { s3: { bucket: string; prefix: string } }; runtime: string; entryPoint: string[] } };
  roleArn: string;
  networkConfiguration: { networkMode: string; networkModeConfig?: { subnets: string[]; securityGroups: string[] } };
  protocolConfiguration: { serverProtocol: string };
  environmentVariables: Record<string, string>;
  description?: string;
}

/** Where the request's values come from: the uploaded package, the role and the gateways' variables. */
export interface RuntimeInputs {
  bucket: string;
  key: string;
  roleArn: string;
  env: Record<string, string>;
}

export function runtimeSpec(d: DesiredRuntime, at: RuntimeInputs): RuntimeSpec {
  return {
    agentRuntimeArtifact: {
      codeConfiguration: { code: { s3: { bucket: at.bucket, prefix: at.key } }, runtime: d.pythonRuntime, entryPoint: [d.config.entrypoint] },
    },
    roleArn: at.roleArn,
    networkConfiguration: d.network,
    protocolConfiguration: { serverProtocol: d.serverProtocol },
    environmentVariables: at.env,
    ...(d.config.description ? { description: d.config.description } : {}),
  };
}

/**
 * `AGENTCORE_GATEWAY_<NAME>_URL` / `_AUTH_TYPE` of every gateway of the model whose URL is known
 * (`urlOf` answers undefined for a gateway that is not deployed).
 */
export function runtimeEnv(config: ProjectConfig, urlOf: (gateway: string) => string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const g of config.agentCoreGateways) {
    const url = urlOf(g.name);
    if (!url) continue;
    env[g.env.url] = url;
    env[g.env.authType] = g.authorizerType;
  }
  return env;
}

/** What an update would change, for people; empty when the runtime is as the spec says. */
export function runtimeDifferences(spec: RuntimeSpec, a: GetAgentRuntimeCommandOutput): string[] {
  const reasons: string[] = [];
  const want = spec.agentRuntimeArtifact.codeConfiguration;
  const have = a.agentRuntimeArtifact?.codeConfiguration;
  const wantS3 = want.code.s3;
  const haveS3 = have?.code?.s3;
  if (haveS3?.bucket !== wantS3.bucket) reasons.push(`code bucket ${haveS3?.bucket ?? '(none)'} → ${wantS3.bucket}`);
  else if (haveS3?.prefix !== wantS3.prefix) reasons.push(codeChange(haveS3?.prefix, wantS3.prefix));
  if (have?.runtime !== want.runtime) reasons.push(`Python ${have?.runtime ?? '(none)'} → ${want.runtime}`);
  if (!sameValue(want.entryPoint, have?.entryPoint)) reasons.push(`entry point → ${want.entryPoint.join(' ')}`);
  if (a.roleArn !== spec.roleArn) reasons.push(`execution role ${a.roleArn ?? '(none)'} → ${spec.roleArn}`);
  const network = a.networkConfiguration;
  if (network?.networkMode !== spec.networkConfiguration.networkMode) {
    reasons.push(`network mode ${network?.networkMode ?? '(none)'} → ${spec.networkConfiguration.networkMode}`);
  } else if (!sameValue(spec.networkConfiguration.networkModeConfig, network?.networkModeConfig)) reasons.push('network: subnets or security groups');
  // A runtime created without a protocol serves HTTP.
  const protocol = a.protocolConfiguration?.serverProtocol ?? 'HTTP';
  if (protocol !== spec.protocolConfiguration.serverProtocol) reasons.push(`protocol ${protocol} → ${spec.protocolConfiguration.serverProtocol}`);
  reasons.push(...envChanges(spec.environmentVariables, a.environmentVariables ?? {}));
  if (!sameValue(spec.description, a.description)) reasons.push('description');
  return reasons;
}

/** `code changed (sha256 3f2a9c1b… → 8d04e7aa…)` when both keys carry a hash (they do when deploy wrote them). */
function codeChange(from: string | undefined, to: string): string {
  const hash = (key: string | undefined) => /([0-9a-f]{64})\.zip$/.exec(key ?? '')?.[1];
  const [a, b] = [hash(from), hash(to)];
  return a && b ? `code changed (sha256 ${a.slice(0, 8)}… → ${b.slice(0, 8)}…)` : `code changed (${from ?? '(none)'} → ${to})`;
}

function envChanges(want: Record<string, string>, have: Record<string, string>): string[] {
  const names = [...new Set([...Object.keys(want), ...Object.keys(have)])].sort();
  return names.flatMap((n) => {
    if (!(n in have)) return [`environment: ${n} added`];
    if (!(n in want)) return [`environment: ${n} removed`];
    return want[n] !== have[n] ? [`environment: ${n} changed`] : [];
  });
}
