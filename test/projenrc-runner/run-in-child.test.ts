import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runInChild } from '../../src/projenrc-runner/run-in-child';
import { SynthError } from '../../src/projenrc-runner/synth-error';
import { createProject } from '../cli/helpers/project';

/*
 * A project without tsx of its own to load in-process synthesizes in a child. Its model error comes
 * back as data, so `--json` answers and callers get every issue, as they do in-process.
 */
describe('running .projenrc.ts in a child', () => {
  let project: string;
  beforeAll(() => {
    project = createProject('ChildSynth');
  }, 120_000);

  function withModel(body: string) {
    const file = path.join(project, '.projenrc.ts');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace('project.synth();', `${body}\nproject.synth();`));
    return () => fs.writeFileSync(file, text);
  }

  it('passes a model error back with every issue, as structured data', () => {
    const restore = withModel("project.addGateway({ name: 'bad_name' });\nproject.addGateway({ name: 'other', authorizerType: 'CUSTOM_JWT' });");
    try {
      let error: unknown;
      try {
        runInChild(project);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SynthError);
      const issues = (error as SynthError).issues ?? [];
      expect(issues.map((i) => i.where)).toEqual(expect.arrayContaining([expect.stringContaining('bad_name'), expect.stringContaining('"other"')]));
      expect((error as SynthError).message).toMatch(/^The AgentCore project model has \d+ problems:\n {2}- /);
    } finally {
      restore();
    }
  }, 120_000);

  it('reports another failure with its message, and succeeds on a valid model', () => {
    const restore = withModel("throw new Error('broken on purpose');");
    try {
      expect(() => runInChild(project)).toThrow(/^Running \.projenrc\.ts failed: broken on purpose$/);
    } finally {
      restore();
    }
    expect(() => runInChild(project)).not.toThrow();
  }, 120_000);
});
