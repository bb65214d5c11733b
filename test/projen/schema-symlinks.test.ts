import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ModelError } from '../../src/model/issues';
import { AgentCoreProject } from '../../src/projen/agentcore-project';
import { tempDir } from '../helpers/tmp';

// "Schema files must stay inside the project" is about where the file really is, not how its
// path is spelled: a link inside the project may not lead out of it.

const OPENAPI = JSON.stringify({ openapi: '3.0.3', info: { title: 'Pets', version: '1' }, paths: { '/pets': {} } });
const TOOLS = JSON.stringify([{ name: 'get_weather', description: 'Weather', inputSchema: { type: 'object' } }]);

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = tempDir('agentcore-symlinks-');
  made.push(dir);
  return dir;
}

function write(dir: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
}

/** A project with an OpenAPI target on `schema` and a Lambda target on `toolSchemaFile`. */
function project(outdir: string, schema: string, toolSchemaFile: string): AgentCoreProject {
  const p = new AgentCoreProject({ name: 'MyProject', outdir });
  p.addCredential({ name: 'pets-key', type: 'api-key' });
  const gateway = p.addGateway({ name: 'my-gateway' });
  gateway.addTarget({ type: 'open-api-schema', name: 'pets', schema, outboundAuth: 'api-key', credentialName: 'pets-key' });
  gateway.addTarget({ type: 'lambda-function-arn', name: 'calc', lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:calc', toolSchemaFile });
  return p;
}

function synthProblems(p: AgentCoreProject): string[] {
  try {
    p.synth();
  } catch (e) {
    if (e instanceof ModelError) return e.issues.map((i) => `${i.where}: ${i.message}`);
    throw e;
  }
  throw new Error('expected synth to fail, but it succeeded');
}

describe('schema paths through symbolic links', () => {
  it('refuses a schema and a tool schema whose folder is a link to outside the project, naming the target, the field and the fix', () => {
    const root = folder();
    const outside = folder();
    write(outside, 'api.json', OPENAPI);
    write(outside, 'tools.json', TOOLS);
    fs.symlinkSync(outside, path.join(root, 'schemas'), 'dir');

    const problems = synthProblems(project(root, 'schemas/api.json', 'schemas/tools.json'));

    const real = fs.realpathSync(outside);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^gateway "my-gateway" › target "pets" › schema: /);
    expect(problems[1]).toMatch(/^gateway "my-gateway" › target "calc" › toolSchemaFile: /);
    expect(problems[0]).toContain(`"schemas/api.json" leads through a symbolic link to ${path.join(real, 'api.json')}, outside the project root`);
    expect(problems[1]).toContain(`"schemas/tools.json" leads through a symbolic link to ${path.join(real, 'tools.json')}, outside the project root`);
    for (const p of problems) expect(p).toContain('copy the file into the project');
    expect(fs.existsSync(path.join(root, 'agentcore/agentcore.json'))).toBe(false);
  });

  it('refuses a schema file that is itself a link to a file outside the project', () => {
    const root = folder();
    const outside = folder();
    write(outside, 'api.json', OPENAPI);
    write(root, 'tools.json', TOOLS);
    fs.symlinkSync(path.join(outside, 'api.json'), path.join(root, 'api.json'));

    const problems = synthProblems(project(root, 'api.json', 'tools.json'));

    expect(problems).toEqual([
      expect.stringMatching(/^gateway "my-gateway" › target "pets" › schema: "api.json" leads through a symbolic link to .*, outside the project root/),
    ]);
  });

  it('accepts links that stay inside the project, and a project folder reached through a link', () => {
    const real = folder();
    write(real, 'specs/v1/api.json', OPENAPI);
    write(real, 'specs/v1/tools.json', TOOLS);
    fs.symlinkSync(path.join(real, 'specs/v1'), path.join(real, 'current'), 'dir');
    // The project itself is opened through a link (as /tmp is on macOS).
    const link = path.join(folder(), 'project');
    fs.symlinkSync(real, link, 'dir');

    project(link, 'current/api.json', 'current/tools.json').synth();

    const config = JSON.parse(fs.readFileSync(path.join(real, 'agentcore/agentcore.json'), 'utf8'));
    const targets = config.agentCoreGateways[0].targets;
    expect(targets.find((t: { name: string }) => t.name === 'pets').schema.path).toBe('current/api.json');
    expect(targets.find((t: { name: string }) => t.name === 'calc').toolSchema.path).toBe('current/tools.json');
  });
});
