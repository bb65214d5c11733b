import { describe, expect, it } from 'vitest';
import type { GatewayTargetOptions } from '../../src/model/input';
import { baseInput, issuesOf, resolve } from './model-helpers';

const managed = (t: Partial<GatewayTargetOptions>, gateway = 'my-gateway') => ({ gateway, type: 'mcp-server', name: 'my-tools', ...t }) as GatewayTargetOptions;

describe('managed MCP servers in the model', () => {
  it('a target with host is resolved with its code folder, names in the account and the gateway role', () => {
    const { config } = resolve(
      baseInput({ targets: [managed({ host: 'Lambda', language: 'TypeScript' }), managed({ name: 'py-tools', host: 'AgentCoreRuntime' })] }),
    );
    const [lambda, runtime] = config.agentCoreGateways[0].targets;
    expect(lambda).toMatchObject({
      type: 'mcp-server',
      outboundAuth: { type: 'gateway-iam-role' },
      managed: {
        host: 'Lambda',
        language: 'TypeScript',
        codeLocation: 'app/mcp/my-tools',
        deployedName: 'MyProject-my-gateway-my-tools',
        managedRoleName: 'MyProject-my-gateway-my-tools-mcp',
      },
    });
    expect(lambda).not.toHaveProperty('endpoint');
    // Runtime names take no hyphen; the language defaults to Python.
    expect(runtime).toMatchObject({ managed: { host: 'AgentCoreRuntime', language: 'Python', deployedName: 'MyProject_my_gateway_py_tools' } });
  });

  it('long names are cut to what the services take and stay distinct', () => {
    const long = 'a'.repeat(60);
    const { config } = resolve(
      baseInput({
        gateways: [{ name: long }],
        targets: [managed({ name: `${long}1`, host: 'AgentCoreRuntime' }, long), managed({ name: `${long}2`, host: 'Lambda' }, long)],
      }),
    );
    const [a, b] = config.agentCoreGateways[0].targets.map((t) => (t.type === 'mcp-server' ? t.managed! : undefined)!);
    expect(a.deployedName).toMatch(/^[a-zA-Z][a-zA-Z0-9_]{0,47}$/);
    expect(b.deployedName.length).toBeLessThanOrEqual(64);
    expect(a.managedRoleName).not.toBe(b.managedRoleName);
    expect(b.managedRoleName.length).toBeLessThanOrEqual(64);
  });

  it.each([
    [{ host: 'Lambda', endpoint: 'https://mcp.example.com/mcp' }, 'host', ['endpoint', 'host', 'drop one']],
    [{}, 'endpoint', ['endpoint', 'host']],
    [{ endpoint: 'https://mcp.example.com/mcp', language: 'TypeScript' }, 'language', ['add host', 'drop language']],
    [{ host: 'Lambda', outboundAuth: 'none' }, 'outboundAuth', ["gateway's IAM role", 'remove outboundAuth']],
    [{ host: 'Docker' }, 'host', ['"Lambda"', '"AgentCoreRuntime"']],
    [{ host: 'Lambda', language: 'Go' }, 'language', ['"Python"', '"TypeScript"']],
  ] as const)('%j is refused, naming %s and the fix', (extra, field, says) => {
    const issues = issuesOf(baseInput({ targets: [managed(extra as Partial<GatewayTargetOptions>)] }));
    const issue = issues.find((i) => i.where.includes(field));
    expect(issue, JSON.stringify(issues)).toBeDefined();
    for (const s of says) expect(issue!.message).toContain(s);
  });

  it('two managed targets with one name on different gateways would share a code folder: refused', () => {
    const issues = issuesOf(
      baseInput({ gateways: [{ name: 'a' }, { name: 'b' }], targets: [managed({ host: 'Lambda' }, 'a'), managed({ host: 'AgentCoreRuntime' }, 'b')] }),
    );
    expect(issues.map((i) => i.message).join('\n')).toContain('app/mcp/my-tools/');
  });
});
