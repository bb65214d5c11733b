import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commentText, pythonLiteral } from '../../src/render/literals';

const python = (source: string) => execFileSync('python3', ['-c', source], { encoding: 'utf8' });

// Hostile texts: quotes next to the docstring's own delimiters, backslashes, control characters.
const HOSTILE = ['a"', 'a""', 'a"""', 'a""""', 'a"""""', '"x', 'x\\', 'x\\"', 'a\\"""', '"""', '""', '"', "it's {{name}}", 'tab\there'];

describe('literals for generated Python', () => {
  it('keeps any text exact inside a docstring, and the file valid', () => {
    const source = HOSTILE.map((text, i) => `def f${i}():\n    """${commentText(text)}"""\n`).join('\n');
    const docs = python(`${source}\nimport json\nprint(json.dumps([${HOSTILE.map((_, i) => `f${i}.__doc__`).join(', ')}]))`);
    expect(JSON.parse(docs)).toEqual(HOSTILE.map((t) => t.replace(/\t/g, ' ')));
  });

  it('turns line breaks and NUL into spaces, so text cannot leave its comment line', () => {
    const out = python(`# ${commentText('x\nimport os; print("injected")\u0000')}\nprint("ok")`);
    expect(out).toBe('ok\n');
  });

  it('writes values as Python literals that evaluate back to the same data', () => {
    const value = { text: 'a"b\\c\nd\u2028', list: ['x', 1, true, null], nested: { k: false } };
    const out = python(`import json\nprint(json.dumps(${pythonLiteral(value)}))`);
    expect(JSON.parse(out)).toEqual(value);
  });
});
