/*
 * Every file of a project that the library reads or writes, relative to the project root. Each
 * path is spelled here and only here, so synth, deploy, dev, the local gateway and the command
 * line cannot drift apart.
 */

/** The model, run by `npx projen`. */
export const PROJENRC = '.projenrc.ts';

/** The folder that holds everything below. */
export const AGENTCORE_DIR = 'agentcore';

/** The resolved model written by synth; deploy, dev and the local gateway read only this. */
export const CONFIG_PATH = 'agentcore/agentcore.json';

/** JSON Schema of the config, exported from the zod model. */
export const CONFIG_SCHEMA_PATH = 'agentcore/agentcore.schema.json';

/** The config's `$schema`: the schema file, relative to the config. */
export const CONFIG_SCHEMA_REF = './agentcore.schema.json';

/** The git-ignored secrets file, readable by its owner only. */
export const SECRETS_PATH = 'agentcore/.env.local';

/** What the last deploy left in the account (ids, ARNs, URLs; never a secret). */
export const STATE_PATH = 'agentcore/deployed-state.json';

/** The git-ignored folder of the locks, packages and caches. */
export const LOCK_DIR = 'agentcore/.deploy';

/** Where an agent's CodeZip package is written. */
export const PACKAGE_DIR = 'agentcore/.deploy/package';

/** Installed dependencies kept between packaging runs. */
export const DEPENDENCY_CACHE_DIR = 'agentcore/.deploy/cache/dependencies';

/** The lock one deploy (or destroy) of the project holds. */
export const DEPLOY_LOCK = 'agentcore/.deploy/lock';

/** The lock one edit of `.projenrc.ts` holds from reading it until its synth is done. */
export const EDIT_LOCK = 'agentcore/.deploy/edit.lock';

/** The runtime session each deployed agent's `invoke` continues, by agent name (git-ignored). */
export const RUNTIME_SESSIONS_PATH = 'agentcore/.deploy/sessions.json';

/** Tool schemas read from managed servers' code, by code folder, kept while the code is unchanged. */
export const TOOL_SCHEMA_CACHE_DIR = 'agentcore/.deploy/cache/tool-schemas';
