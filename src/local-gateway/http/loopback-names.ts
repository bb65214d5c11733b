/**
 * The names a client may use for a gateway on 127.0.0.1:<port>: the `Host` headers it accepts,
 * and the `Origin` a browser sends for a page the gateway itself serves. Anything else is another
 * site (or a DNS name rebound to 127.0.0.1) and is refused, as the MCP transport spec requires of
 * local servers.
 */
export interface LoopbackNames {
  readonly hosts: readonly string[];
  readonly origins: readonly string[];
}

export function loopbackNames(port: number): LoopbackNames {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  return { hosts, origins: hosts.map((h) => `http://${h}`) };
}

/** Before the gateway listens it has no port, and nothing to accept. */
export const NO_NAMES: LoopbackNames = { hosts: [], origins: [] };
