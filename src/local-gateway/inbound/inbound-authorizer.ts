import type { IncomingHttpHeaders } from 'node:http';

/** What an authorizer sees of an inbound request. The body is the exact bytes received. */
export interface InboundRequest {
  readonly method: string;
  /** Path and query as sent (`/my-gateway/mcp?x=1`). */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

export type AuthDecision =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly status: 401 | 403;
      /** Safe to return to the caller: never echoes a token or a secret. */
      readonly message: string;
      readonly headers?: Record<string, string>;
    };

/** Decides whether an inbound request may use a gateway (the gateway's authorizerType). */
export interface InboundAuthorizer {
  check(req: InboundRequest): Promise<AuthDecision>;
}

/** `authorizerType: NONE`: everyone may call. */
export const allowAll: InboundAuthorizer = { check: async () => ({ ok: true }) };

/** Reads a header that Node may have given as a list. */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
