import * as fs from 'node:fs';
// Deep imports: projen's index loads every project type (CDK, Python, Java...), doubling start-up.
import { Project, type ProjectOptions } from 'projen/lib/project';
import type { AgentOptions } from '../model/agent';
import type { CredentialOptions } from '../model/credential';
import type { GatewayOptions } from '../model/gateway';
import type { GatewayTargetOptions, ProjectInput } from '../model/input';
import type { AgentDefaults } from '../model/runtime-settings';
import { resolveProject, type ResolvedProject } from '../model/resolve';
import { LOCK_DIR, SECRETS_PATH } from '../project-files/paths';
import { renderProject } from '../render/render-project';
import { Agent } from './agent';
import { Projenrc } from './projenrc';
import { Gateway } from './gateway';
import { RenderedFiles } from './rendered-files';
import { withToolSchemas } from './tool-schemas';

export interface AgentCoreProjectOptions extends Omit<ProjectOptions, 'name'> {
  /** Project name; deployed resources are prefixed with it. 1-23 letters or digits. */
  readonly name: string;
  /**
   * An existing S3 bucket for the agents' packages (under `agentcore-projen/<project>/`); deploy never
   * creates, tags or deletes it. @default - deploy creates `<project>-agentcore-<account>-<region>`
   */
  readonly artifactBucket?: string;
  /** Python version and network of every agent that does not say (`pythonVersion`, `networkMode`, `vpc`). */
  readonly agentDefaults?: AgentDefaults;
}

/** Tasks that call the command line; they run outside synth, which stays synchronous and offline. */
const CLI_TASKS: Record<string, string> = {
  deploy: 'Create or update the gateways, targets and credentials in AWS',
  diff: 'Show what deploy would change (exit code 1 when something would)',
  destroy: 'Delete every AWS resource this project created',
  gateway: 'Serve the gateways of the model locally',
  dev: 'Run an agent locally with the gateway variables set',
};

/**
 * A project of AgentCore gateways and agents, described in `.projenrc.ts`.
 * Synth validates the whole model first; if anything is wrong it throws before any file changes.
 */
export class AgentCoreProject extends Project {
  private readonly gateways: Gateway[] = [];
  private readonly targets: GatewayTargetOptions[] = [];
  private readonly credentials: CredentialOptions[] = [];
  private readonly agents: Agent[] = [];
  private readonly artifactBucket: string | undefined;
  private readonly agentDefaults: AgentDefaults | undefined;
  private readonly renderedFiles: RenderedFiles;
  private resolved: ResolvedProject | undefined;

  /** Declare gateways, targets, credentials and agents on it, then call `synth()`. */
  constructor(options: AgentCoreProjectOptions) {
    const { artifactBucket, agentDefaults, ...projenOptions } = options;
    super({ ...projenOptions, projenrcJson: false });
    this.artifactBucket = artifactBucket;
    this.agentDefaults = agentDefaults;
    new Projenrc(this);
    this.renderedFiles = new RenderedFiles(this);
    this.gitignore.exclude('node_modules/', `/${SECRETS_PATH}`, `/${LOCK_DIR}/`, '.venv/', '__pycache__/');
    this.defaultTask?.exec('tsx .projenrc.ts');
    for (const [name, description] of Object.entries(CLI_TASKS)) {
      this.addTask(name, { description, exec: `agentcore-projen ${name}`, receiveArgs: true });
    }
  }

  /**
   * A project from a plain model (for example parsed JSON), for code that generates projects without
   * writing a `.projenrc.ts`: `AgentCoreProject.fromModel(model, { outdir }).synth()`.
   */
  static fromModel(model: ProjectInput, options: Omit<AgentCoreProjectOptions, 'name'> = {}): AgentCoreProject {
    const project = new AgentCoreProject({
      ...options,
      name: model.name,
      ...(model.artifactBucket !== undefined ? { artifactBucket: model.artifactBucket } : {}),
      ...(model.agentDefaults !== undefined ? { agentDefaults: model.agentDefaults } : {}),
    });
    for (const credential of model.credentials) project.addCredential(credential);
    for (const gateway of model.gateways) project.addGateway(gateway);
    for (const target of model.targets) project.addGatewayTarget(target);
    for (const agent of model.agents) project.addAgent(agent);
    return project;
  }

  /** Adds a gateway (the CLI's `add gateway`); add targets to the returned gateway. */
  addGateway(options: GatewayOptions): Gateway {
    const gateway = new Gateway(options, (t) => this.targets.push(t));
    this.gateways.push(gateway);
    return gateway;
  }

  /** Adds a target to a gateway by name (the CLI's `add gateway-target --gateway`). */
  addGatewayTarget(options: GatewayTargetOptions): void {
    this.targets.push(options);
  }

  /** Adds an OAuth or API-key credential (the CLI's `add credential`). */
  addCredential(options: CredentialOptions): void {
    this.credentials.push(options);
  }

  /** Adds a Python agent (the CLI's `add agent`); it is wired to every gateway. */
  addAgent(options: AgentOptions): Agent {
    const agent = new Agent(options);
    this.agents.push(agent);
    return agent;
  }

  /** The model as declared so far, before validation. */
  get input(): ProjectInput {
    return {
      name: this.name,
      gateways: this.gateways.map((g) => g.options),
      targets: [...this.targets],
      credentials: [...this.credentials],
      agents: this.agents.map((a) => a.toOptions()),
      ...(this.artifactBucket !== undefined ? { artifactBucket: this.artifactBucket } : {}),
      ...(this.agentDefaults !== undefined ? { agentDefaults: this.agentDefaults } : {}),
    };
  }

  /** Validates and resolves the model; throws a ModelError listing every problem. */
  resolve(): ResolvedProject {
    return resolveProject(this.input, { root: this.outdir, fs });
  }

  /** The resolved model of the last synth. */
  get model(): ResolvedProject | undefined {
    return this.resolved;
  }

  /** Marks generated files for GitHub (collapsed in diffs, left out of language stats). */
  annotateGenerated(glob: string): void {
    this.gitattributes.addAttributes(glob, 'linguist-generated');
  }

  preSynthesize(): void {
    // Everything is validated and rendered before projen touches the disk.
    const resolved = this.resolve();
    const { resolved: withTools, files } = withToolSchemas(resolved, renderProject(resolved.config, { marker: this.renderedFiles.marker }), this.outdir);
    this.resolved = withTools;
    for (const warning of withTools.warnings) this.logger.warn(warning);
    this.renderedFiles.apply(files);
  }
}
