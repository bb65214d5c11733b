import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { upsertEnvText } from '../../src/project-files/secrets-file';

describe('agentcore/.env.local updates', () => {
  it('replace a variable in place and append new ones, keeping every other line', () => {
    const before = '# secrets\nA=1\n\nexport B=old # note\nC=3\n';
    expect(upsertEnvText(before, { B: 'new', D: 'four' })).toBe('# secrets\nA=1\n\nB=new\nC=3\nD=four\n');
  });

  it.each(['plain-Value_1', 'with space', 'hash#inside', `it's`, 'say "hi"', 'line\nbreak', '$HOME', ''])(
    'store %j so that it reads back the same',
    (value) => {
      const text = upsertEnvText('X=1\n', { SECRET: value });
      expect(parseEnv(text)).toEqual({ X: '1', SECRET: value });
    },
  );

  it('keep Windows line endings', () => {
    expect(upsertEnvText('A=1\r\n', { B: '2' })).toBe('A=1\r\nB=2\r\n');
  });
});
