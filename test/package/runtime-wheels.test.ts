import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageAgent, PackageError } from '../../src/package';
import { tempDir } from '../helpers/tmp';
import { startFakeOpenAi } from './helpers/fake-openai';
import { projectWithAgent } from './helpers/project';
import { elfMachine, runsOnArm64Python312 } from './helpers/arm64-wheels';
import { pinnedUv } from './helpers/uv';
import { listZip } from './helpers/zip-listing';

// Installs real wheels from PyPI with the Python tier's pinned uv (network to PyPI, as CI has).
// uv's download cache makes reruns quick; a cold machine needs about a minute.
let uv: string;
beforeAll(() => {
  uv = pinnedUv();
}, 300_000);

/** A uv that records each call's arguments in `log`, then runs the real one. */
function recordingUv(log: string): string {
  const wrapper = path.join(tempDir('uv-wrapper-'), 'uv');
  fs.writeFileSync(wrapper, `#!/bin/sh\necho "$*" >> "${log}"\nexec "${uv}" "$@"\n`, { mode: 0o755 });
  return wrapper;
}

describe('packageAgent: dependencies for AgentCore Runtime', () => {
  it('packages a Strands agent with ARM64 or pure-Python wheels for the chosen Python, then reuses the install', async () => {
    const dir = projectWithAgent({ name: 'MyAgent', framework: 'Strands', modelProvider: 'Bedrock' });
    const log = path.join(dir, 'uv-calls.log');
    const options = { projectDir: dir, agent: 'MyAgent', runtime: 'PYTHON_3_12' as const, uv: recordingUv(log) };

    const cold = await packageAgent(options);
    expect(cold.dependencies).toBe('installed');
    expect(cold.pythonPlatform).toBe('aarch64-manylinux2014');
    const files = unzipSync(fs.readFileSync(cold.zipFile));
    const names = Object.keys(files);

    const wheelFiles = names.filter((n) => /^[^/]+\.dist-info\/WHEEL$/.test(n));
    expect(wheelFiles.map((n) => n.split('-')[0])).toEqual(expect.arrayContaining(['strands_agents', 'bedrock_agentcore', 'pydantic_core']));
    // A wheel installs when one of its tags matches (a py2.py3 wheel carries both py2 and py3 tags).
    const tagsOf = (n: string) => [...new TextDecoder().decode(files[n]).matchAll(/^Tag: (\S+)$/gm)].map((m) => m[1]!);
    const unusable = wheelFiles.filter((n) => !tagsOf(n).some(runsOnArm64Python312)).map((n) => `${n}: ${tagsOf(n).join(' ')}`);
    expect(unusable).toEqual([]);

    const native = names.filter((n) => /\.so(\.\d+)*$/.test(n));
    expect(native.length).toBeGreaterThan(0); // pydantic_core at least: the check below is not vacuous
    expect(native.filter((n) => elfMachine(files[n]!) !== 183)).toEqual([]);
    expect(native.filter((n) => /\.cpython-\d+/.test(n) && !n.includes('.cpython-312-aarch64-linux-gnu.'))).toEqual([]);
    // The agent code sits next to its dependencies; console scripts naming this machine's Python do not.
    expect(names).toEqual(expect.arrayContaining(['main.py', 'mcp_client/client.py', 'model/load.py']));
    expect(names.filter((n) => n.startsWith('bin/') || n === '.lock')).toEqual([]);
    expect(listZip(cold.zipFile).corrupt).toBeNull();

    // A second run zips from the cache: uv is asked its version (part of the cache key), nothing else.
    fs.writeFileSync(log, '');
    const warm = await packageAgent(options);
    expect(warm.dependencies).toBe('cached');
    expect(fs.readFileSync(log, 'utf8').trim().split('\n')).toEqual(['--version']);
    expect(warm.sha256).toBe(cold.sha256);

    // A damaged cache entry is installed again, to the same bytes.
    const payload = path.join(dir, 'agentcore/.deploy/cache/dependencies', warm.dependencyKey, 'payload.bin');
    fs.truncateSync(payload, fs.statSync(payload).size - 1);
    const repaired = await packageAgent(options);
    expect(repaired.dependencies).toBe('installed');
    expect(repaired.sha256).toBe(cold.sha256);

    // A file of the agent at the path of an installed one would shadow it: refused by name.
    fs.writeFileSync(path.join(dir, 'app/MyAgent/six.py'), '# mine\n');
    await expect(packageAgent(options)).rejects.toThrow('app/MyAgent/six.py has the same path as a file a dependency installs; rename it');
    fs.rmSync(path.join(dir, 'app/MyAgent/six.py'));

    // Another Python is another install, with its own wheels.
    const py313 = await packageAgent({ ...options, runtime: 'PYTHON_3_13', outFile: path.join(dir, 'py313.zip') });
    expect(py313.dependencies).toBe('installed');
    expect(Object.keys(unzipSync(fs.readFileSync(py313.zipFile))).some((n) => n.includes('.cpython-313-aarch64-linux-gnu.'))).toBe(true);
  });

  it('refuses a dependency that has no wheel for the platform, by name', async () => {
    // docopt publishes a source distribution only.
    const dir = projectWithAgent({ name: 'MyAgent', framework: 'Strands', modelProvider: 'Bedrock', dependencies: ['docopt==0.6.2'] });
    const error = await packageAgent({ projectDir: dir, agent: 'MyAgent', uv }).catch((e) => e);
    expect(error).toBeInstanceOf(PackageError);
    expect(error.message).toMatch(
      /^no wheel for aarch64-manylinux2014, Python 3\.12: "docopt" \(required through app\/MyAgent\/pyproject\.toml\); .*manylinux aarch64 or pure-Python wheel$/,
    );
    expect(fs.existsSync(path.join(dir, 'agentcore/.deploy/package/MyAgent.zip'))).toBe(false);
  });
});

describe('packageAgent for this machine (test-only platform)', () => {
  let agentProcess: ChildProcess | undefined;
  afterAll(() => {
    // The agent runs in its own process group: end it and anything it started.
    if (agentProcess?.pid && agentProcess.exitCode === null) process.kill(-agentProcess.pid, 'SIGKILL');
  });

  it('gives a folder from which main.py answers GET /ping and POST /invocations with LOCAL_DEV=1', async () => {
    const dir = projectWithAgent({ name: 'MyAgent', framework: 'Strands', modelProvider: 'OpenAI', modelId: 'fake-model' });
    const pkg = await packageAgent({ projectDir: dir, agent: 'MyAgent', runtime: 'PYTHON_3_11', platform: 'host', uv });
    expect(pkg.pythonPlatform).toBe('host');
    const unpacked = tempDir('agent-unpacked-');
    listZip(pkg.zipFile, unpacked);

    const model = await startFakeOpenAi('Hello from the packaged agent');
    try {
      const port = await freePort();
      let output = '';
      // Only the unpacked folder provides packages: no virtualenv, no user site.
      agentProcess = spawn('python3.11', ['-s', 'main.py'], {
        cwd: unpacked,
        detached: true,
        env: {
          PATH: process.env.PATH,
          HOME: unpacked,
          LOCAL_DEV: '1',
          PORT: String(port),
          OPENAI_API_KEY: 'test-key',
          OPENAI_BASE_URL: model.baseUrl,
        },
      });
      agentProcess.stdout!.on('data', (d) => (output += d));
      agentProcess.stderr!.on('data', (d) => (output += d));
      const base = `http://127.0.0.1:${port}`;
      await waitUntilServing(`${base}/ping`, agentProcess, () => output);

      const ping = await fetch(`${base}/ping`);
      expect(ping.status).toBe(200);
      expect(await ping.json()).toMatchObject({ status: 'Healthy' });
      const answer = await fetch(`${base}/invocations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'Say hello' }),
      });
      expect(answer.status).toBe(200);
      expect(await answer.text()).toContain('Hello from the packaged agent');
      expect(model.models).toEqual(['fake-model']);
    } finally {
      if (agentProcess?.pid && agentProcess.exitCode === null) process.kill(-agentProcess.pid, 'SIGKILL');
      await model.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls until the agent answers (or exits, which fails with its output). */
async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the agent exited with ${child.exitCode}:\n${output()}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
