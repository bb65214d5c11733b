import type { ProjectConfig } from '../../model/config';
import type { FileOwner, RenderedFile, RenderOptions } from '../rendered-file';
import { registerTemplatePartial, renderTemplate } from '../templates';
import { type AgentContext, agentContext } from './agent-context';

/** Templates every framework shares. */
const SHARED = 'templates/agent';

/** Partials the agent templates use, by name. */
const PARTIALS: Readonly<Record<string, string>> = {
  'agent/gateway-auth/NONE': `${SHARED}/gateway-auth/NONE.hbs`,
  'agent/gateway-auth/AWS_IAM': `${SHARED}/gateway-auth/AWS_IAM.hbs`,
  'agent/gateway-auth/CUSTOM_JWT': `${SHARED}/gateway-auth/CUSTOM_JWT.hbs`,
  'agent/model/header': `${SHARED}/model/header.hbs`,
  'agent/model/api-key': `${SHARED}/model/api-key.hbs`,
};

let partialsRegistered = false;

function registerPartials() {
  if (partialsRegistered) return;
  for (const [name, file] of Object.entries(PARTIALS)) registerTemplatePartial(name, file);
  partialsRegistered = true;
}

/** One file of an agent folder: where it goes, which template makes it, who owns it. */
export interface AgentFileSpec {
  readonly path: string;
  readonly template: string;
  readonly owner: FileOwner;
}

/**
 * The files of an agent folder. Generated ones hold everything the model decides (gateway wiring,
 * model, dependencies) and are rewritten on every synth; the user's are written once.
 */
export function agentFiles(ctx: Pick<AgentContext, 'framework' | 'modelProvider'>): AgentFileSpec[] {
  const own = `frameworks/${ctx.framework}/templates`;
  return [
    { path: 'mcp_client/__init__.py', template: `${SHARED}/mcp_client/__init__.py.hbs`, owner: 'generated' },
    { path: 'mcp_client/auth.py', template: `${SHARED}/mcp_client/auth.py.hbs`, owner: 'generated' },
    { path: 'mcp_client/reachability.py', template: `${SHARED}/mcp_client/reachability.py.hbs`, owner: 'generated' },
    { path: 'mcp_client/client.py', template: `${own}/mcp_client/client.py.hbs`, owner: 'generated' },
    { path: 'model/__init__.py', template: `${SHARED}/model/__init__.py.hbs`, owner: 'generated' },
    { path: 'model/load.py', template: `${own}/model/${ctx.modelProvider}.py.hbs`, owner: 'generated' },
    { path: 'pyproject.toml', template: `${SHARED}/pyproject.toml.hbs`, owner: 'generated' },
    { path: 'main.py', template: `${own}/main.py.hbs`, owner: 'user' },
    { path: 'README.md', template: `${SHARED}/README.md.hbs`, owner: 'user' },
    { path: '.gitignore', template: `${SHARED}/gitignore.hbs`, owner: 'user' },
  ];
}

/** Renders one agent's folder from its context. Pure apart from reading templates. */
export function renderAgent(ctx: AgentContext): RenderedFile[] {
  registerPartials();
  return agentFiles(ctx).map((f) => ({
    path: `${ctx.dir}/${f.path}`,
    content: renderTemplate(f.template, ctx),
    owner: f.owner,
  }));
}

/** The folders of every agent of the project. */
export function renderAgents(config: ProjectConfig, options: RenderOptions): RenderedFile[] {
  return config.runtimes.flatMap((runtime) => renderAgent(agentContext(runtime, config, options.marker)));
}
