import { DeployAborted, isAbort } from './errors';

/*
 * Runs steps as soon as the steps they depend on are done, all others concurrently (the number
 * of calls in flight is bounded separately, by the client wrapper). The first failure stops
 * the run: nothing new starts, and running steps are aborted through the shared signal.
 */

export interface GraphNode {
  id: string;
  deps: string[];
  run(signal: AbortSignal): Promise<void>;
}

/**
 * Runs every node; `controller` is aborted on the first failure (the client wrapper shares it,
 * so calls in flight are cancelled too). Throws the first failure.
 */
export async function runGraph(nodes: GraphNode[], controller: AbortController): Promise<void> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const abortedBefore = controller.signal.aborted;
  const started = new Map<string, Promise<void>>();
  const failures: unknown[] = [];

  const start = (node: GraphNode): Promise<void> => {
    const existing = started.get(node.id);
    if (existing) return existing;
    const p = (async () => {
      const deps = node.deps.map((d) => byId.get(d)).filter((d): d is GraphNode => d !== undefined);
      try {
        await Promise.all(deps.map(start));
      } catch {
        throw new DeployAborted(`${node.id} skipped`);
      }
      if (controller.signal.aborted) throw new DeployAborted(`${node.id} skipped`);
      try {
        await node.run(controller.signal);
      } catch (e) {
        // Errors caused by our own abort are echoes of the first failure, not new ones.
        if (!controller.signal.aborted || !isAbort(e)) failures.push(e);
        controller.abort();
        throw e;
      }
    })();
    p.catch(() => undefined);
    started.set(node.id, p);
    return p;
  };

  await Promise.allSettled(nodes.map(start));
  if (failures.length > 0) throw failures[0];
  if (abortedBefore || controller.signal.aborted) throw new DeployAborted();
}
