import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageAgent, PackageError } from '../../src/package';
import { tempDir } from '../helpers/tmp';
import { projectWithAgent, setDependencies } from './helpers/project';
import { listZip } from './helpers/zip-listing';

// Offline: these agents list no dependencies, so nothing is installed and uv is not needed.
const SECRET = 'sk-not-for-the-zip-4c1d';

/** A Strands agent with local files of every kind around its generated code. */
function agentWithLocalFiles(): string {
  const dir = projectWithAgent({ name: 'MyAgent', framework: 'Strands', modelProvider: 'Bedrock' }, (p) => p.gitignore.exclude('*.local'));
  setDependencies(dir, 'MyAgent', '[]');
  const agent = path.join(dir, 'app/MyAgent');
  const write = (rel: string, text: string, mode = 0o644) => {
    fs.mkdirSync(path.dirname(path.join(agent, rel)), { recursive: true });
    fs.writeFileSync(path.join(agent, rel), text, { mode });
  };
  write('tools/helper.py', 'def helper():\n    return 1\n');
  write('run.sh', '#!/bin/sh\nexec python main.py\n', 0o755);
  write('.venv/lib/python3.12/site-packages/thing.py', 'x = 1\n');
  write('__pycache__/main.cpython-312.pyc', 'bytecode');
  write('tools/__pycache__/helper.cpython-312.pyc', 'bytecode');
  write('.pytest_cache/v/cache/lastfailed', '{}');
  write('.env', `OPENAI_API_KEY=${SECRET}\n`); // ignored by the agent's generated .gitignore
  write('notes.local', `token ${SECRET}\n`); // ignored by the project's .gitignore
  write('data/.gitignore', '*.bin\n!keep.bin\n'); // a nested .gitignore, with a negation
  write('data/big.bin', 'ignored');
  write('data/keep.bin', 'kept');
  return dir;
}

describe('packageAgent: the code zip', () => {
  it('holds the agent code without local environments, caches, git-ignored files or their secrets', async () => {
    const dir = agentWithLocalFiles();
    const pkg = await packageAgent({ projectDir: dir, agent: 'MyAgent' });

    expect(pkg.zipFile).toBe(path.join(dir, 'agentcore/.deploy/package/MyAgent.zip'));
    expect(pkg.dependencies).toBe('none');
    const listing = listZip(pkg.zipFile);
    expect(listing.corrupt).toBeNull();
    expect(listing.entries.map((e) => e.name)).toEqual([
      'README.md',
      'data/keep.bin',
      'main.py',
      'mcp_client/__init__.py',
      'mcp_client/auth.py',
      'mcp_client/client.py',
      'mcp_client/reachability.py',
      'model/__init__.py',
      'model/load.py',
      'pyproject.toml',
      'run.sh',
      'tools/helper.py',
    ]);
    expect(fs.readFileSync(pkg.zipFile).includes(SECRET)).toBe(false);
  });

  it('leaves env files out even when no .gitignore mentions them', async () => {
    const dir = agentWithLocalFiles();
    fs.rmSync(path.join(dir, 'app/MyAgent/.gitignore'));
    fs.writeFileSync(path.join(dir, 'app/MyAgent/.env.production'), `OPENAI_API_KEY=${SECRET}\n`);
    const pkg = await packageAgent({ projectDir: dir, agent: 'MyAgent' });
    const names = listZip(pkg.zipFile).entries.map((e) => e.name);
    expect(names.filter((n) => n.startsWith('.env'))).toEqual([]);
    expect(names).toContain('main.py');
    expect(fs.readFileSync(pkg.zipFile).includes(SECRET)).toBe(false);
  });

  it("gives byte-identical zips for the same content, whatever the files' times and modes or the time zone", async () => {
    const dir = agentWithLocalFiles();
    const first = await packageAgent({ projectDir: dir, agent: 'MyAgent', outFile: path.join(dir, 'first.zip') });

    // Touch every file and loosen or tighten modes: the content is unchanged.
    const agent = path.join(dir, 'app/MyAgent');
    const later = new Date('2031-05-06T07:08:09Z');
    for (const e of fs.readdirSync(agent, { recursive: true, withFileTypes: true })) {
      if (e.isFile()) fs.utimesSync(path.join(e.parentPath, e.name), later, later);
    }
    fs.chmodSync(path.join(agent, 'main.py'), 0o600);
    fs.chmodSync(path.join(agent, 'tools/helper.py'), 0o664);
    // And package in another time zone: zip dates are zone-less local dates.
    const zone = process.env.TZ;
    process.env.TZ = 'Pacific/Auckland';
    const second = await packageAgent({ projectDir: dir, agent: 'MyAgent', outFile: path.join(dir, 'second.zip') }).finally(() => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    });

    expect(second.sha256).toBe(first.sha256);
    expect(fs.readFileSync(second.zipFile).equals(fs.readFileSync(first.zipFile))).toBe(true);
    const entries = listZip(second.zipFile).entries;
    const names = entries.map((e) => e.name);
    expect(names).toEqual([...names].sort());
    expect(new Set(entries.map((e) => e.date.join('-')))).toEqual(new Set(['1980-1-1-0-0-0']));
    expect(entries.every((e) => e.unix)).toBe(true);
    const modes = Object.fromEntries(entries.map((e) => [e.name, e.mode.toString(8)]));
    expect(modes['run.sh']).toBe('100755');
    expect(modes['main.py']).toBe('100644');
    expect(modes['pyproject.toml']).toBe('100644'); // read-only in the project, readable in the package
    expect(new Set(Object.values(modes))).toEqual(new Set(['100644', '100755']));
  });

  it('follows links to files, and refuses a dangling link or a link back to an enclosing folder', async () => {
    const dir = agentWithLocalFiles();
    const agent = path.join(dir, 'app/MyAgent');
    fs.writeFileSync(path.join(dir, 'shared.py'), 'SHARED = 1\n');
    fs.symlinkSync(path.join(dir, 'shared.py'), path.join(agent, 'shared.py'));
    const names = listZip((await packageAgent({ projectDir: dir, agent: 'MyAgent' })).zipFile).entries.map((e) => e.name);
    expect(names).toContain('shared.py');

    // A dangling link is an error unless it is ignored.
    fs.symlinkSync(path.join(dir, 'gone.py'), path.join(agent, 'gone.py'));
    await expect(packageAgent({ projectDir: dir, agent: 'MyAgent' })).rejects.toThrow(
      "app/MyAgent/gone.py is a link to nothing; remove it or add it to the agent's .gitignore",
    );
    fs.appendFileSync(path.join(agent, '.gitignore'), 'gone.py\n');
    await packageAgent({ projectDir: dir, agent: 'MyAgent' });

    fs.symlinkSync('..', path.join(agent, 'tools/up'));
    await expect(packageAgent({ projectDir: dir, agent: 'MyAgent' })).rejects.toThrow(
      "app/MyAgent/tools/up links to a folder that contains it; remove the link or add it to the agent's .gitignore",
    );
  });

  it('changes the hash when a file of the agent changes', async () => {
    const dir = agentWithLocalFiles();
    const before = await packageAgent({ projectDir: dir, agent: 'MyAgent' });
    fs.appendFileSync(path.join(dir, 'app/MyAgent/tools/helper.py'), '\n# changed\n');
    const after = await packageAgent({ projectDir: dir, agent: 'MyAgent' });
    expect(after.sha256).not.toBe(before.sha256);
    // Ignored files are not content: changing one changes nothing.
    fs.writeFileSync(path.join(dir, 'app/MyAgent/.env'), 'OTHER=1\n');
    expect((await packageAgent({ projectDir: dir, agent: 'MyAgent' })).sha256).toBe(after.sha256);
  });

  it('leaves the zip as it is when nothing it is made from changed (not written again), and makes it again when something did', async () => {
    const dir = agentWithLocalFiles();
    const first = await packageAgent({ projectDir: dir, agent: 'MyAgent' });
    const made = fs.statSync(first.zipFile);
    const again = await packageAgent({ projectDir: dir, agent: 'MyAgent' });
    expect(again).toEqual(first);
    const kept = fs.statSync(again.zipFile);
    expect([kept.ino, kept.mtimeMs]).toEqual([made.ino, made.mtimeMs]);

    fs.appendFileSync(path.join(dir, 'app/MyAgent/main.py'), '\n# changed\n');
    const changed = await packageAgent({ projectDir: dir, agent: 'MyAgent' });
    expect(changed.sha256).not.toBe(first.sha256);
    expect(fs.statSync(changed.zipFile).ino).not.toBe(made.ino);
    expect(listZip(changed.zipFile).corrupt).toBeNull();
  });

  it('makes the zip again when it was changed or removed since, with the same bytes as before', async () => {
    const dir = agentWithLocalFiles();
    const first = await packageAgent({ projectDir: dir, agent: 'MyAgent' });
    const bytes = fs.readFileSync(first.zipFile);
    fs.writeFileSync(first.zipFile, 'not a zip');
    expect(await packageAgent({ projectDir: dir, agent: 'MyAgent' })).toEqual(first);
    expect(fs.readFileSync(first.zipFile)).toEqual(bytes);
    fs.rmSync(first.zipFile);
    expect(await packageAgent({ projectDir: dir, agent: 'MyAgent' })).toEqual(first);
    expect(fs.readFileSync(first.zipFile)).toEqual(bytes);
  });

  it('refuses a package over the size limit, naming both sizes, and leaves no zip', async () => {
    const dir = agentWithLocalFiles();
    const outFile = path.join(dir, 'out.zip');
    await expect(packageAgent({ projectDir: dir, agent: 'MyAgent', outFile, limits: { zippedBytes: 1024, unzippedBytes: 10 * 1024 * 1024 } })).rejects.toThrow(
      /agent "MyAgent" is too large for AgentCore Runtime: .* zipped \(the limit is 0\.0 MB\).*pyproject\.toml/,
    );
    expect(fs.existsSync(outFile)).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);

    await expect(packageAgent({ projectDir: dir, agent: 'MyAgent', outFile, limits: { zippedBytes: 10 * 1024 * 1024, unzippedBytes: 1024 } })).rejects.toThrow(
      /unzipped \(the limit is/,
    );
    expect(fs.existsSync(outFile)).toBe(false);
  });

  it('names the agent, the file and the fix when the input is wrong', async () => {
    const dir = agentWithLocalFiles();
    await expect(packageAgent({ projectDir: dir, agent: 'Other' })).rejects.toThrow(
      'agent "Other" is not in agentcore/agentcore.json (agents: MyAgent); add it with project.addAgent() and run `npx projen`',
    );
    await expect(packageAgent({ projectDir: dir, agent: 'MyAgent', runtime: 'PYTHON_3_9' as never })).rejects.toThrow(
      /runtime "PYTHON_3_9" is not a Python runtime of AgentCore Runtime; use one of PYTHON_3_10, .*PYTHON_3_14/,
    );
    setDependencies(dir, 'MyAgent', '"requests>=2"');
    await expect(packageAgent({ projectDir: dir, agent: 'MyAgent' })).rejects.toThrow(
      'app/MyAgent/pyproject.toml › project.dependencies must be a list of requirement strings',
    );
    fs.rmSync(path.join(dir, 'app/MyAgent/pyproject.toml'));
    await expect(packageAgent({ projectDir: dir, agent: 'MyAgent' })).rejects.toThrow(
      'app/MyAgent/pyproject.toml was not found; run `npx projen` to generate it',
    );
    await expect(packageAgent({ projectDir: tempDir(), agent: 'MyAgent' })).rejects.toThrow(/agentcore\.json was not found/);
  });

  it('says how to get uv when the agent has dependencies and uv is missing', async () => {
    const dir = projectWithAgent({ name: 'MyAgent', framework: 'Strands', modelProvider: 'Bedrock' });
    const error = await packageAgent({ projectDir: dir, agent: 'MyAgent', uv: path.join(dir, 'no-such-uv') }).catch((e) => e);
    expect(error).toBeInstanceOf(PackageError);
    expect(error.message).toMatch(/uv was not found .*install it \(`pip install uv`\) or set UV to its path/);
  });
});
