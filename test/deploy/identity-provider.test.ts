import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { describe, expect, test } from 'vitest';
import { deploy, destroy, diff, readDeployedState, type StepInfo } from '../../src/deploy';
import { cognitoDomain } from '../../src/model/identity-provider';
import type { ProjectInput } from '../../src/model/input';
import type { FakeAws } from '../fixtures/fake-control-plane';
import { awsEnv, clientsFor, emptyInput, inventory, makeProject, runCli, type TestProject, withFake } from './helpers';

// A CUSTOM_JWT gateway with `identityProvider: 'cognito'`: deploy makes the user pool, its domain,
// a resource server with the gateway's scopes and an app client, then the gateway (accepting the
// pool's tokens for that client) and its `<gateway>-oauth` credential (holding that client).

function model(name = 'Idp', scopes?: string[]): ProjectInput {
  return {
    ...emptyInput(name),
    gateways: [{ name: 'secure', authorizerType: 'CUSTOM_JWT', identityProvider: 'cognito', ...(scopes ? { scopes } : {}) }],
    targets: [{ gateway: 'secure', type: 'mcp-server', name: 'tools', endpoint: 'https://mcp.example.com/mcp' }],
    agents: [{ name: 'MyAgent', framework: 'Strands', modelProvider: 'Bedrock', deploy: false }],
  };
}

/** What Cognito holds: pools by name, with domain, resource servers, clients. */
function pools(fake: FakeAws) {
  return [...fake.cognito.pools.values()].map((p) => ({
    name: p.name,
    tags: p.tags,
    domain: p.domain,
    resourceServers: [...p.resourceServers.values()].map((s) => ({ identifier: s.identifier, scopes: s.scopes })),
    clients: [...p.clients.values()].map((c) => ({ name: c.name, flows: c.flows, scopes: c.scopes, secret: !!c.secret })),
  }));
}

/** Every file under `dir`, as text. */
function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = fs.readFileSync(file, 'utf8');
  }
  return out;
}

function theClient(fake: FakeAws) {
  const pool = [...fake.cognito.pools.values()][0]!;
  return { pool, client: [...pool.clients.values()][0]! };
}

describe('identityProvider: cognito', () => {
  test('the first deploy makes the pool, domain, resource server, app client, credential and gateway; a second writes nothing; destroy leaves nothing', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(model());
      const first = await deploy(p.dir, p.options(fake));
      expect(first.outcomes).toMatchObject({ 'identity-provider:secure': 'created', 'gateway:secure': 'created', 'credential:oauth:secure-oauth': 'created' });

      expect(pools(fake)).toEqual([
        {
          name: 'Idp-secure',
          tags: { 'agentcore-projen:project': 'Idp' },
          domain: expect.stringMatching(/^idp-secure-[0-9a-f]{8}$/),
          resourceServers: [{ identifier: 'Idp-secure', scopes: ['invoke'] }],
          clients: [{ name: 'Idp-secure-agents', flows: ['client_credentials'], scopes: ['Idp-secure/invoke'], secret: true }],
        },
      ]);
      const { pool, client } = theClient(fake);
      const discoveryUrl = `https://cognito-idp.us-east-1.amazonaws.com/${pool.id}/.well-known/openid-configuration`;
      const gateway = [...fake.control.gateways.values()][0]!;
      expect(gateway.spec.authorizerType).toBe('CUSTOM_JWT');
      expect(gateway.spec.authorizerConfiguration).toEqual({ customJWTAuthorizer: { discoveryUrl, allowedClients: [client.id] } });
      const credential = fake.control.identities.oauth.get('Idp-secure-oauth')!;
      expect({ discoveryUrl: credential.discoveryUrl, clientId: credential.clientId, secret: credential.clientSecret === client.secret }).toEqual({
        discoveryUrl,
        clientId: client.id,
        secret: true,
      });
      expect(readDeployedState(p.dir)!.identityProviders).toEqual({
        secure: {
          userPoolName: 'Idp-secure',
          userPoolId: pool.id,
          userPoolArn: pool.arn,
          domain: pool.domain,
          resourceServer: 'Idp-secure',
          clientId: client.id,
          discoveryUrl,
        },
      });

      fake.resetCalls();
      const view = await diff(p.dir, p.options(fake));
      expect(view.changes.filter((c) => c.action !== 'no-op')).toEqual([]);
      const again = await deploy(p.dir, p.options(fake));
      expect(new Set(Object.values(again.outcomes))).toEqual(new Set(['unchanged']));
      expect(fake.writes()).toEqual([]);

      fake.resetCalls();
      await destroy(p.dir, p.options(fake));
      expect(pools(fake)).toEqual([]);
      expect(fake.cognito.domains.size).toBe(0);
      expect(inventory(fake)).toEqual({ gateways: {}, oauth: [], apiKeys: [], roles: [] });
      expect(readDeployedState(p.dir)).toBeUndefined();
    });
  });

  test('new scopes update the resource server and the app client; the gateway and its credential stay', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(model('Scoped'));
      await deploy(p.dir, p.options(fake));
      const before = theClient(fake);
      p.resynth(() => model('Scoped', ['read', 'write']));
      fake.resetCalls();
      const changed = await deploy(p.dir, p.options(fake));
      expect(changed.outcomes['identity-provider:secure']).toBe('updated');
      expect(fake.writes().map((c) => c.op)).toEqual(['UpdateResourceServer', 'UpdateUserPoolClient']);
      const after = theClient(fake);
      expect(after.client.id).toBe(before.client.id);
      expect(after.client.scopes).toEqual(['Scoped-secure/read', 'Scoped-secure/write']);
      expect(fake.control.identities.oauth.get('Scoped-secure-oauth')!.clientId).toBe(before.client.id);
    });
  });

  test('a gateway that leaves the model takes its pool with it, domain first', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(model('Gone'));
      await deploy(p.dir, p.options(fake));
      p.resynth((input) => ({ ...input, gateways: [{ name: 'open' }], targets: [] }));
      const result = await deploy(p.dir, p.options(fake));
      expect(result.outcomes['delete:identity-provider:secure']).toBe('deleted');
      expect(pools(fake)).toEqual([]);
      expect(fake.cognito.domains.size).toBe(0);
      expect(readDeployedState(p.dir)!.identityProviders).toEqual({});
    });
  });

  test('a same-named pool of someone else is left alone: deploy makes its own beside it, destroy keeps theirs', async () => {
    await withFake({}, async (fake) => {
      fake.cognito.handle('CreateUserPool', { PoolName: 'Beside-secure', UserPoolTags: { owner: 'someone-else' } });
      const p = makeProject(model('Beside'));
      await deploy(p.dir, p.options(fake));
      expect(pools(fake).map((x) => x.tags)).toEqual([{ owner: 'someone-else' }, { 'agentcore-projen:project': 'Beside' }]);
      await destroy(p.dir, p.options(fake));
      expect(pools(fake).map((x) => x.tags)).toEqual([{ owner: 'someone-else' }]);
    });
  });

  test('throttled and failing Cognito calls are retried by the SDK; the pool is made once', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(model('Throttled'));
      fake.failCalls({ op: 'CreateUserPool', status: 400, times: 2, type: 'TooManyRequestsException' });
      fake.failCalls({ op: 'DescribeUserPoolClient', status: 500, times: 1 });
      await deploy(p.dir, p.options(fake, { clients: clientsFor(fake, { maxAttempts: undefined, retryStrategy: new ConfiguredRetryStrategy(4, 5) }) }));
      expect(fake.count('CreateUserPool')).toBe(3);
      expect(pools(fake)).toHaveLength(1);
      expect(readDeployedState(p.dir)!.identityProviders.secure!.clientId).toBe(theClient(fake).client.id);
    });
  });

  test('a domain another pool holds fails the deploy with the domain and the fix; nothing else of the gateway is made', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(model('Taken'));
      const idp = p.config.agentCoreGateways[0]!.identityProvider!;
      const theirs = fake.cognito.handle('CreateUserPool', { PoolName: 'theirs' }).body as { UserPool: { Id: string } };
      fake.cognito.handle('CreateUserPoolDomain', { UserPoolId: theirs.UserPool.Id, Domain: cognitoDomain(idp, '123456789012', 'us-east-1') });
      const failed = await deploy(p.dir, p.options(fake)).then(
        () => undefined,
        (e: Error) => e.message,
      );
      expect(failed).toContain(`the Cognito domain "${cognitoDomain(idp, '123456789012', 'us-east-1')}" is taken by another user pool`);
      expect(failed).toContain('rename the gateway (or the project)');
      expect(fake.control.gateways.size).toBe(0);
    });
  });

  test('a crash after any step converges on the next run: one pool, one domain, one client, and nothing left after destroy', async () => {
    const prepare = () => makeProject(model('Crashy'));
    const steps = await withFake({}, async (fake) => {
      let n = 0;
      const p = prepare();
      await deploy(p.dir, p.options(fake, { afterStep: () => void (n += 1) }));
      return n;
    });
    expect(steps).toBeGreaterThan(5);
    class Crash extends Error {}
    for (let k = 1; k <= steps; k++) {
      await withFake({}, async (fake) => {
        const p: TestProject = prepare();
        const crash = (s: StepInfo) => {
          if (s.index === k) throw new Crash(`crash after step ${k} (${s.id}: ${s.what})`);
        };
        await expect(deploy(p.dir, p.options(fake, { afterStep: crash })), `crash after step ${k}`).rejects.toBeInstanceOf(Crash);
        await deploy(p.dir, p.options(fake));
        expect(
          pools(fake).map((x) => ({ name: x.name, domain: !!x.domain, clients: x.clients.length })),
          `after a crash at step ${k}`,
        ).toEqual([{ name: 'Crashy-secure', domain: true, clients: 1 }]);
        const { client } = theClient(fake);
        expect(fake.control.identities.oauth.get('Crashy-secure-oauth')!.clientSecret === client.secret, `credential after a crash at step ${k}`).toBe(true);
        const allowed = [...fake.control.gateways.values()].map(
          (g) => (g.spec.authorizerConfiguration as { customJWTAuthorizer: { allowedClients: string[] } }).customJWTAuthorizer.allowedClients,
        );
        expect(allowed, `gateway after a crash at step ${k}`).toEqual([[client.id]]);
        fake.resetCalls();
        await deploy(p.dir, p.options(fake));
        expect(fake.writes(), `a deploy after the recovery at step ${k}`).toEqual([]);
        await destroy(p.dir, p.options(fake));
        expect(pools(fake)).toEqual([]);
      });
    }
  });

  test('the client secret is in no file of the project, the state, the output or an error', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(model('Secret'));
      const seen: string[] = [];
      // The call that carries the secret fails: once through the command line, once from code.
      fake.failCalls({ op: 'CreateOauth2CredentialProvider', status: 400, times: 2, type: 'ValidationException' });
      const failed = await runCli(p.dir, ['deploy', '--yes'], awsEnv(fake));
      expect(failed.status).not.toBe(0);
      seen.push(failed.stdout, failed.stderr);
      const thrown = await deploy(p.dir, p.options(fake)).then(
        () => 'no error',
        (e: Error) => `${e.message}\n${e.stack ?? ''}`,
      );
      expect(thrown).toContain('CreateOauth2CredentialProvider');
      seen.push(thrown);
      const deployed = await runCli(p.dir, ['deploy', '--yes'], awsEnv(fake));
      expect(deployed.status).toBe(0);
      seen.push(deployed.stdout, deployed.stderr);
      for (const args of [
        ['deploy', '--yes', '--json'],
        ['diff', '--json'],
        ['status', '--json'],
      ]) {
        const r = await runCli(p.dir, args, awsEnv(fake));
        seen.push(r.stdout, r.stderr);
      }
      const secret = theClient(fake).client.secret!;
      expect(secret.length).toBeGreaterThan(20);
      expect(fake.control.identities.oauth.get('Secret-secure-oauth')!.clientSecret).toBe(secret);
      for (const [file, text] of Object.entries(filesUnder(p.dir))) expect(text.includes(secret), file).toBe(false);
      for (const text of seen) expect(text.includes(secret)).toBe(false);
    });
  });
});
