/** Deploy reads nothing of the user's code but the config synth wrote, through the project's one loader. */
export { CONFIG_PATH } from '../project-files/paths';
export { loadProjectConfig as loadConfig } from '../project-files/project-config';
