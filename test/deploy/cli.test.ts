import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { awsEnv, emptyInput, inventory, makeProject, quickStart, runCli, someoneElse, withFake } from './helpers';

// The commands as a user runs them: a child process configured only through the standard AWS
// environment variables, like any AWS tool (no project-specific endpoint flag).

describe('deploy, diff and destroy on the command line', () => {
  test('plan, confirmation, progress, summary, diff exit codes and destroy', async () => {
    await withFake({ readyAfterPolls: 1 }, async (fake) => {
      const p = makeProject(quickStart());
      const env = awsEnv(fake);

      const before = await runCli(p.dir, ['diff'], env);
      expect(before.status).toBe(1);
      expect(before.stdout).toMatch(/ACTION\s+RESOURCE\s+DETAIL/);
      expect(before.stdout).toMatch(/create\s+gateway my-gateway › target weather-tools\s+mcp-server/);

      const refused = await runCli(p.dir, ['deploy'], env);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('there is no terminal to confirm on; re-run with --yes to apply');
      expect(fake.writes()).toEqual([]);

      const dry = await runCli(p.dir, ['deploy', '--dry-run'], env);
      expect(dry.status).toBe(0);
      expect(dry.stdout).toContain('Dry run: nothing was changed.');
      expect(fake.writes()).toEqual([]);

      const done = await runCli(p.dir, ['deploy', '-y'], env);
      expect(done.status).toBe(0);
      const url = [...fake.control.gateways.values()][0]!.gatewayUrl;
      expect(done.stdout).toMatch(/created\s+gateway my-gateway \(READY\)\s+\d+\.\ds/);
      expect(done.stdout).toMatch(/created\s+gateway my-gateway › target weather-tools \(READY\)\s+\d+\.\ds/);
      expect(done.stdout).toMatch(/Deployed MyProject in us-east-1 \(\d+\.\ds\): 3 created, 0 updated, 0 replaced, 0 deleted, 0 unchanged\./);
      expect(done.stdout).toContain(`AGENTCORE_GATEWAY_MY_GATEWAY_URL=${url}`);
      expect(done.stdout).toContain('AGENTCORE_GATEWAY_MY_GATEWAY_AUTH_TYPE=NONE');

      const same = await runCli(p.dir, ['diff'], env);
      expect(same.status).toBe(0);

      p.resynth((input) => ({ ...input, gateways: [{ name: 'my-gateway', description: 'v2' }] }));
      const changed = await runCli(p.dir, ['diff', '--json'], env);
      expect(changed.status).toBe(1);
      const plan = JSON.parse(changed.stdout).plan;
      expect(plan.changes.find((c: { kind: string }) => c.kind === 'gateway')).toMatchObject({ action: 'update', reasons: ['description'] });

      const json = await runCli(p.dir, ['deploy', '--yes', '--json'], env);
      expect(json.status).toBe(0);
      const result = JSON.parse(json.stdout);
      expect(result).toMatchObject({ success: true, applied: true, outcomes: { 'gateway:my-gateway': 'updated' } });
      expect(result.gateways[0].env).toEqual({ AGENTCORE_GATEWAY_MY_GATEWAY_URL: url, AGENTCORE_GATEWAY_MY_GATEWAY_AUTH_TYPE: 'NONE' });

      const gone = await runCli(p.dir, ['destroy', '--yes'], env);
      expect(gone.status).toBe(0);
      expect(gone.stdout).toMatch(/deleted\s+gateway my-gateway/);
      expect(inventory(fake)).toEqual({ gateways: {}, oauth: [], apiKeys: [], roles: [] });
    });
  });

  test('the service endpoints can be set per service (AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL, AWS_ENDPOINT_URL_IAM)', async () => {
    await withFake({ readyAfterPolls: 1 }, async (fake) => {
      const p = makeProject(quickStart());
      const { AWS_ENDPOINT_URL: _shared, ...env } = awsEnv(fake);
      const r = await runCli(p.dir, ['deploy', '-y'], {
        ...env,
        AWS_ENDPOINT_URL: '',
        AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL: fake.endpoint,
        AWS_ENDPOINT_URL_IAM: fake.endpoint,
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(inventory(fake).gateways).toEqual({ 'MyProject-my-gateway': ['weather-tools'] });
    });
  });

  test('refuses local http URLs, a missing config and a missing region with a clear message, before any call', async () => {
    await withFake({}, async (fake) => {
      const local = makeProject({
        ...emptyInput('Local'),
        gateways: [{ name: 'gw' }],
        targets: [{ gateway: 'gw', type: 'mcp-server', name: 'dev-server', endpoint: 'http://127.0.0.1:9000/mcp' }],
      });
      const r = await runCli(local.dir, ['deploy', '-y'], awsEnv(fake));
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(
        'gateway "gw" target "dev-server" endpoint "http://127.0.0.1:9000/mcp" is a local http URL; AWS cannot reach it. Use an https URL to deploy',
      );

      const empty = makeProject(emptyInput('Empty'));
      const noConfig = await runCli(empty.dir, ['diff', '--dir', `${empty.dir}/nowhere`], awsEnv(fake));
      expect(noConfig.status).toBe(2);
      expect(noConfig.stderr).toContain('agentcore/agentcore.json was not found');

      // A project that was never synthesized is not mistaken for the synthesized one around it.
      const outer = makeProject(quickStart('Outer'));
      const inner = path.join(outer.dir, 'projects', 'Inner');
      fs.mkdirSync(inner, { recursive: true });
      fs.writeFileSync(path.join(inner, '.projenrc.ts'), '');
      const unsynthesized = await runCli(inner, ['diff'], awsEnv(fake));
      expect(unsynthesized.stderr).toContain(`${inner}/agentcore/agentcore.json was not found; run \`npx projen\``);
      expect(unsynthesized.stdout).not.toContain('Outer');

      const noRegion = await runCli(makeProject(quickStart()).dir, ['deploy', '-y'], { ...awsEnv(fake), AWS_REGION: '', AWS_DEFAULT_REGION: '' });
      expect(noRegion.status).toBe(1);
      expect(noRegion.stderr).toContain('no AWS region is set; set AWS_REGION');

      const noCredentials = await runCli(makeProject(quickStart()).dir, ['deploy', '-y'], {
        ...awsEnv(fake),
        AWS_ACCESS_KEY_ID: '',
        AWS_SECRET_ACCESS_KEY: '',
        AWS_EC2_METADATA_DISABLED: 'true',
      });
      expect(noCredentials.status).toBe(1);
      expect(noCredentials.stderr).toContain('no AWS credentials were found');
      expect(fake.calls).toEqual([]);
    });
  });

  test('a same-named gateway the project did not make: diff exits 2 and shows it blocked, deploy refuses, deploy --adopt takes it over', async () => {
    await withFake({ readyAfterPolls: 1 }, async (fake) => {
      const p = makeProject(quickStart());
      const env = awsEnv(fake);
      const theirs = someoneElse(fake).gateway('MyProject-my-gateway');

      const planned = await runCli(p.dir, ['diff'], env);
      expect(planned.status).toBe(2);
      expect(planned.stdout).toContain('blocked: gateway my-gateway: a gateway named "MyProject-my-gateway" already exists');
      expect(planned.stderr).toContain('deploy would refuse this plan');

      const refused = await runCli(p.dir, ['deploy', '--yes'], env);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('run `npx projen deploy --adopt` to take it over');
      expect(fake.writes()).toEqual([]);

      const adopted = await runCli(p.dir, ['deploy', '--yes', '--adopt'], env);
      expect(adopted.status).toBe(0);
      expect(fake.control.tags.get(theirs.gatewayArn)).toEqual({ 'agentcore-projen:project': 'MyProject' });
      expect((await runCli(p.dir, ['diff'], env)).status).toBe(0);
    });
  });
});
