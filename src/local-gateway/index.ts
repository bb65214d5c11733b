/**
 * The local MCP gateway: serves the gateways of a resolved config on 127.0.0.1 so agents can be
 * developed and tested without deploying. Not exported from the package root (it pulls in the MCP
 * SDK, jose and the AWS signer, which synth never needs); the CLI loads it on demand.
 */
export { CONFIG_PATH as CONFIG_FILE } from '../project-files/paths';
export { parseProjectConfig, readProjectConfig } from '../project-files/project-config';
export { type GatewayLogger, silentLogger, stderrLogger } from './logger';
export { type LocalGateway, type LocalGatewayOptions, startLocalGateway } from './start-local-gateway';
export { SEARCH_TOOL_NAME } from './tool-search';
export { TOOL_NAME_SEPARATOR } from './tool-catalog';
export { urlLines } from './url-lines';
