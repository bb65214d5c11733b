import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { deploy, type DeployEvent, DeployError, diff, formatEvent, formatPlan, formatSummary } from '../../src/deploy';
import { awsEnv, everything, makeProject, runCli, SECRETS, withFake } from './helpers';

const SECRET_VALUES = Object.values(SECRETS);

function expectNoSecret(text: string) {
  for (const s of SECRET_VALUES) expect(text).not.toContain(s);
}

describe('secrets', () => {
  test('a missing secret fails before any call, naming every missing variable', async () => {
    await withFake({}, async (fake) => {
      const e = everything();
      const { IDP_SECRET: _a, PETSTORE_KEY: _b, ...rest } = e.envLocal;
      const p = makeProject(e.input, e.files, rest);
      const err = await deploy(p.dir, p.options(fake)).catch((x: unknown) => x);
      expect(err).toBeInstanceOf(DeployError);
      expect((err as Error).message).toBe(
        'missing secrets: IDP_SECRET (client secret of credential "idp"), PETSTORE_KEY (API key of credential "petstore-key"). ' +
          'Set them in the environment or in agentcore/.env.local (git-ignored); nothing was changed.',
      );
      expect(fake.calls).toEqual([]);
    });
  });

  test('the environment wins over agentcore/.env.local', async () => {
    await withFake({}, async (fake) => {
      const e = everything();
      const p = makeProject(e.input, e.files, e.envLocal);
      await deploy(p.dir, p.options(fake, { env: { IDP_SECRET: 'from-the-environment' } }));
      expect(fake.control.identities.oauth.get('Everything-idp')!.clientSecret).toBe('from-the-environment');
      expect(fake.control.identities.apiKeys.get('Everything-petstore-key')!.apiKey).toBe(SECRETS.API_KEY);
    });
  });

  test('a variable set empty in the environment counts as unset: the value in agentcore/.env.local is used, as dev and the local gateway do', async () => {
    await withFake({}, async (fake) => {
      const e = everything();
      const p = makeProject(e.input, e.files, e.envLocal);
      await deploy(p.dir, p.options(fake, { env: { IDP_SECRET: '' } }));
      expect(fake.control.identities.oauth.get('Everything-idp')!.clientSecret).toBe(e.envLocal.IDP_SECRET);
    });
  });

  test('diff works without secrets and does not ask for them', async () => {
    await withFake({}, async (fake) => {
      const e = everything();
      const p = makeProject(e.input, e.files, {});
      const plan = await diff(p.dir, p.options(fake));
      expect(plan.counts.create).toBeGreaterThan(10);
      expect(fake.writes()).toEqual([]);
    });
  });

  test('no secret value reaches the state file, the plan, the progress lines, the summary or the JSON result', async () => {
    await withFake({}, async (fake) => {
      const e = everything();
      const p = makeProject(e.input, e.files, e.envLocal);
      const events: DeployEvent[] = [];
      let planText = '';
      const result = await deploy(p.dir, p.options(fake, { onEvent: (x) => events.push(x), onPlan: (v) => (planText = formatPlan(v)) }));
      const state = fs.readFileSync(path.join(p.dir, 'agentcore/deployed-state.json'), 'utf8');
      expect(JSON.parse(state).credentials.idp.secretFingerprint).toMatch(/^scrypt:/);
      expectNoSecret(state);
      expectNoSecret(planText);
      expectNoSecret(events.map(formatEvent).join('\n'));
      expectNoSecret(formatSummary(result, 'Deployed'));
      expectNoSecret(JSON.stringify(result));
      // The secrets did reach the service.
      expect(fake.control.identities.oauth.get('Everything-idp')!.clientSecret).toBe(SECRETS.OAUTH_SECRET);
    });
  });

  test('no secret value appears in the error when the credential call fails', async () => {
    await withFake({}, async (fake) => {
      const e = everything();
      const p = makeProject(e.input, e.files, e.envLocal);
      fake.failCalls({ op: 'CreateApiKeyCredentialProvider', status: 400, times: 1, type: 'ValidationException' });
      const err = (await deploy(p.dir, p.options(fake)).catch((x: unknown) => x)) as Error;
      expect(err.message).toBe('credential petstore-key: CreateApiKeyCredentialProvider failed: ValidationException (HTTP 400): injected fault');
      expectNoSecret(`${err.message}\n${err.stack}\n${JSON.stringify(err)}`);
    });
  });

  test('the CLI prints no secret, in text or JSON, on success or failure', async () => {
    await withFake({ readyAfterPolls: 1 }, async (fake) => {
      const e = everything();
      const p = makeProject(e.input, e.files, e.envLocal);
      const text = await runCli(p.dir, ['deploy', '--yes'], awsEnv(fake));
      expect(text.status).toBe(0);
      expectNoSecret(text.stdout + text.stderr);
      const json = await runCli(p.dir, ['deploy', '--yes', '--json'], { ...awsEnv(fake), PETSTORE_KEY: 'rotated-key-4242' });
      expect(json.status).toBe(0);
      expect(json.stdout).not.toContain('rotated-key-4242');
      expectNoSecret(json.stdout + json.stderr);
      fake.failCalls({ op: 'UpdateApiKeyCredentialProvider', status: 400, times: 1, type: 'ValidationException' });
      const failed = await runCli(p.dir, ['deploy', '--yes'], { ...awsEnv(fake), PETSTORE_KEY: 'rotated-key-5353' });
      expect(failed.status).toBe(1);
      expect(failed.stderr).toContain('credential petstore-key: UpdateApiKeyCredentialProvider failed');
      expect(failed.stdout + failed.stderr).not.toContain('rotated-key-5353');
    });
  });
});
