import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The project's files have one home, src/project-files/: each path is spelled once, the config has
 * one loader and the secrets file one reader. A second spelling, loader or reader elsewhere would
 * drift from the first (ours did), so these walk src/ and name any module that adds one.
 */
const SRC = path.resolve(__dirname, '../../src');

function sources(): { file: string; text: string }[] {
  return fs
    .readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: f.split(path.sep).join('/'), text: code(fs.readFileSync(path.join(SRC, f), 'utf8')) }));
}

/** The text without its comments (doc comments name paths in backticks). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

/** Modules with a string literal that is a path ending in `name` (`'agentcore/x'`, `'x'`), not a message that mentions it. */
function spelling(name: string): string[] {
  const escaped = name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const literal = new RegExp(`['"\`][^'"\`\\s]*${escaped}['"\`]`);
  return sources()
    .filter((s) => literal.test(s.text))
    .map((s) => s.file);
}

describe("the project's files", () => {
  it.each(['agentcore.json', 'agentcore.schema.json', '.env.local', 'deployed-state.json', 'edit.lock', '.deploy/lock'])(
    '%s is spelled as a path in one module only',
    (name) => {
      expect(spelling(name)).toEqual(['project-files/paths.ts']);
    },
  );

  it('finds a path spelled elsewhere (the check is not blind)', () => {
    const literal = /['"`][^'"`\s]*agentcore\.json['"`]/;
    expect(literal.test("const CONFIG = 'agentcore/agentcore.json';")).toBe(true);
    expect(literal.test("path.join(root, 'agentcore', 'agentcore.json')")).toBe(true);
    expect(literal.test("'the config (default: agentcore/agentcore.json under --dir)'")).toBe(false);
  });

  it('the config is validated by one loader', () => {
    const parsers = sources().filter((s) => /\bprojectConfig\.(safeParse|parse)\(/.test(s.text) || /JSON\.parse\([^)]*\)\s*as\s+ProjectConfig/.test(s.text));
    expect(parsers.map((s) => s.file)).toEqual(['project-files/project-config.ts']);
  });

  it('the secrets file is parsed by one reader', () => {
    const readers = sources().filter((s) => /\bparseEnv\(/.test(s.text));
    expect(readers.map((s) => s.file)).toEqual(['project-files/secrets-file.ts']);
  });
});
