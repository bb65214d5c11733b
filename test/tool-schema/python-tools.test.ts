import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonToolSchemas } from '../../src/tool-schema/python-tools';
import { ToolSchemaError } from '../../src/tool-schema/tool-schema-error';
import { readTypeScriptTools } from '../../src/tool-schema/typescript-tools';
import { UserError } from '../../src/user-error';
import { tempDir } from '../helpers/tmp';
import { TRIP_TOOLS, TRIP_TOOLS_PY, TRIP_TOOLS_TS } from './trip-tool';

/** A project with `app/mcp/py-tools/tools.py`, and a Python 3.11 that counts how often it runs. */
function pythonProject(tools: string) {
  const root = tempDir();
  const codeDir = path.join(root, 'app/mcp/py-tools');
  fs.mkdirSync(codeDir, { recursive: true });
  fs.writeFileSync(path.join(codeDir, 'tools.py'), tools);
  const python = countingPython(tempDir());
  return { root, codeDir, python: python.path, runs: python.runs };
}

/** An executable that records each start, then runs the machine's python3.11. */
function countingPython(dir: string, name = 'python') {
  const file = path.join(dir, name);
  const log = path.join(dir, `${name}.runs`);
  fs.writeFileSync(file, `#!/bin/sh\necho run >> "${log}"\nexec python3.11 "$@"\n`, { mode: 0o755 });
  return { path: file, runs: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0) };
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a failure');
}

describe('tool schemas from Python (real Python 3.11)', () => {
  it('the Python version of a tool yields the same tools and input schemas as the TypeScript version', async () => {
    const { root, codeDir, python } = pythonProject(TRIP_TOOLS_PY);
    const fromPython = await pythonToolSchemas(codeDir, { root, python });
    expect(fromPython).toEqual(TRIP_TOOLS);
    const ts = path.join(tempDir(), 'tools.ts');
    fs.writeFileSync(ts, TRIP_TOOLS_TS);
    expect(fromPython).toEqual(readTypeScriptTools(ts).tools);
  });

  it('runs Python once per version of the code: a second read comes from the cache, an edit is read again', async () => {
    const { root, codeDir, python, runs } = pythonProject(TRIP_TOOLS_PY);
    const logged: string[] = [];
    const first = await pythonToolSchemas(codeDir, { root, python, log: (l) => logged.push(l) });
    expect(runs()).toBe(1);
    expect(await pythonToolSchemas(codeDir, { root, python, log: (l) => logged.push(l) })).toEqual(first);
    expect(runs()).toBe(1);
    expect(logged).toEqual([`Reading the tools of app/mcp/py-tools/tools.py with ${python}`]);
    expect(fs.readdirSync(path.join(root, 'agentcore/.deploy/cache/tool-schemas'))).toEqual(['py-tools.json']);

    fs.appendFileSync(path.join(codeDir, 'tools.py'), '\n\ndef shout(text: str) -> str:\n    """Says it louder."""\n    return text.upper()\n');
    const edited = await pythonToolSchemas(codeDir, { root, python });
    expect(runs()).toBe(2);
    expect(edited.map((t) => t.name)).toEqual(['plan_trip', 'greet', 'now', 'shout']);
    // A change outside the code folder (a cache of Python's own) is not an edit.
    fs.mkdirSync(path.join(codeDir, '__pycache__'));
    fs.writeFileSync(path.join(codeDir, '__pycache__', 'tools.cpython-311.pyc'), 'x');
    await pythonToolSchemas(codeDir, { root, python });
    expect(runs()).toBe(2);
  });

  it("uses the code folder's .venv when it has one (the tools' dependencies are there)", async () => {
    const { root, codeDir, runs } = pythonProject(TRIP_TOOLS_PY);
    fs.mkdirSync(path.join(codeDir, '.venv/bin'), { recursive: true });
    const venv = countingPython(path.join(codeDir, '.venv/bin'));
    expect(await pythonToolSchemas(codeDir, { root })).toEqual(TRIP_TOOLS);
    expect(venv.runs()).toBe(1);
    expect(runs()).toBe(0);
  });

  it('reads reST and Annotated descriptions, nested TypedDicts with NotRequired fields, and int as integer', async () => {
    const { root, codeDir, python } = pythonProject(`from typing import Annotated, Literal, NotRequired, TypedDict


class Topping(TypedDict):
    """A topping.

    Attributes:
        name: What it is.
    """

    name: str
    extra: NotRequired[bool]
    tags: NotRequired[list[str]]


class Address(TypedDict):
    street: str
    floor: NotRequired[int]


def order(size: Literal["s", "l"], toppings: list[Topping], address: Address, count: Annotated[int, "How many pizzas."] = 1) -> str:
    """Orders pizza.

    Delivered hot.

    :param size: The size.
    """
    return "ok"
`);
    expect(await pythonToolSchemas(codeDir, { root, python })).toEqual([
      {
        name: 'order',
        description: 'Orders pizza.\n\nDelivered hot.',
        inputSchema: {
          type: 'object',
          properties: {
            size: { type: 'string', description: 'The size.', enum: ['s', 'l'] },
            toppings: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  name: { type: 'string', description: 'What it is.' },
                  extra: { type: 'boolean' },
                  tags: { type: 'array', items: { type: 'string' } },
                },
                required: ['name'],
                additionalProperties: false,
              },
            },
            address: {
              type: 'object',
              properties: { street: { type: 'string' }, floor: { type: 'integer' } },
              required: ['street'],
              additionalProperties: false,
            },
            count: { type: 'integer', description: 'How many pizzas.' },
          },
          required: ['size', 'toppings', 'address'],
          additionalProperties: false,
        },
      },
    ]);
  });

  it('refuses types the gateway cannot describe, naming the file, line, tool, parameter and fix; nothing is cached', async () => {
    const { root, codeDir, python, runs } = pythonProject(`import datetime
from dataclasses import dataclass
from enum import Enum
from typing import Any


class Size(Enum):
    SMALL = "s"


@dataclass
class Point:
    x: float


def book(when: datetime.datetime, guests: int, extras: dict[str, str], note: str | None) -> str:
    """Books a table."""
    return "ok"


def log(*lines: str) -> None:
    """Logs lines."""


def anything(value: Any, count) -> None:
    pass


def draw(at: Point, size: Size) -> None:
    """Draws."""
`);
    const error = await failure(pythonToolSchemas(codeDir, { root, python }));
    expect(error).toBeInstanceOf(ToolSchemaError);
    expect((error as ToolSchemaError).issues).toEqual([
      {
        where: 'app/mcp/py-tools/tools.py:16 › tool "book" › when',
        message: expect.stringContaining('declare it as str (ISO 8601) and parse it in the function'),
      },
      { where: 'app/mcp/py-tools/tools.py:16 › tool "book" › extras', message: expect.stringContaining('use a TypedDict that lists the fields') },
      { where: 'app/mcp/py-tools/tools.py:16 › tool "book" › note', message: expect.stringContaining('give it a default (`= None`)') },
      { where: 'app/mcp/py-tools/tools.py:21 › tool "log" › lines', message: expect.stringContaining('list each argument as a named, typed parameter') },
      { where: 'app/mcp/py-tools/tools.py:25 › tool "anything"', message: expect.stringContaining('has no description; add a docstring') },
      { where: 'app/mcp/py-tools/tools.py:25 › tool "anything" › value', message: expect.stringContaining('give it a concrete type') },
      { where: 'app/mcp/py-tools/tools.py:25 › tool "anything" › count', message: 'has no type hint; annotate it (`count: str`)' },
      {
        where: 'app/mcp/py-tools/tools.py:29 › tool "draw" › at',
        message: expect.stringContaining('the handler passes a dict, not a Point; declare the fields with a TypedDict'),
      },
      { where: 'app/mcp/py-tools/tools.py:29 › tool "draw" › size', message: expect.stringContaining('not a Size member; use Literal["s"]') },
    ]);
    expect(error.message).toMatch(/^The tools of app\/mcp\/py-tools\/tools\.py have 9 problems:/);
    await failure(pythonToolSchemas(codeDir, { root, python }));
    expect(runs()).toBe(2);
  });

  it('reports a module that fails to import with the fix, and what it printed does not get in the way', async () => {
    const { root, codeDir, python } = pythonProject('print("starting")\nimport not_installed_anywhere\n');
    const error = await failure(pythonToolSchemas(codeDir, { root, python }));
    expect((error as ToolSchemaError).issues).toEqual([
      {
        where: 'app/mcp/py-tools/tools.py',
        message: expect.stringContaining(
          "importing it failed: ModuleNotFoundError: No module named 'not_installed_anywhere'; fix the module, or install its dependencies in the target's .venv",
        ),
      },
    ]);
    fs.writeFileSync(path.join(codeDir, 'tools.py'), `print("starting")\n\n\ndef ping() -> str:\n    """Answers pong."""\n    return "pong"\n`);
    expect(await pythonToolSchemas(codeDir, { root, python })).toEqual([
      { name: 'ping', description: 'Answers pong.', inputSchema: { type: 'object', properties: {}, additionalProperties: false } },
    ]);
  });

  it('a module without public functions has no tools, which a Lambda target cannot have', async () => {
    const { root, codeDir, python } = pythonProject('VERSION = 1\n\n\ndef _hidden():\n    pass\n');
    const error = await failure(pythonToolSchemas(codeDir, { root, python }));
    expect((error as ToolSchemaError).issues).toEqual([
      { where: 'app/mcp/py-tools/tools.py', message: expect.stringContaining('defines no public function, and a Lambda target needs at least one tool') },
    ]);
  });

  it('says when the Python to run is missing', async () => {
    const { root, codeDir } = pythonProject(TRIP_TOOLS_PY);
    const error = await failure(pythonToolSchemas(codeDir, { root, python: path.join(root, 'no-such-python') }));
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toContain('no-such-python was not found; install Python 3.10 or newer');
  });
});
