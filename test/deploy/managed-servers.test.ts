import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { deploy, diff } from '../../src/deploy';
import { type FakeAws, startFakeAws } from '../fixtures/fake-control-plane';
import { writeServerCode } from '../package/helpers/mcp-server-code';
import { emptyInput, makeProject } from './helpers';

// What deploy decides about managed MCP servers before any write: the plan's rows, and what it
// refuses (the AWS side is tested in test/moto/managed-servers.test.ts and managed-runtime-servers.test.ts).

describe('managed MCP servers: plan and refusals', () => {
  let fake: FakeAws;
  beforeAll(async () => {
    fake = await startFakeAws();
  });
  afterAll(() => fake.close());

  function project(name: string, host: 'Lambda' | 'AgentCoreRuntime' = 'Lambda') {
    return makeProject({
      ...emptyInput(name),
      gateways: [{ name: 'my-gateway' }],
      targets: [{ gateway: 'my-gateway', type: 'mcp-server', name: 'calc', host, language: 'TypeScript' }],
    });
  }

  test('the plan has a row for the server, a create before anything exists, next to its target', async () => {
    const p = project('PlanSrv');
    writeServerCode(p.dir, 'calc', 'lambda-ts');
    const view = await diff(p.dir, p.options(fake));
    expect(view.changes.find((c) => c.id === 'server:my-gateway/calc')).toEqual({
      id: 'server:my-gateway/calc',
      kind: 'server',
      label: 'gateway my-gateway › target calc › server',
      name: 'PlanSrv-my-gateway-calc',
      action: 'create',
      reasons: ['new on Lambda'],
    });
    expect(view.changes.find((c) => c.id === 'target:my-gateway/calc')?.action).toBe('create');
    expect(fake.writes()).toEqual([]);
  });

  test('refuses before any call when the code folder is missing, naming the target and the folder', async () => {
    const p = project('NoCode', 'AgentCoreRuntime');
    fake.resetCalls();
    await expect(deploy(p.dir, p.options(fake))).rejects.toThrow(
      'gateway "my-gateway" target "calc": its code folder app/mcp/calc/ is missing; restore it, or remove the target from .projenrc.ts',
    );
    expect(fake.calls).toEqual([]);
  });

  test('refuses a Lambda server whose code declares no tool, before any call', async () => {
    const p = project('NoTools');
    const code = writeServerCode(p.dir, 'calc', 'lambda-ts');
    fs.writeFileSync(path.join(code, 'tools.ts'), '// no tools yet\nexport const VERSION = 1;\n');
    fake.resetCalls();
    await expect(deploy(p.dir, p.options(fake))).rejects.toThrow(
      /gateway "my-gateway" target "calc":.*\n.*app\/mcp\/calc\/tools\.ts: exports no tool function, and a Lambda target needs at least one; export one/,
    );
    expect(fake.calls).toEqual([]);
  });
});
