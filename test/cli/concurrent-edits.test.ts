import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { applyProjectEdit } from '../../src/cli/apply-edit';
import { EDIT_LOCK } from '../../src/project-files/lock';
import { tempDir } from '../helpers/tmp';
import { holdLock, kill, startCli, stopAll } from '../project-files/helpers/processes';
import { config, createProject, read } from './helpers/project';

// Edits of one project run one after the other: each reads .projenrc.ts only once the edit
// before it has written it (and synthesized), so no edit is lost and none reports success for
// a change that is not in the file.

afterEach(stopAll);

const gatewaysIn = (project: string) =>
  config(project)
    .agentCoreGateways.map((g: { name: string }) => g.name)
    .sort();

describe('edits started at the same time', () => {
  test('four `add gateway` commands all succeed and all four gateways are in .projenrc.ts and agentcore.json', { timeout: 300_000 }, async () => {
    const project = createProject();
    const names = ['alpha', 'bravo', 'charlie', 'delta'];
    const runs = names.map((name) => startCli(project, ['add', 'gateway', '--name', name]));
    const results = await Promise.all(runs.map((r) => r.ended));
    for (const [i, r] of results.entries()) {
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`"${names[i]}"`);
    }
    const text = read(project, '.projenrc.ts');
    for (const name of names) expect(text).toContain(`name: '${name}'`);
    expect(gatewaysIn(project)).toEqual(names);
    expect(fs.existsSync(path.join(project, EDIT_LOCK))).toBe(false);
  });

  test('an edit waits for the one in progress, says so, and goes on once it ends', { timeout: 120_000 }, async () => {
    const project = createProject();
    const other = holdLock(path.join(project, EDIT_LOCK), 'add gateway');
    expect(await other.nextLine()).toBe(`held ${other.child.pid}`);
    const add = startCli(project, ['add', 'gateway', '--name', 'alpha']);
    await add.stderrMatches(new RegExp(`Waiting for add gateway \\(pid ${other.child.pid} on .*\\) to finish editing this project`));
    expect(read(project, '.projenrc.ts')).not.toContain("'alpha'");
    // The other edit ends (here: is killed, which leaves its lock behind).
    await kill(other);
    const r = await add.ended;
    expect(r.status, r.stderr).toBe(0);
    expect(gatewaysIn(project)).toEqual(['alpha']);
  });
});

describe('a file changed behind an edit', () => {
  test('an edit made from a text that .projenrc.ts no longer holds writes nothing, does not synthesize, and says so', async () => {
    const root = tempDir('agentcore-edit-');
    const file = path.join(root, '.projenrc.ts');
    fs.writeFileSync(file, 'const saved = "by an editor meanwhile";\n');
    let synthesized = false;
    const synth = { run: async () => void (synthesized = true), dispose: async () => undefined };
    await expect(applyProjectEdit(root, { base: 'const read = "by the command";\n', projenrc: 'const edited = true;\n' }, synth)).rejects.toThrow(
      '.projenrc.ts changed while this command was editing it; nothing was changed. Run the command again.',
    );
    expect(fs.readFileSync(file, 'utf8')).toBe('const saved = "by an editor meanwhile";\n');
    expect(synthesized).toBe(false);
  });
});
