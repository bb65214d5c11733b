import * as net from 'node:net';

/** A port on 127.0.0.1 that nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on 127.0.0.1:`port`; rejects when `stopped` settles first or time is up. */
export async function waitForPort(port: number, stopped: Promise<string>, timeoutMs: number): Promise<void> {
  let gone: string | undefined;
  void stopped.then((how) => (gone = how));
  const until = Date.now() + timeoutMs;
  while (!(await accepts(port))) {
    if (gone !== undefined) throw new Error(`it stopped before listening on port ${port} (${gone})`);
    if (Date.now() > until) throw new Error(`it did not listen on port ${port} within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
