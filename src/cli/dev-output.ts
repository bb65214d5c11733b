import type { RunAgentEvent } from '../dev/run-agent';
import { invokeAgent } from '../dev/invoke-agent';
import { reportSuccess } from './output';

/**
 * How `dev` shows what the agent runner reports: lines for a person on stdout, or (with --json)
 * one JSON object on stdout and every other line on stderr.
 */
export function printRunAgentEvent(json: boolean): (event: RunAgentEvent) => void {
  const say = (line: string) => (json ? process.stderr : process.stdout).write(`${line}\n`);
  return (event) => {
    if (event.type === 'progress') {
      say(event.message);
      return;
    }
    const a = event.agent;
    if (json) {
      reportSuccess(true, '', {
        agent: a.name,
        port: a.port,
        url: a.url,
        gateways: a.gateways,
        localGateways: a.localGateways,
        missingGateways: a.missingGateways,
      });
    } else {
      say(`Running agent ${a.name} (${a.framework}, ${a.modelProvider}) on http://localhost:${a.port} with ${a.via}.`);
      for (const [name, url] of Object.entries(a.gateways)) say(`  gateway ${name}: ${url}`);
      for (const [name, url] of Object.entries(a.localGateways)) say(`  gateway ${name}: ${url} (not deployed: served by a local gateway)`);
    }
    const missing = a.missingGateways;
    if (missing.length > 0) {
      const several = missing.length > 1;
      const list = missing.map((g) => `"${g}"`).join(', ');
      say(
        `Gateway${several ? 's' : ''} ${list} ${several ? 'are' : 'is'} not deployed, so the agent runs without ${several ? 'them' : 'it'}: run \`npx projen deploy\` first to get ${several ? 'their URLs' : 'its URL'}, or leave out --no-local-gateway to serve ${several ? 'them' : 'it'} locally.`,
      );
    }
    if (!json) say(`Send a prompt with: agentcore-projen dev "Hello"${a.port === 8080 ? '' : ` --port ${a.port}`}   (Ctrl+C stops the agent)`);
  };
}

/**
 * `dev "prompt"`: streams the running agent's answer to stdout (or prints it whole with --json).
 * An error the agent reports fails the command (exit code 1), after what it had answered so far.
 */
export async function sendPrompt(port: number, prompt: string, json: boolean): Promise<void> {
  let answer = '';
  const endLine = () => {
    if (!json && answer !== '' && !answer.endsWith('\n')) process.stdout.write('\n');
  };
  try {
    await invokeAgent(port, prompt, (text) => {
      answer += text;
      if (!json) process.stdout.write(text);
    });
  } catch (e) {
    endLine();
    throw e;
  }
  if (json) reportSuccess(true, '', { port, response: answer });
  else if (!answer.endsWith('\n')) process.stdout.write('\n');
}
