import { expect, test } from 'vitest';
import { deployedName, roleName } from '../../src/deploy/names';

test('resources are named after the project, and role names fit in 64 characters without colliding', () => {
  expect(deployedName('MyProject', 'my-gateway')).toBe('MyProject-my-gateway');
  expect(roleName('MyProject', 'my-gateway')).toBe('MyProject-my-gateway-gateway');
  const project = 'P'.repeat(23);
  const a = roleName(project, `${'g'.repeat(70)}-a`);
  const b = roleName(project, `${'g'.repeat(70)}-b`);
  expect(a.length).toBeLessThanOrEqual(64);
  expect(b.length).toBeLessThanOrEqual(64);
  expect(a).not.toBe(b);
  expect(a).toMatch(/^[\w+=,.@-]+$/);
  expect(roleName(project, `${'g'.repeat(70)}-a`)).toBe(a);
});
