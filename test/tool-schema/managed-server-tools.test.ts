import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { managedServerCodeLocation, type ManagedServerConfig } from '../../src/model/managed-server';
import { managedServerTools } from '../../src/tool-schema/managed-server-tools';
import { ToolSchemaError } from '../../src/tool-schema/tool-schema-error';
import { tempDir } from '../helpers/tmp';
import { TRIP_TOOLS, TRIP_TOOLS_PY, TRIP_TOOLS_TS } from './trip-tool';

function server(host: ManagedServerConfig['host'], language: ManagedServerConfig['language']): ManagedServerConfig {
  return { host, language, codeLocation: managedServerCodeLocation('trip-tools'), deployedName: 'P-g-trip-tools', managedRoleName: 'P-g-trip-tools-mcp' };
}

function project(file: string, text: string): string {
  const root = tempDir();
  fs.mkdirSync(path.join(root, 'app/mcp/trip-tools'), { recursive: true });
  fs.writeFileSync(path.join(root, 'app/mcp/trip-tools', file), text);
  return root;
}

describe('managedServerTools: the tools the local gateway serves and deploy declares', () => {
  it('reads a TypeScript server from its code, again only once the code has changed', async () => {
    const root = project('tools.ts', TRIP_TOOLS_TS);
    const logged: string[] = [];
    const log = (line: string) => logged.push(line);
    expect(await managedServerTools(root, server('Lambda', 'TypeScript'), { log })).toEqual(TRIP_TOOLS);
    expect(await managedServerTools(root, server('Lambda', 'TypeScript'), { log })).toEqual(TRIP_TOOLS);
    expect(logged).toEqual(['Reading the tools of app/mcp/trip-tools/tools.ts']);

    fs.writeFileSync(path.join(root, 'app/mcp/trip-tools/tools.ts'), `/** Adds two numbers. */\nexport function add(input: { a: number; b: number }) {}\n`);
    expect((await managedServerTools(root, server('Lambda', 'TypeScript'), { log }))!.map((t) => t.name)).toEqual(['add']);
    expect(logged).toHaveLength(2);
  });

  it('a TypeScript tool edited into an unsupported type since synth is refused with the fix', async () => {
    const root = project('tools.ts', `/** Books. */\nexport function book(input: { when: Date }) {}\n`);
    await expect(managedServerTools(root, server('Lambda', 'TypeScript'))).rejects.toThrow(ToolSchemaError);
    await expect(managedServerTools(root, server('Lambda', 'TypeScript'))).rejects.toThrow(
      /app\/mcp\/trip-tools\/tools\.ts:2 › tool "book" › input\.when: .*declare it as `string`/,
    );
  });

  it('reads a Python server by running Python', async () => {
    const root = project('tools.py', TRIP_TOOLS_PY);
    expect(await managedServerTools(root, server('Lambda', 'Python'), { python: 'python3.11' })).toEqual(TRIP_TOOLS);
  });

  it('leaves a server on AgentCore Runtime to list its own tools over MCP', async () => {
    const root = project('server.py', '');
    expect(await managedServerTools(root, server('AgentCoreRuntime', 'Python'))).toBeUndefined();
  });
});
