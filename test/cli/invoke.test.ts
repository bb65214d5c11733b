import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDataPlane, startFakeDataPlane } from '../fixtures/fake-data-plane/data-plane';
import { tempDir } from '../helpers/tmp';
import { TSX } from './helpers/project';

// `invoke` runs the real data-plane SDK client against the fake AgentCore Runtime on 127.0.0.1.
const ENTRY = path.join(__dirname, 'helpers', 'cli-entry.ts');
const ARN = 'arn:aws:bedrock-agentcore:eu-west-1:123456789012:runtime/InvokeProject_MyAgent-abc1234567';

let plane: FakeDataPlane;
let project: string;
/** Resolves the streaming test's gate once the CLI printed the first piece. */
let firstPieceSeen: (() => void) | undefined;
let firstPiece: Promise<void> = Promise.resolve();

function state(runtimes: Record<string, unknown>) {
  return {
    version: 1,
    project: 'InvokeProject',
    region: 'eu-west-1',
    updatedAt: '2026-01-01T00:00:00.000Z',
    gateways: {},
    credentials: {},
    roles: {},
    pending: {},
    runtimes,
  };
}

const RUNTIME = {
  name: 'InvokeProject_MyAgent',
  agentRuntimeId: 'InvokeProject_MyAgent-abc1234567',
  agentRuntimeArn: ARN,
  agentRuntimeVersion: '1',
  roleArn: 'arn:aws:iam::123456789012:role/r',
};

function makeProject(runtimes: Record<string, unknown>): string {
  const dir = tempDir('agentcore-projen-invoke-');
  fs.mkdirSync(path.join(dir, 'agentcore'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.projenrc.ts'), '');
  fs.writeFileSync(path.join(dir, 'agentcore', 'deployed-state.json'), JSON.stringify(state(runtimes)));
  return dir;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI without blocking this process, which serves the fake; `onStdout` sees output as it comes. */
function invoke(cwd: string, args: string[], onStdout: (all: string) => void = () => {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', TSX, ENTRY, 'invoke', ...args], {
      cwd,
      env: {
        ...process.env,
        NO_COLOR: '1',
        AWS_ENDPOINT_URL: plane.endpoint,
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_REGION: 'us-west-2',
        AWS_MAX_ATTEMPTS: '1',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      onStdout(stdout);
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const sessions = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'agentcore', '.deploy', 'sessions.json'), 'utf8'));

beforeAll(async () => {
  plane = await startFakeDataPlane();
  plane.addRuntime({
    ...RUNTIME,
    status: 'READY',
    agent: (prompt, history) => {
      if (prompt === 'fail') return { format: 'sse', pieces: ['Looking it up', { error: 'the model is not available', error_type: 'RuntimeError' }] };
      if (prompt === 'json') return { format: 'json', pieces: ['a whole answer'] };
      if (prompt === 'stream') return { format: 'sse', pieces: ['first piece', ' then the rest'], before: () => firstPiece };
      return { format: 'sse', pieces: ['You said: ', prompt, ` (turn ${history.length + 1})`] };
    },
  });
  project = makeProject({ MyAgent: RUNTIME });
});

afterAll(() => plane.close());

describe('invoke', () => {
  it('streams the answer: the first piece is printed before the agent sends the next', async () => {
    firstPiece = new Promise((resolve) => (firstPieceSeen = resolve));
    const r = await invoke(makeProject({ MyAgent: RUNTIME }), ['stream'], (out) => {
      if (out.includes('first piece')) firstPieceSeen?.();
    });
    expect(r.stderr).not.toContain('Error');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('first piece then the rest\n');
  });

  it('keeps the session: a follow-up reaches the same runtimeSessionId (at least 33 characters)', async () => {
    const first = await invoke(project, ['Hello']);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe('You said: Hello (turn 1)\n');
    const second = await invoke(project, ['And then?']);
    expect(second.stdout).toBe('You said: And then? (turn 2)\n');
    const [a, b] = plane.invocations.filter((i) => i.prompt === 'Hello' || i.prompt === 'And then?');
    expect(a.sessionId.length).toBeGreaterThanOrEqual(33);
    expect(b.sessionId).toBe(a.sessionId);
    expect(a.agentRuntimeArn).toBe(ARN);
    expect(sessions(project)).toEqual({ MyAgent: a.sessionId });
    const fresh = await invoke(project, ['New', '--new-session', '--json']);
    const out = JSON.parse(fresh.stdout);
    expect(out).toMatchObject({ success: true, agent: 'MyAgent', response: 'You said: New (turn 1)' });
    expect(out.sessionId).not.toBe(a.sessionId);
  });

  it('--session continues the given session, and refuses one the service would reject', async () => {
    const id = 'my-own-session-0123456789-0123456789';
    await invoke(project, ['One', '--session', id]);
    const r = await invoke(project, ['Two', '--session', id]);
    expect(r.stdout).toBe('You said: Two (turn 2)\n');
    const bad = await invoke(project, ['Three', '--session', 'short']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--session "short" is not a runtime session id');
    expect(sessions(project).MyAgent).toBe(id);
  });

  it('prints a JSON answer the agent did not stream', async () => {
    const r = await invoke(project, ['json']);
    expect(r.stdout).toBe('a whole answer\n');
  });

  it('exits 1 with the error on stderr when the agent reports one, after what it answered', async () => {
    const r = await invoke(project, ['fail']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('Looking it up\n');
    expect(r.stderr).toContain('The agent failed: RuntimeError: the model is not available');
  });

  it('exits 1 naming the service error when the call fails', async () => {
    plane.failInvocations({ status: 424, type: 'RuntimeClientError', message: 'the runtime container answered 500', times: 1 });
    const r = await invoke(project, ['Hello']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('InvokeAgentRuntime of agent "MyAgent" failed: RuntimeClientError: the runtime container answered 500');
  });

  it('needs --agent when several agents are deployed, and says which are', async () => {
    const dir = makeProject({ MyAgent: RUNTIME, Other: { ...RUNTIME, agentRuntimeArn: `${ARN}x` } });
    const r = await invoke(dir, ['Hello']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Several agents are deployed (MyAgent, Other); choose one with --agent <name>');
    const none = await invoke(makeProject({}), ['Hello']);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('run `npx projen deploy` first');
  });
});
