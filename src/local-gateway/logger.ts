/** Where the local gateway reports what happens; never given a secret. */
export interface GatewayLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** Writes to stderr, so stdout carries only the URL lines a script reads. */
export const stderrLogger: GatewayLogger = {
  info: (message) => process.stderr.write(`[local-gateway] ${message}\n`),
  warn: (message) => process.stderr.write(`[local-gateway] warning: ${message}\n`),
};

/** Drops everything (tests and benchmarks that only look at behaviour). */
export const silentLogger: GatewayLogger = { info: () => undefined, warn: () => undefined };
