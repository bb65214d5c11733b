import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { ModelError } from '../../src/model/issues';
import { AgentCoreProject } from '../../src/projen/agentcore-project';
import { snapshotTree, tempDir } from '../helpers/tmp';

/** The reference tool's gateway quick start, as .projenrc.ts would declare it. */
function quickStart(outdir: string, extra?: (p: AgentCoreProject) => void): AgentCoreProject {
  const project = new AgentCoreProject({ name: 'MyProject', outdir });
  project.addGateway({ name: 'my-gateway' }).addTarget({ type: 'mcp-server', name: 'weather-tools', endpoint: 'https://mcp.example.com/mcp' });
  extra?.(project);
  return project;
}

const readJson = (dir: string, file: string) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));

describe('AgentCoreProject synth', () => {
  it('writes agentcore.json that validates against the exported JSON Schema', () => {
    const dir = tempDir();
    quickStart(dir).synth();
    const config = readJson(dir, 'agentcore/agentcore.json');
    const schema = readJson(dir, 'agentcore/agentcore.schema.json');
    const validate = new Ajv2020({ strict: false }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    expect(config.agentCoreGateways.map((g: { name: string }) => g.name)).toEqual(['my-gateway']);
    // The schema is not a rubber stamp: a wrong authorizer type fails it.
    expect(validate({ ...config, agentCoreGateways: [{ ...config.agentCoreGateways[0], authorizerType: 'OAUTH' }] })).toBe(false);
  });

  it('marks generated files read-only, linguist-generated, and keeps secrets files out of git', () => {
    const dir = tempDir();
    quickStart(dir).synth();
    expect(fs.statSync(path.join(dir, 'agentcore/agentcore.json')).mode & 0o222).toBe(0);
    expect(fs.readFileSync(path.join(dir, '.gitattributes'), 'utf8')).toContain('/agentcore/agentcore.json linguist-generated');
    expect(fs.readFileSync(path.join(dir, '.gitignore'), 'utf8')).toContain('/agentcore/.env.local');
    const tasks = readJson(dir, '.projen/tasks.json').tasks;
    expect(tasks.default.steps).toEqual([{ exec: 'tsx .projenrc.ts' }]);
    expect(tasks.deploy.steps).toEqual([{ exec: 'agentcore-projen deploy', receiveArgs: true }]);
  });

  it('removes a gateway from the output when it leaves the model', () => {
    const dir = tempDir();
    quickStart(dir, (p) => p.addGateway({ name: 'second', authorizerType: 'AWS_IAM' })).synth();
    expect(readJson(dir, 'agentcore/agentcore.json').agentCoreGateways).toHaveLength(2);
    quickStart(dir).synth();
    const gateways = readJson(dir, 'agentcore/agentcore.json').agentCoreGateways;
    expect(gateways.map((g: { name: string }) => g.name)).toEqual(['my-gateway']);
  });

  it('leaves every file as it was when the model is invalid', () => {
    const dir = tempDir();
    quickStart(dir).synth();
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const before = snapshotTree(dir);
    const broken = quickStart(dir, (p) => {
      p.addGateway({ name: 'bad_name' });
      p.addAgent({ name: 'A', framework: 'GoogleADK', modelProvider: 'Bedrock' });
    });
    expect(() => broken.synth()).toThrow(ModelError);
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('rewrites no file when the model has not changed', () => {
    const dir = tempDir();
    quickStart(dir).synth();
    const before = snapshotTree(dir);
    quickStart(dir).synth();
    const after = snapshotTree(dir);
    // As root, projen rewrites its own read-only files with the same bytes (it asks access(2),
    // which root always passes); every file of the model is left alone for every user.
    const projensOwn = (p: string) => /^(\.gitignore|\.gitattributes|\.projen\/.*)$/.test(p);
    if (process.getuid?.() === 0) {
      for (const [p, file] of after) if (projensOwn(p)) after.set(p, { ...file, mtimeMs: before.get(p)?.mtimeMs ?? file.mtimeMs });
    }
    expect(after).toEqual(before);
    expect([...after.keys()].filter((p) => !projensOwn(p)).length).toBeGreaterThan(0);
  });
});

describe('AgentCoreProject.fromModel (the programmatic generator API)', () => {
  it('synthesizes a plain model to the same config as the builder calls', () => {
    const viaBuilder = tempDir();
    quickStart(viaBuilder, (p) => p.addAgent({ name: 'MyAgent', framework: 'Strands', modelProvider: 'Bedrock' })).synth();
    const viaModel = tempDir();
    AgentCoreProject.fromModel(
      {
        name: 'MyProject',
        gateways: [{ name: 'my-gateway' }],
        targets: [{ gateway: 'my-gateway', type: 'mcp-server', name: 'weather-tools', endpoint: 'https://mcp.example.com/mcp' }],
        credentials: [],
        agents: [{ name: 'MyAgent', framework: 'Strands', modelProvider: 'Bedrock' }],
      },
      { outdir: viaModel },
    ).synth();
    expect(readJson(viaModel, 'agentcore/agentcore.json')).toEqual(readJson(viaBuilder, 'agentcore/agentcore.json'));
  });
});
