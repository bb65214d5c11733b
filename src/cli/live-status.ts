import type { DeployedState } from '../deploy/state';

/** One deployed resource as `status` shows it: what the state recorded plus what the service says now. */
export interface StatusRow {
  kind: 'agent' | 'gateway';
  name: string;
  /** Name in the account. */
  resourceName: string;
  id: string;
  /** The service's status now (READY, CREATING, FAILED, ...), NOT_FOUND, or UNKNOWN when it could not be read. */
  status: string;
  version?: string;
  /** The runtime endpoint `invoke` calls (DEFAULT), for agents. */
  endpoint?: string;
  url?: string;
  /** Why the status could not be read, or why the resource failed. */
  error?: string;
}

/**
 * Every agent and gateway of the state, with its live status from the control plane
 * (GetAgentRuntime, GetGateway). A resource the service no longer has is NOT_FOUND; a call that
 * fails otherwise leaves that row UNKNOWN with the error, and the others are still read.
 */
export async function liveStatus(state: DeployedState): Promise<StatusRow[]> {
  const { BedrockAgentCoreControlClient, GetAgentRuntimeCommand, GetGatewayCommand } = await import('@aws-sdk/client-bedrock-agentcore-control');
  const client = new BedrockAgentCoreControlClient({ region: state.region });
  const read = async (row: StatusRow, get: () => Promise<Partial<StatusRow>>): Promise<StatusRow> => {
    try {
      return { ...row, ...(await get()) };
    } catch (e) {
      const name = e instanceof Error ? e.name : 'Error';
      if (name === 'ResourceNotFoundException')
        return { ...row, status: 'NOT_FOUND', error: 'not in the account any more; `npx projen deploy` creates it again' };
      return { ...row, status: 'UNKNOWN', error: `${name}: ${e instanceof Error ? e.message : String(e)}` };
    }
  };
  try {
    const agents = Object.entries(state.runtimes).map(([agent, r]) =>
      read(
        {
          kind: 'agent',
          name: agent,
          resourceName: r.name,
          id: r.agentRuntimeId,
          status: 'UNKNOWN',
          version: r.agentRuntimeVersion,
          endpoint: 'DEFAULT',
          url: invocationUrl(state.region, r.agentRuntimeArn),
        },
        async () => {
          const out = await client.send(new GetAgentRuntimeCommand({ agentRuntimeId: r.agentRuntimeId }));
          return {
            status: out.status ?? 'UNKNOWN',
            version: out.agentRuntimeVersion ?? r.agentRuntimeVersion,
            ...(out.failureReason ? { error: out.failureReason } : {}),
          };
        },
      ),
    );
    const gateways = Object.entries(state.gateways).map(([gateway, g]) =>
      read({ kind: 'gateway', name: gateway, resourceName: g.name, id: g.gatewayId, status: 'UNKNOWN', url: g.gatewayUrl }, async () => {
        const out = await client.send(new GetGatewayCommand({ gatewayIdentifier: g.gatewayId }));
        const reasons = out.statusReasons?.join('; ');
        return { status: out.status ?? 'UNKNOWN', url: out.gatewayUrl ?? g.gatewayUrl, ...(reasons ? { error: reasons } : {}) };
      }),
    );
    return await Promise.all([...agents, ...gateways]);
  } finally {
    client.destroy();
  }
}

/** The HTTPS URL of a runtime's DEFAULT endpoint, as InvokeAgentRuntime calls it. */
function invocationUrl(region: string, arn: string): string {
  return `https://bedrock-agentcore.${region}.amazonaws.com/runtimes/${encodeURIComponent(arn)}/invocations?qualifier=DEFAULT`;
}
