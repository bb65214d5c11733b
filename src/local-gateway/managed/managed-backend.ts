import * as path from 'node:path';
import type { ManagedServerConfig } from '../../model/managed-server';
import { managedServerTools } from '../../tool-schema/managed-server-tools';
import type { GatewayLogger } from '../logger';
import type { TargetBackend } from '../targets/target-backend';
import { LambdaHandlerBackend } from './lambda-handler-backend';
import { launcherFor } from './launcher';
import { RuntimeServerBackend } from './runtime-server-backend';

export interface ManagedBackendOptions {
  readonly root: string;
  readonly logger: GatewayLogger;
  readonly connectTimeoutMs: number;
  readonly maxAnswerBytes: number;
  readonly startTimeoutMs: number;
}

/** The entry point AgentCore Runtime starts, per language (the scaffold's file names). */
const SERVER_ENTRYPOINTS = { Python: 'server.py', TypeScript: 'server.ts' } as const;

/**
 * A managed `mcp-server` target served from its code on this machine: an AgentCore Runtime server
 * runs as a local MCP server, a Lambda handler is invoked per call as Lambda would.
 */
export function managedBackend(target: string, managed: ManagedServerConfig, options: ManagedBackendOptions): TargetBackend {
  const codeDir = path.resolve(options.root, managed.codeLocation);
  const log = (line: string) => options.logger.info(`target "${target}": ${line}`);
  const launcher = launcherFor(managed.language, codeDir, options.root, log);
  if (managed.host === 'AgentCoreRuntime') {
    return new RuntimeServerBackend({
      target,
      codeDir,
      entrypoint: SERVER_ENTRYPOINTS[managed.language],
      launcher,
      logger: options.logger,
      connectTimeoutMs: options.connectTimeoutMs,
      maxAnswerBytes: options.maxAnswerBytes,
      startTimeoutMs: options.startTimeoutMs,
    });
  }
  return new LambdaHandlerBackend({
    target,
    codeDir,
    language: managed.language,
    launcher,
    logger: options.logger,
    readSchemas: async () => (await managedServerTools(options.root, managed, { log })) ?? [],
  });
}
