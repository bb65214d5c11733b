import { startStorageProxy } from './storage-proxy';

/*
 * The storage proxy in its own process, like a remote service (see remote-process.ts for the IPC
 * protocol). Options come as JSON in argv[2]: `{ upstream, latencyMs }`.
 */
void (async () => {
  const { upstream, latencyMs } = JSON.parse(process.argv[2] ?? '{}') as { upstream: string; latencyMs: number };
  const proxy = await startStorageProxy(upstream, latencyMs);
  process.on('message', (m: string) => {
    if (m === 'calls') process.send!({ calls: proxy.calls });
    if (m === 'reset') {
      proxy.calls.length = 0;
      process.send!({ reset: true });
    }
    if (m === 'close') void proxy.close().then(() => process.exit(0));
  });
  process.send!({ endpoint: proxy.endpoint });
})();
