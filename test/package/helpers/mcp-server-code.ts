import * as fs from 'node:fs';
import * as path from 'node:path';

/*
 * Small code folders of managed MCP servers, written as the scaffolds and their generated glue lay
 * them out (app/mcp/<target>/): the two sample tools `add` and `greet`, and the handler that routes
 * AgentCore's `<target>___<tool>` name to them. Tests package and deploy these.
 */

export const TS_TOOLS = `/** Adds two numbers. */
export function add(input: {
  /** The first number. */
  a: number;
  /** The second number. */
  b: number;
}): number {
  return input.a + input.b;
}

/** Greets someone by name. */
export async function greet(input: {
  /** Who to greet. */
  name: string;
}): Promise<string> {
  return \`Hello, \${input.name}!\`;
}
`;

const tsHandler = (target: string) => `import * as tools from './tools';

type Tool = (input: unknown) => unknown;
const PREFIX = '${target}___';

export async function handler(event: unknown, context: { clientContext?: { custom?: Record<string, string> } }): Promise<unknown> {
  const full = context.clientContext?.custom?.bedrockAgentCoreToolName ?? '';
  const name = full.startsWith(PREFIX) ? full.slice(PREFIX.length) : full;
  const tool = (tools as Record<string, Tool>)[name];
  if (!tool) throw new Error(\`unknown tool \${full}\`);
  return tool(event);
}
`;

export const PY_TOOLS = `def add(a: float, b: float) -> float:
    """Adds two numbers.

    Args:
        a: The first number.
        b: The second number.
    """
    return a + b


def greet(name: str) -> str:
    """Greets someone by name.

    Args:
        name: Who to greet.
    """
    return f"Hello, {name}!"
`;

const pyHandler = (target: string) => `import tools

PREFIX = "${target}___"


def handler(event, context):
    full = context.client_context.custom["bedrockAgentCoreToolName"]
    name = full[len(PREFIX):] if full.startswith(PREFIX) else full
    return getattr(tools, name)(**event)
`;

const pyproject = (dependencies: string[]) =>
  `[project]\nname = "mcp-server"\nversion = "0.1.0"\nrequires-python = ">=3.10"\ndependencies = [${dependencies.map((d) => JSON.stringify(d)).join(', ')}]\n`;

const PY_SERVER = `import os

from mcp.server.fastmcp import FastMCP

mcp = FastMCP(host="0.0.0.0", port=int(os.environ.get("PORT", "8000")), stateless_http=True)


@mcp.tool()
def add(a: float, b: float) -> float:
    """Adds two numbers."""
    return a + b


@mcp.tool()
def greet(name: str) -> str:
    """Greets someone by name."""
    return f"Hello, {name}!"


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
`;

const TS_SERVER = `import { createServer } from 'node:http';

// A stand-in for the scaffold's server: what matters to packaging is that it bundles into one file.
const port = Number(process.env.PORT ?? 8000);
createServer((_req, res) => res.end('ok')).listen(port, '0.0.0.0');
`;

export type ServerKind = 'lambda-ts' | 'lambda-py' | 'runtime-py' | 'runtime-ts';

/** Writes a server's code into `<projectDir>/app/mcp/<target>/`; returns that folder. */
export function writeServerCode(projectDir: string, target: string, kind: ServerKind, opts: { dependencies?: string[] } = {}): string {
  const dir = path.join(projectDir, 'app', 'mcp', target);
  fs.mkdirSync(dir, { recursive: true });
  const files: Record<string, string> =
    kind === 'lambda-ts'
      ? { 'tools.ts': TS_TOOLS, 'handler.ts': tsHandler(target), 'package.json': '{ "private": true }\n' }
      : kind === 'lambda-py'
        ? { 'tools.py': PY_TOOLS, 'handler.py': pyHandler(target), 'pyproject.toml': pyproject(opts.dependencies ?? []) }
        : kind === 'runtime-py'
          ? { 'server.py': PY_SERVER, 'pyproject.toml': pyproject(opts.dependencies ?? ['mcp>=1.10']) }
          : { 'server.ts': TS_SERVER, 'package.json': '{ "private": true }\n' };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}
