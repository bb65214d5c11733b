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

/**
 * Why a request names the gateway wrongly, or undefined when it does not: a `Host` that is not one
 * of the gateway's, or an `Origin` (sent by browsers) of another site. Checked before anything
 * else, so a page on another site gets 403 without reaching auth or a target.
 */
export function misnamed(names: LoopbackNames, host: string | undefined, origin: string | undefined): string | undefined {
  if (host === undefined || !names.hosts.includes(host)) {
    return `Forbidden: Host ${JSON.stringify(host ?? '')} is not this gateway's (${names.hosts.join(' or ')})`;
  }
  if (origin !== undefined && !names.origins.includes(origin)) {
    return `Forbidden: Origin ${JSON.stringify(origin)} is not this gateway's (${names.origins.join(' or ')}); pages of other sites may not call the local gateway`;
  }
  return undefined;
}
