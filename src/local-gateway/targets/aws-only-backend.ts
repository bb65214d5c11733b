import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { type TargetBackend, toolError } from './target-backend';

const HOW_IT_RUNS: Record<string, string> = {
  'api-gateway': "calls an Amazon API Gateway REST API with the gateway's IAM role",
  'smithy-model': "calls an AWS service described by a Smithy model with the gateway's IAM role",
  'lambda-function-arn': "invokes an AWS Lambda function with the gateway's IAM role",
};

/**
 * A target that only works in AWS (api-gateway, smithy-model, lambda-function-arn) with no local
 * stand-in: its tools are listed, so agents see the same tool set as when deployed, and every
 * call returns a tool error that says why and what to do instead.
 */
export class AwsOnlyBackend implements TargetBackend {
  constructor(
    private readonly gateway: string,
    private readonly target: string,
    private readonly type: string,
    private readonly tools: Tool[],
  ) {}

  async listTools(): Promise<Tool[]> {
    return this.tools;
  }

  async callTool(name: string): Promise<CallToolResult> {
    return toolError(
      `Tool "${this.target}___${name}" is not available locally: target "${this.target}" is a ${this.type} target, which ${HOW_IT_RUNS[this.type]} and only works once deployed (npx projen deploy). ` +
        `To use it locally, serve the same tools from a local MCP server and start the gateway with --stand-in ${this.gateway}/${this.target}=http://127.0.0.1:<port>/mcp.`,
    );
  }

  async close(): Promise<void> {}
}
