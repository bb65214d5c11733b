import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { deploy, type DeployOptions, destroy, type StepInfo } from '../../src/deploy';
import type { ProjectInput } from '../../src/model/input';
import { type FakeAws, startFakeAws } from '../fixtures/fake-control-plane';
import { awsEnv, emptyInput, inventory, makeProject, OPENAPI, startCli, type TestProject, TOOLS, withFake } from './helpers';

// A deploy killed at any point and run again must end with exactly the desired resources:
// nothing created twice, nothing left behind. The crash is simulated by aborting the apply
// right after step k (a write answered, or a resource settled), for every k.

class Crash extends Error {}

/** Two gateways, a credential, a role policy each, three kinds of target. */
function v1(): ProjectInput {
  return {
    ...emptyInput('Crashy'),
    credentials: [{ name: 'key', type: 'api-key', apiKey: { fromEnv: 'KEY' } }],
    gateways: [{ name: 'front' }, { name: 'back', authorizerType: 'AWS_IAM' }],
    targets: [
      { gateway: 'front', type: 'mcp-server', name: 'search', endpoint: 'https://search.example.com/mcp' },
      { gateway: 'front', type: 'open-api-schema', name: 'pets', schema: 'pets.json', outboundAuth: 'api-key', credentialName: 'key' },
      {
        gateway: 'back',
        type: 'lambda-function-arn',
        name: 'calc',
        lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:calc',
        toolSchemaFile: 'tools.json',
      },
    ],
  };
}

/** v1 changed: `back` removed, `search` moved, a target added. */
function v2(input: ProjectInput): ProjectInput {
  return {
    ...input,
    gateways: input.gateways.filter((g) => g.name !== 'back'),
    targets: [
      { gateway: 'front', type: 'mcp-server', name: 'search', endpoint: 'https://search2.example.com/mcp' },
      { gateway: 'front', type: 'open-api-schema', name: 'pets', schema: 'pets.json', outboundAuth: 'api-key', credentialName: 'key' },
      { gateway: 'front', type: 'mcp-server', name: 'docs', endpoint: 'https://docs.example.com/mcp' },
    ],
  };
}

const FILES = { 'pets.json': OPENAPI, 'tools.json': TOOLS };
const SECRET = { KEY: 'k-123456' };

function crashAt(k: number) {
  return (s: StepInfo) => {
    if (s.index === k) throw new Crash(`crash after step ${k} (${s.id}: ${s.what})`);
  };
}

async function countSteps(run: (hook: (s: StepInfo) => void) => Promise<unknown>): Promise<number> {
  let n = 0;
  await run(() => {
    n += 1;
  });
  return n;
}

/** Crashes `scenario` after each of its steps, re-runs it, and checks the outcome. */
async function everyCrashPoint(
  prepare: (fake: FakeAws) => Promise<TestProject>,
  scenario: (p: TestProject, fake: FakeAws, extra: DeployOptions) => Promise<unknown>,
  check: (p: TestProject, fake: FakeAws) => void,
) {
  const steps = await withFake({}, async (fake) => {
    const p = await prepare(fake);
    return countSteps((hook) => scenario(p, fake, { afterStep: hook }));
  });
  expect(steps).toBeGreaterThan(5);
  for (let k = 1; k <= steps; k++) {
    await withFake({}, async (fake) => {
      const p = await prepare(fake);
      await expect(scenario(p, fake, { afterStep: crashAt(k) }), `crash after step ${k}`).rejects.toBeInstanceOf(Crash);
      await scenario(p, fake, {});
      check(p, fake);
      // Converged: one more run has nothing to do.
      fake.resetCalls();
      await scenario(p, fake, {});
      expect(fake.writes(), `writes after converging from a crash at step ${k}`).toEqual([]);
    });
  }
}

describe('a deploy aborted after any step, then run again', () => {
  test('first deploy: ends with exactly the desired resources', async () => {
    await everyCrashPoint(
      async () => makeProject(v1(), FILES, SECRET),
      (p, fake, extra) => deploy(p.dir, p.options(fake, extra)),
      (_p, fake) =>
        expect(inventory(fake)).toEqual({
          gateways: { 'Crashy-front': ['pets', 'search'], 'Crashy-back': ['calc'] },
          oauth: [],
          apiKeys: ['Crashy-key'],
          roles: ['Crashy-back-gateway', 'Crashy-front-gateway'],
        }),
    );
  });

  test('changing deploy (delete, update, create): ends with exactly the new resources', async () => {
    await everyCrashPoint(
      async (fake) => {
        const p = makeProject(v1(), FILES, SECRET);
        await deploy(p.dir, p.options(fake));
        p.resynth(v2);
        return p;
      },
      (p, fake, extra) => deploy(p.dir, p.options(fake, { ...extra, env: { KEY: 'rotated-999' } })),
      (_p, fake) => {
        expect(inventory(fake)).toEqual({
          gateways: { 'Crashy-front': ['docs', 'pets', 'search'] },
          oauth: [],
          apiKeys: ['Crashy-key'],
          roles: ['Crashy-front-gateway'],
        });
        expect(fake.control.identities.apiKeys.get('Crashy-key')!.apiKey).toBe('rotated-999');
      },
    );
  });

  test('destroy: leaves nothing', async () => {
    await everyCrashPoint(
      async (fake) => {
        const p = makeProject(v1(), FILES, SECRET);
        await deploy(p.dir, p.options(fake));
        return p;
      },
      (p, fake, extra) => destroy(p.dir, p.options(fake, extra)),
      (p, fake) => {
        expect(inventory(fake)).toEqual({ gateways: {}, oauth: [], apiKeys: [], roles: [] });
        expect(fs.existsSync(path.join(p.dir, 'agentcore/deployed-state.json'))).toBe(false);
      },
    );
  });

  test('a create answered but not yet listed is not made twice: the pending clientToken is sent again', async () => {
    await withFake({ listLag: 1 }, async (fake) => {
      const p = makeProject(v1(), FILES, SECRET);
      const crash = (s: StepInfo) => {
        if (s.id === 'gateway:front' && s.what === 'CreateGateway answered') throw new Crash('crash');
      };
      await expect(deploy(p.dir, p.options(fake, { afterStep: crash }))).rejects.toBeInstanceOf(Crash);
      // The re-run does not see the gateway in ListGateways yet, so it creates it again.
      await deploy(p.dir, p.options(fake));
      // Front was created again with its recorded token: the service answered with the first one
      // (a new token would have been refused as a duplicate name).
      const creates = fake.calls.filter((c) => c.op === 'CreateGateway');
      expect(creates.length).toBeGreaterThanOrEqual(3);
      expect(creates.every((c) => c.status === 202)).toBe(true);
      expect(Object.keys(inventory(fake).gateways).sort()).toEqual(['Crashy-back', 'Crashy-front']);
      expect(inventory(fake).gateways['Crashy-front']).toEqual(['pets', 'search']);
    });
  });
});

describe('the deploy lock', () => {
  test('a second deploy of the same project is refused while one runs, before any call', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(v1(), FILES, SECRET);
      let release!: () => void;
      const paused = new Promise<void>((r) => (release = r));
      let reached!: () => void;
      const atFirstStep = new Promise<void>((r) => (reached = r));
      const first = deploy(
        p.dir,
        p.options(fake, {
          afterStep: async (s) => {
            if (s.index !== 1) return;
            reached();
            await paused;
          },
        }),
      );
      await atFirstStep;
      const calls = fake.calls.length;
      await expect(deploy(p.dir, p.options(fake))).rejects.toThrow(/another deploy of this project is running \(pid \d+ on .*\); wait for it to finish/);
      expect(fake.calls.length).toBe(calls);
      release();
      await first;
      expect(fs.existsSync(path.join(p.dir, 'agentcore/.deploy/lock'))).toBe(false);
    });
  });

  test('a deploy process killed mid-way leaves a stale lock that the next deploy takes over, and converges', async () => {
    const fake = await startFakeAws({ readyAfterPolls: 3 });
    try {
      const p = makeProject(v1(), FILES, SECRET);
      const cli = startCli(p.dir, ['deploy', '--yes'], { ...awsEnv(fake), KEY: SECRET.KEY });
      const killed = new Promise<void>((resolve) => {
        const off = fake.onCall((c) => {
          if (c.op === 'CreateGatewayTarget') {
            off();
            cli.child.kill('SIGKILL');
            resolve();
          }
        });
      });
      await killed;
      const ended = await cli.done;
      expect(ended.signal).toBe('SIGKILL');
      expect(fs.existsSync(path.join(p.dir, 'agentcore/.deploy/lock'))).toBe(true);
      await deploy(p.dir, p.options(fake));
      expect(inventory(fake)).toEqual({
        gateways: { 'Crashy-front': ['pets', 'search'], 'Crashy-back': ['calc'] },
        oauth: [],
        apiKeys: ['Crashy-key'],
        roles: ['Crashy-back-gateway', 'Crashy-front-gateway'],
      });
      expect(fake.count('CreateGateway')).toBe(2);
    } finally {
      await fake.close();
    }
  });
});
