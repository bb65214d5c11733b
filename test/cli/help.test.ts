import { execFileSync } from 'node:child_process';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main';
import { cli, REPO, TSX } from './helpers/project';

// Every verb and flag of the `agentcore` CLI is there, each command has --help and --json.
const DOC_FLAGS: Record<string, string[]> = {
  'add gateway': [
    '--name',
    '--authorizer-type',
    '--discovery-url',
    '--allowed-audience',
    '--allowed-clients',
    '--agent-client-id',
    '--agent-client-secret',
    '--client-id',
    '--client-secret',
  ],
  'add gateway-target': [
    '--type',
    '--name',
    '--endpoint',
    '--host',
    '--language',
    '--gateway',
    '--rest-api-id',
    '--stage',
    '--tool-filter-path',
    '--tool-filter-methods',
    '--schema',
    '--outbound-auth',
    '--credential-name',
    '--lambda-arn',
    '--tool-schema-file',
    '--oauth-client-id',
    '--oauth-client-secret',
    '--oauth-discovery-url',
    '--oauth-scopes',
    '--api-key-parameter-name',
    '--api-key-prefix',
    '--api-key-location',
  ],
  'add credential': ['--name', '--type', '--discovery-url', '--client-id', '--client-secret', '--api-key', '--scopes'],
  'add identity': ['--name', '--type', '--discovery-url', '--client-id', '--client-secret'],
  'add agent': ['--name', '--framework', '--model-provider'],
  'remove agent': ['--name', '--yes'],
  'remove gateway': ['--name', '--yes'],
  'remove gateway-target': ['--name', '--gateway', '--yes'],
  'remove credential': ['--name', '--yes'],
  dev: ['--agent', '--port', '--no-install'],
  create: ['--name', '--defaults', '--output-dir', '--no-git'],
};

function find(program: Command, words: string[]): Command {
  return words.reduce((cmd, w) => {
    const sub = cmd.commands.find((c) => c.name() === w || c.aliases().includes(w));
    if (!sub) throw new Error(`no command "${words.join(' ')}"`);
    return sub;
  }, program);
}

describe('commands', () => {
  it.each(Object.entries(DOC_FLAGS))('%s has the reference flags and --json', (name, flags) => {
    const help = find(buildProgram(), name.split(' ')).helpInformation();
    for (const flag of [...flags, '--json']) expect(help).toContain(`${flag} `);
  });

  it('--help prints the usage and exits 0', () => {
    const r = cli(REPO, ['add', 'gateway-target', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: agentcore-projen add gateway-target \[options\]/);
  });

  it('outside a project, an edit says how to get one', () => {
    const r = cli('/', ['add', 'gateway', '--name', 'g']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/No \.projenrc\.ts found in \/ or any folder above it.*create --name MyProject/);
  });

  it('start without ts-morph or the AWS SDK (loaded only by the commands that need them)', () => {
    const probe = `require('./src/cli/main.ts').buildProgram();
      process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((k) => /ts-morph|typescript|@aws-sdk/.test(k))));`;
    expect(JSON.parse(execFileSync(process.execPath, ['--import', TSX, '-e', probe], { cwd: REPO, encoding: 'utf8' }))).toEqual([]);
  });
});
