import type { SigV4SigningConfig } from '../model/config';

/*
 * What the role deploy creates for a gateway must allow so the gateway can call a target it signs
 * for (outboundAuth "iam"): exactly the API stage, runtime or gateway the target's URL names. A
 * signing service alone says nothing about which resource is called, so a URL deploy cannot read
 * gets no permission at all; the user gives the gateway a role of their own instead.
 */

/** One resource a signed target calls, in the parts its ARN is made of. */
export type SignedCallGrant =
  /** `execute-api:Invoke` on an API Gateway stage. */
  | { kind: 'api-stage'; region: string; restApiId: string; stage: string }
  /** `bedrock-agentcore:InvokeAgentRuntime` on a runtime and the endpoint the URL names. */
  | { kind: 'agent-runtime'; region: string; account?: string; runtimeId: string; qualifier: string }
  /** `bedrock-agentcore:InvokeGateway` on another gateway. */
  | { kind: 'gateway'; region: string; gatewayId: string };

const API_GATEWAY_URL = /^https:\/\/([a-z0-9]+)\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/([^/?#]+)/;
const RUNTIME_URL = /^https:\/\/bedrock-agentcore\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/runtimes\/([^/?#]+)\/invocations/;
const GATEWAY_URL = /^https:\/\/([a-zA-Z0-9-]+)\.gateway\.bedrock-agentcore\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\//;
const RUNTIME_ARN = /^arn:[a-z-]+:bedrock-agentcore:([a-z0-9-]+):(\d{12}):runtime\/([a-zA-Z0-9_-]+)$/;

/** What a signed call to `url` needs, or why deploy cannot tell (a sentence that ends with the fix). */
export function grantForSignedCall(signing: SigV4SigningConfig, url: string): SignedCallGrant | { problem: string } {
  const api = url.match(API_GATEWAY_URL);
  if (api) {
    if (signing.service !== 'execute-api') return mismatch(signing, url, 'an API Gateway URL', 'execute-api');
    return { kind: 'api-stage', region: api[2]!, restApiId: api[1]!, stage: decodeURIComponent(api[3]!) };
  }
  const runtime = url.match(RUNTIME_URL);
  if (runtime) {
    if (signing.service !== 'bedrock-agentcore') return mismatch(signing, url, 'an AgentCore Runtime URL', 'bedrock-agentcore');
    const qualifier = new URL(url).searchParams.get('qualifier') ?? 'DEFAULT';
    const id = decodeURIComponent(runtime[2]!);
    const arn = id.match(RUNTIME_ARN);
    if (arn) return { kind: 'agent-runtime', region: arn[1]!, account: arn[2]!, runtimeId: arn[3]!, qualifier };
    return { kind: 'agent-runtime', region: runtime[1]!, runtimeId: id, qualifier };
  }
  const gateway = url.match(GATEWAY_URL);
  if (gateway) {
    if (signing.service !== 'bedrock-agentcore') return mismatch(signing, url, 'an AgentCore gateway URL', 'bedrock-agentcore');
    return { kind: 'gateway', region: gateway[2]!, gatewayId: gateway[1]! };
  }
  return {
    problem:
      `deploy cannot tell which resource ${JSON.stringify(url)} is, so it cannot allow the gateway's role to call it with "${signing.service}"` +
      ' (it can for API Gateway stages, AgentCore Runtime and gateway URLs); give the gateway a roleArn of a role that may call it',
  };
}

function mismatch(signing: SigV4SigningConfig, url: string, what: string, service: string): { problem: string } {
  return {
    problem: `${JSON.stringify(url)} is ${what}, which takes requests signed for "${service}", not "${signing.service}"; set signingService to "${service}"`,
  };
}

/** The first server URL of an OpenAPI document (JSON text), where its operations are called. */
export function openApiServerUrl(document: string): string | undefined {
  try {
    const url = (JSON.parse(document) as { servers?: { url?: unknown }[] }).servers?.[0]?.url;
    return typeof url === 'string' ? url : undefined;
  } catch {
    return undefined;
  }
}
