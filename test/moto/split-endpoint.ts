import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * One endpoint in front of two emulators. moto has no credential providers (the
 * `/identities/...` routes of the AgentCore control API), and the SDK reads one endpoint for the
 * whole control-plane client (AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL), so
 * it cannot send those routes elsewhere by itself. This proxy sends them to our fake control plane
 * and every other request (gateways, targets, tags, IAM) to moto, untouched.
 */

export interface SplitEndpoint {
  readonly endpoint: string;
  close(): Promise<void>;
}

/** Requests whose path starts with one of `routes` go to their upstream; the rest to `fallback`. */
export async function startSplitEndpoint(routes: Record<string, string>, fallback: string): Promise<SplitEndpoint> {
  const upstreamOf = (url: string) => Object.entries(routes).find(([prefix]) => url.startsWith(prefix))?.[1] ?? fallback;
  const server = http.createServer((req, res) => {
    const target = new URL(req.url ?? '/', upstreamOf(req.url ?? '/'));
    const forward = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', (e) => {
      res.writeHead(502, { 'content-type': 'application/json', 'x-amzn-errortype': 'BadGateway' });
      res.end(JSON.stringify({ message: `split endpoint: ${target.origin} did not answer: ${e.message}` }));
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
