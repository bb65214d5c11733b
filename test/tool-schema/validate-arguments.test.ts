import { describe, expect, it } from 'vitest';
import type { ToolDefinition } from '../../src/model/managed-server';
import { validateToolArguments } from '../../src/tool-schema/validate-arguments';

const now: ToolDefinition = { name: 'now', description: 'Tells the time.', inputSchema: { type: 'object', properties: {}, additionalProperties: false } };
const repeat: ToolDefinition = {
  name: 'repeat',
  description: 'Repeats a word.',
  inputSchema: {
    type: 'object',
    properties: {
      word: { type: 'string' },
      times: { type: 'integer' },
      options: { type: 'object', properties: { loud: { type: 'boolean' } }, additionalProperties: false },
    },
    required: ['word', 'times'],
    additionalProperties: false,
  },
};

describe('validateToolArguments (what the local gateway checks before a tool runs)', () => {
  it('a tool without arguments takes a call with none, or with an empty object, and nothing else', () => {
    expect(validateToolArguments(now, undefined)).toEqual({ valid: true });
    expect(validateToolArguments(now, {})).toEqual({ valid: true });
    expect(validateToolArguments(now, { zone: 'UTC' })).toEqual({
      valid: false,
      message: 'invalid arguments for tool "now": zone is not an argument of this tool',
    });
  });

  it('names nested arguments by their path and says what each must be', () => {
    expect(validateToolArguments(repeat, { word: 'hi', times: 2.5, options: { loud: 'yes', color: 'red' } })).toEqual({
      valid: false,
      message:
        'invalid arguments for tool "repeat": times must be an integer (got 2.5); options.color is not an argument of this tool (options takes loud); options.loud must be a boolean (got "yes")',
    });
    expect(validateToolArguments(repeat, ['hi', 2])).toEqual({
      valid: false,
      message: 'invalid arguments for tool "repeat": the arguments must be an object (got ["hi",2])',
    });
  });
});
