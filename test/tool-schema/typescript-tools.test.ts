import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { ToolSchemaError } from '../../src/tool-schema/tool-schema-error';
import { readTypeScriptTools, typeScriptToolSchemas } from '../../src/tool-schema/typescript-tools';
import { validateToolArguments } from '../../src/tool-schema/validate-arguments';
import { tempDir } from '../helpers/tmp';
import { TRIP_TOOLS, TRIP_TOOLS_TS } from './trip-tool';

/** Writes `files` into a fresh folder and reads the tools of its tools.ts. */
function read(files: Record<string, string>) {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return readTypeScriptTools(path.join(dir, 'tools.ts'), { root: dir });
}

/** The schema of one field of type `type` (declared in a tool `t` after `before`). */
function field(type: string, before = '') {
  return read({ 'tools.ts': `${before}\n/** T. */\nexport function t(input: { f: ${type} }) {}\n` });
}

describe('tool schemas from TypeScript', () => {
  it('reads each exported function: JSDoc as description, the object parameter as input schema', () => {
    const { tools, issues } = read({ 'tools.ts': TRIP_TOOLS_TS });
    expect(issues).toEqual([]);
    expect(tools).toEqual(TRIP_TOOLS);
    // Each input schema is itself valid JSON Schema 2020-12.
    const ajv = new Ajv2020();
    for (const tool of tools) expect(ajv.validateSchema(tool.inputSchema), JSON.stringify(ajv.errors)).toBe(true);
  });

  it('the schema admits the calls the function takes and refuses the others, naming each bad argument', () => {
    const [planTrip] = read({ 'tools.ts': TRIP_TOOLS_TS }).tools;
    const good = { origin: 'Paris', mode: 'train', stops: [{ city: 'Lyon', nights: 2 }] };
    expect(validateToolArguments(planTrip!, good)).toEqual({ valid: true });
    expect(validateToolArguments(planTrip!, { ...good, note: 'pack light' })).toEqual({ valid: true });

    const bad = validateToolArguments(planTrip!, { origin: 'Paris', mode: 'plane', stops: [{ city: 'Lyon', nights: 'two' }, { nights: 1 }], speed: 3 });
    expect(bad.valid).toBe(false);
    const message = (bad as { message: string }).message;
    expect(message).toContain('invalid arguments for tool "plan_trip"');
    expect(message).toContain('mode must be one of "train", "car" (got "plane")');
    expect(message).toContain('stops[0].nights must be a number (got "two")');
    expect(message).toContain('stops[1].city is required');
    expect(message).toContain('speed is not an argument of this tool (it takes origin, mode, stops, note)');
    expect(validateToolArguments(planTrip!, { mode: 'car', stops: [] })).toEqual({
      valid: false,
      message: 'invalid arguments for tool "plan_trip": origin is required',
    });
  });

  it('follows interfaces, type aliases, string enums, intersections and relative imports', () => {
    const { tools, issues } = read({
      'types.ts': `export interface Base {\n  /** The id. */\n  id: string;\n}\nexport type Unit = 'c' | 'f';\n`,
      'tools.ts': `import type { Base, Unit as Units } from './types.js';
enum Level { Low = 'low', High = 'high' }
interface Reading extends Base { value: number; unit?: Units | undefined }
type Tagged = Reading & { tags: readonly string[]; flags: Array<true | false> };
/** Stores readings. */
export const store = function (input: { readings: Tagged[]; level: Level; ratio: 1 | 2 | -3 }) {};
/** Pings. */
function ping(): void {}
export { ping as healthCheck };
`,
    });
    expect(issues).toEqual([]);
    expect(tools.map((t) => t.name)).toEqual(['store', 'healthCheck']);
    expect(tools[0]!.inputSchema).toEqual({
      type: 'object',
      properties: {
        readings: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string', description: 'The id.' },
              value: { type: 'number' },
              unit: { type: 'string', enum: ['c', 'f'] },
              tags: { type: 'array', items: { type: 'string' } },
              flags: { type: 'array', items: { type: 'boolean' } },
            },
            required: ['id', 'value', 'tags', 'flags'],
            additionalProperties: false,
          },
        },
        level: { type: 'string', enum: ['low', 'high'] },
        ratio: { type: 'number', enum: [1, 2, -3] },
      },
      required: ['readings', 'level', 'ratio'],
      additionalProperties: false,
    });
  });

  it.each<[string, string, string?]>([
    ['Date', 'declare it as `string` (an ISO 8601 date)'],
    ['Map<string, number>', 'JSON has no maps'],
    ['Set<string>', 'use an array'],
    ['Record<string, number>', 'list the fields in an object type'],
    ['Promise<string>', 'use the value type'],
    ['(x: number) => void', 'is a function'],
    ['{ run(): void }', 'is a method'],
    ['{ [key: string]: number }', 'is an index signature'],
    ['any', 'give it a concrete type'],
    ['unknown', 'give it a concrete type'],
    ['object', 'use an object type that lists them'],
    ['string | null', 'mark it optional (`name?: string`) instead'],
    ['string | number', 'mixes types'],
    ['{ a: string } | { b: number }', 'use one object type with optional fields'],
    ['[string, number]', 'tuples cannot be described'],
    ['Partial<{ a: string }>', 'write the object type out'],
    ['keyof { a: string }', 'write the type out'],
    ['Missing', 'type `Missing` is not declared in this file'],
    ['Box<string>', 'is generic', 'interface Box<T> { v: T }'],
    ['Tree', 'refers to itself', 'interface Tree { kids: Tree[] }'],
    ['Point', 'is a class, but the handler passes the plain JSON object', 'class Point { x = 0; }'],
    ['Level', 'give each member one', 'enum Level { Low, High }'],
    ['Opts', 'comes from the package "node:fs"', "import type { Opts } from 'node:fs';"],
    ['Gone', 'cannot find the module "./gone"', "import type { Gone } from './gone';"],
  ])('refuses a field of type %s, naming the tool, the field and the fix', (type, fix, before) => {
    const { tools, issues } = field(type, before);
    expect(tools).toEqual([]);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.where).toMatch(/^tools\.ts:\d+ › tool "t" › input\.f/);
    expect(issues[0]!.message).toContain(fix);
  });

  it.each([
    ['export function t(input: { a: number }) {}', 'tools.ts:1 › tool "t"', 'has no description; add a JSDoc comment'],
    [
      '/** T. */\nexport function t(a: number, b: number) {}',
      'tools.ts:2 › tool "t"',
      'takes 2 parameters; a tool takes one object parameter whose fields are the arguments: `t(input: { a: number; b: number })`',
    ],
    ['/** T. */\nexport function t(city: string) {}', 'tools.ts:2 › tool "t" › city', 'the parameter must be an object type: `city: { value: string }`'],
    ['/** T. */\nexport function t(input) {}', 'tools.ts:2 › tool "t" › input', 'has no type; annotate it'],
    ['/** T. */\nexport function t(...items: string[]) {}', 'tools.ts:2 › tool "t" › items', 'is a rest parameter'],
    ['/** T. */\nexport function t<T>(input: T) {}', 'tools.ts:2 › tool "t"', 'is generic'],
    ['/** T. */\nexport default function (input: { a: string }) {}', 'tools.ts:2', 'a default export has no tool name'],
    ['/** T. */\nexport function $t(input: { a: string }) {}', 'tools.ts:2 › tool "$t"', 'cannot be a tool name'],
    ["export * from './other';", 'tools.ts:1', 're-exports are not read'],
    ['export const VERSION = 1;\nfunction hidden() {}', 'tools.ts', 'exports no tool function, and a Lambda target needs at least one'],
  ])('refuses %j with the fix', (text, where, fix) => {
    const { issues } = read({ 'tools.ts': `${text}\n` });
    expect(issues).toEqual([{ where, message: expect.stringContaining(fix) }]);
  });

  it('lists every problem of the file at once', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'app/mcp/weather'), { recursive: true });
    const file = path.join(dir, 'app/mcp/weather/tools.ts');
    fs.writeFileSync(file, `/** A. */\nexport function a(input: { when: Date }) {}\n/** B. */\nexport function b(input: { m: Map<string, string> }) {}\n`);
    let error: unknown;
    try {
      typeScriptToolSchemas(file, { root: dir });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ToolSchemaError);
    expect((error as Error).message).toMatch(/^The tools of app\/mcp\/weather\/tools\.ts have 2 problems:\n/);
    expect((error as ToolSchemaError).issues.map((i) => i.where)).toEqual([
      'app/mcp/weather/tools.ts:2 › tool "a" › input.when',
      'app/mcp/weather/tools.ts:4 › tool "b" › input.m',
    ]);
  });
});
