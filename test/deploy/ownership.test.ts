import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { deploy, DeployError, destroy, diff, readDeployedState } from '../../src/deploy';
import { everything, inventory, makeProject, quickStart, someoneElse, withFake } from './helpers';

// Deploy and destroy change only what the project can show it made (recorded in the state, a
// pending create, or the project tag). A name that starts with `<project>-` proves nothing.

const PROJECT_TAG = 'agentcore-projen:project';

describe('resources named like the project but made by someone else', () => {
  test('foreign credential providers (api-key and OAuth) are not planned for deletion, nor deleted by deploy or destroy', async () => {
    await withFake({}, async (fake) => {
      const e = everything();
      const p = makeProject(e.input, e.files, e.envLocal);
      await deploy(p.dir, p.options(fake));
      someoneElse(fake).apiKey('Everything-their-key');
      someoneElse(fake).oauth('Everything-their-oauth');

      const plan = await diff(p.dir, p.options(fake));
      expect(plan.changes.filter((c) => c.action !== 'no-op')).toEqual([]);
      await deploy(p.dir, p.options(fake));
      await destroy(p.dir, p.options(fake));
      expect(inventory(fake)).toMatchObject({ gateways: {}, oauth: ['Everything-their-oauth'], apiKeys: ['Everything-their-key'] });
    });
  });

  test('a same-named gateway without the project tag is left alone: diff reports it, deploy refuses before any write, saying how to rename or adopt it', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(quickStart());
      const theirs = someoneElse(fake).gateway('MyProject-my-gateway');
      someoneElse(fake).target(theirs.gatewayId, 'their-tool');
      const spec = structuredClone(theirs.spec);

      const plan = await diff(p.dir, p.options(fake));
      expect(plan.conflicts).toEqual([expect.stringContaining('gateway my-gateway: a gateway named "MyProject-my-gateway" already exists in us-east-1')]);
      expect(plan.changes.filter((c) => c.action === 'delete' || c.action === 'update')).toEqual([]);

      fake.resetCalls();
      const err = await deploy(p.dir, p.options(fake)).catch((x: unknown) => x);
      expect(err).toBeInstanceOf(DeployError);
      const message = (err as Error).message;
      expect(message).toContain('nothing shows this project made it');
      expect(message).toContain('rename the gateway in .projenrc.ts (or the project');
      expect(message).toContain('run `npx projen deploy --adopt` to take it over');
      expect(fake.writes()).toEqual([]);
      // Inbound auth, role, tags and target as they were.
      expect(theirs.spec).toEqual(spec);
      expect(fake.control.tags.get(theirs.gatewayArn)).toEqual({ owner: 'someone-else' });
      expect([...theirs.targets.values()].map((t) => t.name)).toEqual(['their-tool']);
      expect(fs.existsSync(path.join(p.dir, 'agentcore/deployed-state.json'))).toBe(false);
    });
  });

  test('--adopt takes the same-named gateway over: it gets the model, the project tag and a state record', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(quickStart());
      const theirs = someoneElse(fake).gateway('MyProject-my-gateway');
      someoneElse(fake).target(theirs.gatewayId, 'their-tool');
      await deploy(p.dir, p.options(fake, { adopt: true }));
      expect(fake.control.gateways.get(theirs.gatewayId)!.spec).toMatchObject({ authorizerType: 'NONE' });
      expect(fake.control.tags.get(theirs.gatewayArn)).toEqual({ [PROJECT_TAG]: 'MyProject' });
      expect(inventory(fake).gateways).toEqual({ 'MyProject-my-gateway': ['weather-tools'] });
      expect(readDeployedState(p.dir)!.gateways['my-gateway']!.gatewayId).toBe(theirs.gatewayId);
      fake.resetCalls();
      await deploy(p.dir, p.options(fake));
      expect(fake.writes()).toEqual([]);
    });
  });

  test('a same-named credential provider is not taken over by deploy', async () => {
    await withFake({}, async (fake) => {
      const e = everything();
      const p = makeProject(e.input, e.files, e.envLocal);
      someoneElse(fake).oauth('Everything-idp');
      const err = await deploy(p.dir, p.options(fake)).catch((x: unknown) => x);
      expect((err as Error).message).toContain('credential idp: a credential provider named "Everything-idp" already exists');
      expect(fake.writes()).toEqual([]);
      expect(fake.control.identities.oauth.get('Everything-idp')).toMatchObject({ clientId: 'theirs', clientSecret: 'their-secret' });
    });
  });

  test('a target added by hand to the project gateway is left alone by deploy; destroy refuses until it is gone or adopted', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(quickStart());
      await deploy(p.dir, p.options(fake));
      const ours = [...fake.control.gateways.values()][0]!;
      someoneElse(fake).target(ours.gatewayId, 'manual-tool');

      const warnings: string[] = [];
      fake.resetCalls();
      await deploy(p.dir, p.options(fake, { onEvent: (e) => e.type === 'warning' && warnings.push(e.message) }));
      expect(fake.writes()).toEqual([]);
      expect(warnings).toEqual(['gateway my-gateway › target "manual-tool" was not made by this project; left alone']);

      const err = await destroy(p.dir, p.options(fake)).catch((x: unknown) => x);
      expect((err as Error).message).toContain('gateway my-gateway: cannot be deleted while it holds target "manual-tool", which this project did not make');
      expect((err as Error).message).toContain('`npx projen destroy --adopt`');
      expect(fake.writes()).toEqual([]);
      expect(inventory(fake).gateways).toEqual({ 'MyProject-my-gateway': ['manual-tool', 'weather-tools'] });

      await destroy(p.dir, p.options(fake, { adopt: true }));
      expect(inventory(fake)).toEqual({ gateways: {}, oauth: [], apiKeys: [], roles: [] });
    });
  });
});

describe('after the state file is lost', () => {
  test('tagged gateways, roles and API keys are still the project; targets and OAuth providers need --adopt, which converges without creating anything', async () => {
    await withFake({}, async (fake) => {
      const e = everything();
      const p = makeProject(e.input, e.files, e.envLocal);
      await deploy(p.dir, p.options(fake));
      const before = inventory(fake);
      fs.rmSync(path.join(p.dir, 'agentcore/deployed-state.json'));

      fake.resetCalls();
      const plan = await diff(p.dir, p.options(fake));
      // What the tags prove needs no adoption; what nothing proves is reported, never changed.
      const blocked = plan.conflicts.map((c) => c.slice(0, c.indexOf(':')));
      expect(blocked.filter((b) => !b.includes('› target')).sort()).toEqual(['credential idp', 'credential jwt-oauth', 'credential open-inline-mcp-oauth']);
      expect(blocked.filter((b) => b.includes('› target'))).toHaveLength(11);
      await expect(deploy(p.dir, p.options(fake))).rejects.toThrow('run `npx projen deploy --adopt` to take it over');
      expect(fake.writes()).toEqual([]);

      await deploy(p.dir, p.options(fake, { adopt: true }));
      expect(inventory(fake)).toEqual(before);
      expect(fake.writes().every((c) => /^Update\w+CredentialProvider$/.test(c.op))).toBe(true);
      expect(readDeployedState(p.dir)!.gateways.jwt!.targets).toHaveProperty('remote-spec');
      fake.resetCalls();
      await deploy(p.dir, p.options(fake));
      expect(fake.writes()).toEqual([]);
    });
  });

  test('destroy refuses what it cannot show is the project; destroy --adopt removes everything the model declares', async () => {
    await withFake({}, async (fake) => {
      const other = makeProject(quickStart('Other'));
      await deploy(other.dir, other.options(fake));
      const keep = inventory(fake);
      const e = everything();
      const p = makeProject(e.input, e.files, e.envLocal);
      await deploy(p.dir, p.options(fake));
      fs.rmSync(path.join(p.dir, 'agentcore/deployed-state.json'));

      fake.resetCalls();
      await expect(destroy(p.dir, p.options(fake))).rejects.toThrow('run `npx projen destroy --adopt` to delete it too');
      expect(fake.writes()).toEqual([]);
      await destroy(p.dir, p.options(fake, { adopt: true }));
      expect(inventory(fake)).toEqual(keep);
    });
  });
});
