import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { describe, expect, test } from 'vitest';
import { deploy, DeployError } from '../../src/deploy';
import { clientsFor, inventory, makeProject, quickStart, withFake } from './helpers';

// The SDK's own retry strategy, with a 5 ms backoff so retried calls stay fast.
const fastRetries = () => ({ maxAttempts: undefined, retryStrategy: new ConfiguredRetryStrategy(4, 5) });

describe('throttling and server errors', () => {
  test('429 and 5xx answers to creates are retried by the SDK until they succeed', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(quickStart());
      fake.failCalls({ op: 'CreateRole', status: 429, times: 1 });
      fake.failCalls({ op: 'CreateGateway', status: 429, times: 2 });
      fake.failCalls({ op: 'CreateGatewayTarget', status: 500, times: 2 });
      fake.failCalls({ op: 'GetGatewayTarget', status: 503, times: 1, type: 'ServiceUnavailableException' });
      await deploy(p.dir, p.options(fake, { clients: clientsFor(fake, fastRetries()) }));
      expect(fake.calls.filter((c) => c.op === 'CreateGateway').map((c) => c.status)).toEqual([429, 429, 202]);
      expect(fake.calls.filter((c) => c.op === 'CreateGatewayTarget').map((c) => c.status)).toEqual([500, 500, 202]);
      expect(fake.calls.filter((c) => c.op === 'CreateRole').map((c) => c.status)).toEqual([429, 200]);
      expect(inventory(fake).gateways).toEqual({ 'MyProject-my-gateway': ['weather-tools'] });
    });
  });

  test('when retries run out, the error names the resource, the operation and the service error', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(quickStart());
      fake.failCalls({ op: 'CreateGateway', status: 500, times: 10 });
      const err = await deploy(p.dir, p.options(fake, { clients: clientsFor(fake, fastRetries()) })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeployError);
      expect((err as Error).message).toBe('gateway my-gateway: CreateGateway failed: InternalServerException (HTTP 500): injected fault');
      expect(fake.count('CreateGateway')).toBe(4);
      expect(fake.count('CreateGatewayTarget')).toBe(0);
    });
  });

  test('a poll that keeps failing also names the resource and the operation', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(quickStart());
      fake.failCalls({ op: 'GetGatewayTarget', status: 500, times: 10 });
      const err = await deploy(p.dir, p.options(fake, { clients: clientsFor(fake, fastRetries()) })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeployError);
      expect((err as Error).message).toBe(
        'gateway my-gateway › target weather-tools: GetGatewayTarget failed: InternalServerException (HTTP 500): injected fault',
      );
    });
  });
});

test('a read refused for the whole account stops the deploy with a clear message', async () => {
  await withFake({}, async (fake) => {
    const p = makeProject(quickStart());
    fake.failCalls({ op: 'ListGateways', status: 403, times: 1, type: 'AccessDeniedException' });
    await expect(deploy(p.dir, p.options(fake))).rejects.toThrow(
      "could not read the project's resources in us-east-1: AccessDeniedException (HTTP 403): injected fault",
    );
    expect(fake.writes()).toEqual([]);
  });
});

describe('resources that do not become READY', () => {
  test('a FAILED target stops the deploy with the service reason; after the cause is fixed a re-run replaces it', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(quickStart());
      fake.failResource({ kind: 'target', name: 'weather-tools', on: 'create', reasons: ['MCP server did not answer initialize'] });
      const failed: string[] = [];
      const err = await deploy(p.dir, p.options(fake, { onEvent: (e) => e.type === 'failed' && failed.push(e.label) })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeployError);
      expect((err as DeployError).message).toBe('gateway my-gateway › target weather-tools is FAILED: MCP server did not answer initialize');
      expect((err as DeployError).statusReasons).toEqual(['MCP server did not answer initialize']);
      expect(failed).toEqual(['gateway my-gateway › target weather-tools']);

      fake.control.resourceFaults.length = 0;
      fake.resetCalls();
      await deploy(p.dir, p.options(fake));
      expect(fake.writes().map((c) => c.op)).toEqual(['DeleteGatewayTarget', 'CreateGatewayTarget']);
      const target = [...[...fake.control.gateways.values()][0]!.targets.values()];
      expect(target.map((t) => [t.name, t.status])).toEqual([['weather-tools', 'READY']]);
    });
  });

  test('an UPDATE_UNSUCCESSFUL gateway stops the deploy with the reason, and is updated again next time', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(quickStart());
      await deploy(p.dir, p.options(fake));
      p.resynth((input) => ({ ...input, gateways: [{ name: 'my-gateway', description: 'second version' }] }));
      fake.failResource({ kind: 'gateway', name: 'MyProject-my-gateway', on: 'update', reasons: ['role cannot be assumed'] });
      await expect(deploy(p.dir, p.options(fake))).rejects.toThrow('gateway my-gateway is UPDATE_UNSUCCESSFUL: role cannot be assumed');
      fake.control.resourceFaults.length = 0;
      fake.resetCalls();
      await deploy(p.dir, p.options(fake));
      expect(fake.writes().map((c) => c.op)).toEqual(['UpdateGateway']);
      expect([...fake.control.gateways.values()][0]!.status).toBe('READY');
    });
  });

  test('a resource that stays CREATING past the timeout stops the deploy, and a re-run picks it up', async () => {
    await withFake({ readyAfterPolls: 50 }, async (fake) => {
      const p = makeProject(quickStart());
      await expect(deploy(p.dir, p.options(fake, { polling: { initialDelayMs: 1, maxDelayMs: 2, timeoutMs: 30 } }))).rejects.toThrow(
        /gateway my-gateway is still CREATING after 0s; run deploy again later/,
      );
      fake.options.readyAfterPolls = 1;
      await deploy(p.dir, p.options(fake));
      expect(inventory(fake).gateways).toEqual({ 'MyProject-my-gateway': ['weather-tools'] });
      expect(fake.count('CreateGateway')).toBe(1);
    });
  });
});
