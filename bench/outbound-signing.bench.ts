import { startLocalGateway } from '../src/local-gateway';
import { silentLogger } from '../src/local-gateway/logger';
import { sigV4OutboundAuth } from '../src/local-gateway/outbound/sigv4-outbound-auth';
import { resolveProject } from '../src/model/resolve';
import { connectClient } from '../test/local-gateway/helpers/clients';
import { startMcpBackend } from '../test/local-gateway/helpers/mcp-backend';
import { tempDir } from '../test/helpers/tmp';

/*
 * What outboundAuth "iam" costs in the local gateway: one SigV4 signature alone, and a tool call
 * through the gateway to the same MCP server with and without signing (each call is 1 signed HTTP
 * exchange; the session is open). Everything runs in this process, so only the difference between
 * the two call figures is meaningful.
 */

const SIGNATURES = 2_000;
const CALLS = 500;
const WARMUP = 50;
const CREDENTIALS = { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret-key', sessionToken: 'bench-session' };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main() {
  const auth = sigV4OutboundAuth('bench', { service: 'execute-api', region: 'us-east-1' }, async () => CREDENTIALS, undefined);
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_weather', arguments: { city: 'Bern' } } });
  const sign = () =>
    auth.apply({
      method: 'POST',
      url: new URL('https://abc123defg.execute-api.us-east-1.amazonaws.com/prod/mcp'),
      headers: new Headers({ 'content-type': 'application/json' }),
      body,
    });
  for (let i = 0; i < WARMUP; i++) await sign();
  let started = process.hrtime.bigint();
  for (let i = 0; i < SIGNATURES; i++) await sign();
  const perSignature = Number(process.hrtime.bigint() - started) / 1e6 / SIGNATURES;
  console.log(`one SigV4 signature (a tools/call JSON-RPC body): ${(perSignature * 1000).toFixed(1)} µs`);

  const backend = await startMcpBackend();
  const root = tempDir('bench-signing-');
  const { config } = resolveProject(
    {
      name: 'Bench',
      gateways: [{ name: 'gw' }],
      targets: [
        { gateway: 'gw', name: 'plain', type: 'mcp-server', endpoint: backend.endpoint },
        { gateway: 'gw', name: 'signed', type: 'mcp-server', endpoint: backend.endpoint, outboundAuth: 'iam', signingService: 'execute-api' },
      ],
      credentials: [],
      agents: [],
    },
    { root },
  );
  const gateway = await startLocalGateway(config, {
    root,
    env: { AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1' },
    logger: silentLogger,
  });
  const client = await connectClient(gateway.urls.gw);
  try {
    for (const target of ['plain', 'signed', 'plain', 'signed']) {
      const times: number[] = [];
      for (let i = 0; i < WARMUP + CALLS; i++) {
        started = process.hrtime.bigint();
        await client.callTool({ name: `${target}___get_weather`, arguments: { city: 'Bern' } });
        if (i >= WARMUP) times.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
      times.sort((a, b) => a - b);
      console.log(
        `tools/call to ${target.padEnd(6)} target, ${CALLS} sequential: p50 ${percentile(times, 50).toFixed(2)} ms, p95 ${percentile(times, 95).toFixed(2)} ms`,
      );
    }
  } finally {
    await client.close();
    await gateway.close();
    await backend.close();
  }
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
