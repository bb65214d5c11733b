import type { Command } from 'commander';
import { jsonParseErrors } from '../flags';

interface InvokeFlags {
  agent?: string;
  session?: string;
  newSession?: boolean;
  json?: boolean;
}

/** `invoke "prompt"`: talks to an agent deployed on AgentCore Runtime, continuing its last session. */
export function registerInvoke(program: Command): void {
  jsonParseErrors(program.command('invoke'))
    .description('Send a prompt to an agent deployed on AgentCore Runtime and stream its answer')
    .argument('<prompt>', 'the prompt')
    .option('--agent <name>', 'the deployed agent (needed when several are deployed)')
    .option('--session <id>', 'the runtime session to use (33 to 256 characters); default: the last one of this agent')
    .option('--new-session', 'start a new session instead of continuing the last one')
    .option('--json', 'print the answer and the session id as one JSON object')
    .addHelpText(
      'after',
      '\nThe session id is kept in agentcore/.deploy/sessions.json (git-ignored), so the next invoke of the\n' +
        'agent continues the conversation. An error the agent reports is printed on stderr and the command exits 1.',
    )
    .action(async (prompt: string, flags: InvokeFlags) => {
      const { CliError, reportSuccess } = await import('../output');
      const { findProjectRoot } = await import('../../project-files/project-root');
      const { readDeployedState } = await import('../../deploy/state');
      const { sessionFor, newSessionId, saveSession } = await import('../runtime-sessions');
      const { checkSessionId, invokeRuntime } = await import('../invoke-runtime');
      const root = findProjectRoot();
      const state = readDeployedState(root);
      const deployed = Object.keys(state?.runtimes ?? {});
      if (!state || deployed.length === 0)
        throw new CliError('No agent is deployed to AgentCore Runtime (agentcore/deployed-state.json lists none); run `npx projen deploy` first.');
      const agent = flags.agent ?? (deployed.length === 1 ? deployed[0] : undefined);
      if (agent === undefined) throw new CliError(`Several agents are deployed (${deployed.join(', ')}); choose one with --agent <name>.`);
      if (!deployed.includes(agent)) throw new CliError(`--agent ${JSON.stringify(agent)} is not deployed; deployed agents: ${deployed.join(', ')}.`);
      const sessionId = flags.session ?? (flags.newSession ? newSessionId() : sessionFor(root, agent));
      const json = !!flags.json;
      let answer = '';
      const endLine = () => {
        if (!json && answer !== '' && !answer.endsWith('\n')) process.stdout.write('\n');
      };
      checkSessionId(sessionId);
      // Kept before the call: a follow-up continues the session even when this answer failed.
      saveSession(root, agent, sessionId);
      let used: string;
      try {
        used = await invokeRuntime({
          state,
          agent,
          sessionId,
          prompt,
          onText: (text) => {
            answer += text;
            if (!json) process.stdout.write(text);
          },
        });
      } catch (e) {
        endLine();
        throw e;
      }
      if (used !== sessionId) saveSession(root, agent, used);
      endLine();
      if (json) reportSuccess(true, '', { agent, sessionId: used, response: answer });
      else process.stderr.write(`(session ${used}; the next invoke continues it, --new-session starts another)\n`);
    });
}
