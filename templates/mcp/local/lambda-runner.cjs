/*
 * Runs the generated handler.ts of a Lambda-hosted managed MCP server for the local gateway, the way
 * Lambda calls it. Started as `node --import tsx lambda-runner.cjs <code folder>`; reads one request per
 * line on stdin and answers each on file descriptor 3 (stdout and stderr stay the code's own):
 *   {"id": 1, "tool": "<target>___<tool>", "event": {...}} -> {"id": 1, "result": ...} or {"id": 1, "error": "..."}
 * It ends when stdin closes, so it never outlives the gateway that started it.
 */
const fs = require('node:fs');
const path = require('node:path');
const readline = require('node:readline');

const codeDir = path.resolve(process.argv[2]);
const replies = fs.createWriteStream(null, { fd: 3 });
const reply = (message) => replies.write(`${JSON.stringify(message)}\n`);

const { handler } = require(path.join(codeDir, 'handler.ts'));

async function answer(request) {
  const context = {
    functionName: path.basename(codeDir),
    awsRequestId: `local-${request.id}`,
    clientContext: { custom: { bedrockAgentCoreToolName: request.tool } },
    getRemainingTimeInMillis: () => 30000,
  };
  const result = await handler(request.event, context);
  return { result: result === undefined ? null : result };
}

readline
  .createInterface({ input: process.stdin })
  .on('line', (line) => {
    const request = JSON.parse(line);
    answer(request).then(
      (answered) => reply({ id: request.id, ...answered }),
      (error) => reply({ id: request.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
    );
  })
  .on('close', () => process.exit(0));
