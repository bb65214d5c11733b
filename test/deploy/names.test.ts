import { expect, test } from 'vitest';
import { deployedName, gatewayRoleName } from '../../src/model/names';
import { resolveProject } from '../../src/model/resolve';

test('resources are named after the project, and role names fit in 64 characters without colliding', () => {
  expect(deployedName('MyProject', 'my-gateway')).toBe('MyProject-my-gateway');
  expect(gatewayRoleName('MyProject', 'my-gateway')).toBe('MyProject-my-gateway-gateway');
  const project = 'P'.repeat(23);
  const a = gatewayRoleName(project, `${'g'.repeat(70)}-a`);
  const b = gatewayRoleName(project, `${'g'.repeat(70)}-b`);
  expect(a.length).toBeLessThanOrEqual(64);
  expect(b.length).toBeLessThanOrEqual(64);
  expect(a).not.toBe(b);
  expect(a).toMatch(/^[\w+=,.@-]+$/);
  expect(gatewayRoleName(project, `${'g'.repeat(70)}-a`)).toBe(a);
});

test('the resolved config spells out every name in the account, so deploy never derives one', () => {
  const { config } = resolveProject(
    {
      name: 'MyProject',
      gateways: [{ name: 'own-role' }, { name: 'given-role', roleArn: 'arn:aws:iam::123456789012:role/Mine' }],
      targets: [],
      credentials: [{ name: 'key', type: 'api-key' }],
      agents: [],
    },
    { root: process.cwd() },
  );
  expect(config.agentCoreGateways.map((g) => [g.deployedName, g.managedRoleName])).toEqual([
    ['MyProject-own-role', 'MyProject-own-role-gateway'],
    ['MyProject-given-role', undefined],
  ]);
  expect(config.credentials.map((c) => c.deployedName)).toEqual(['MyProject-key']);
});
