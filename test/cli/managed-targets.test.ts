import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { agentcore, agentcoreOk, config, createProject, projenrcTypeErrors, read } from './helpers/project';

// A managed MCP server (`--host`), added and removed with the command line a user would write.
let project: string;
const exists = (file: string) => fs.existsSync(path.join(project, file));

beforeAll(() => {
  project = createProject('Managed');
  agentcoreOk(project, 'agentcore add gateway --name my-gateway');
});

describe('add gateway-target --host', () => {
  it('writes host and language in the model’s spelling, and synth scaffolds the code', () => {
    const r = agentcoreOk(project, 'agentcore add gateway-target --type mcp-server --name calc --host lambda --language typescript --gateway my-gateway');
    expect(read(project, '.projenrc.ts')).toContain(`myGateway.addTarget({ name: 'calc', type: 'mcp-server', host: 'Lambda', language: 'TypeScript' });`);
    expect(projenrcTypeErrors(project)).toEqual([]);
    expect(r.stdout).toContain('app/mcp/calc/');
    expect(exists('app/mcp/calc/tools.ts')).toBe(true);
    expect(exists('app/mcp/calc/handler.ts')).toBe(true);
    expect(config(project).agentCoreGateways[0].targets[0]).toMatchObject({
      name: 'calc',
      type: 'mcp-server',
      managed: { host: 'Lambda', language: 'TypeScript', codeLocation: 'app/mcp/calc' },
    });
  });

  it('defaults the language to Python, and --json tells where the code is', () => {
    const r = agentcoreOk(project, 'agentcore add gateway-target --type mcp-server --name pytools --host AgentCoreRuntime --gateway my-gateway --json');
    expect(JSON.parse(r.stdout)).toMatchObject({ success: true, codeLocation: 'app/mcp/pytools' });
    expect(exists('app/mcp/pytools/server.py')).toBe(true);
    expect(config(project).agentCoreGateways[0].targets.find((t: { name: string }) => t.name === 'pytools').managed.language).toBe('Python');
  });

  it('refuses --endpoint with --host, naming both and the fix, and leaves .projenrc.ts as it was', () => {
    const before = read(project, '.projenrc.ts');
    const r = agentcore(
      project,
      'agentcore add gateway-target --type mcp-server --name both --endpoint https://mcp.example.com/mcp --host Lambda --gateway my-gateway',
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/target "both" › host: .*endpoint.*host.*drop one/);
    expect(read(project, '.projenrc.ts')).toBe(before);
    expect(exists('app/mcp/both')).toBe(false);
  });

  it('refuses a host that does not exist, listing the ones that do', () => {
    const r = agentcore(project, 'agentcore add gateway-target --type mcp-server --name ec2 --host EC2 --gateway my-gateway');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/host.*Lambda.*AgentCoreRuntime/);
  });

  it('documents --host and --language in --help', () => {
    // commander wraps the descriptions to the terminal's width.
    const help = agentcoreOk(project, 'agentcore add gateway-target --help').stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(/--host <host> .*Lambda, AgentCoreRuntime/);
    expect(help).toMatch(/--language <language> .*Python, TypeScript/);
  });
});

describe('remove gateway-target of a managed server', () => {
  it('lists the generated handler it deletes and keeps your code, saying so', () => {
    const refused = agentcore(project, 'agentcore remove gateway-target --name calc --gateway my-gateway');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('  app/mcp/calc/handler.ts (generated)\n');
    expect(refused.stderr).not.toContain('tools.ts');

    const r = agentcoreOk(project, 'agentcore remove gateway-target --name calc --gateway my-gateway --yes');
    expect(r.stdout).toContain("Your server's code in app/mcp/calc/ is kept");
    expect(exists('app/mcp/calc/tools.ts')).toBe(true);
    expect(exists('app/mcp/calc/handler.ts')).toBe(false);
    expect(read(project, '.projenrc.ts')).not.toContain("'calc'");
  });

  it('keeps the code of a Runtime server too (nothing generated to delete, so it does not ask)', () => {
    const r = agentcoreOk(project, 'agentcore remove gateway-target --name pytools');
    expect(r.stdout).toContain("Your server's code in app/mcp/pytools/ is kept");
    expect(exists('app/mcp/pytools/server.py')).toBe(true);
  });
});
