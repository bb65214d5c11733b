import type { Command } from 'commander';
import { jsonParseErrors } from '../flags';

/** `status`: every deployed agent and gateway, with its live status, version, endpoint and URL. */
export function registerStatus(program: Command): void {
  jsonParseErrors(program.command('status'))
    .description('Show every deployed agent and gateway with its status (asked of the service now), version, endpoint and URL')
    .option('--json', 'print the agents and gateways as JSON')
    .action(async (flags: { json?: boolean }) => {
      const { reportSuccess } = await import('../output');
      const { findProjectRoot } = await import('../../project-files/project-root');
      const { readDeployedState } = await import('../../deploy/state');
      const { liveStatus } = await import('../live-status');
      const root = findProjectRoot();
      const state = readDeployedState(root);
      if (!state || (Object.keys(state.runtimes).length === 0 && Object.keys(state.gateways).length === 0)) {
        reportSuccess(!!flags.json, 'Nothing is deployed yet (agentcore/deployed-state.json lists no agent or gateway); run `npx projen deploy`.', {
          agents: [],
          gateways: [],
        });
        return;
      }
      const rows = await liveStatus(state);
      const strip = ({ kind: _kind, ...row }: (typeof rows)[number]) => row;
      if (flags.json) {
        reportSuccess(true, '', {
          project: state.project,
          region: state.region,
          agents: rows.filter((r) => r.kind === 'agent').map(strip),
          gateways: rows.filter((r) => r.kind === 'gateway').map(strip),
        });
        return;
      }
      const lines = [`${state.project} in ${state.region}:`];
      for (const r of rows) {
        const version = r.version ? `  version ${r.version}` : '';
        const endpoint = r.endpoint ? `  endpoint ${r.endpoint}` : '';
        lines.push(`  ${r.kind} ${r.name} (${r.resourceName}): ${r.status}${version}${endpoint}`);
        if (r.url) lines.push(`    ${r.url}`);
        if (r.error) lines.push(`    ${r.error}`);
      }
      reportSuccess(false, lines.join('\n'));
    });
}
