import type { AgentOptions } from '../model/agent';

/** An agent declared in `.projenrc.ts`. */
export class Agent {
  private readonly dependencies: string[];

  constructor(private readonly options: AgentOptions) {
    this.dependencies = [...(options.dependencies ?? [])];
  }

  /** The agent name. */
  get name(): string {
    return this.options.name;
  }

  /** Adds a Python requirement to the agent's generated pyproject.toml, e.g. 'requests>=2'. */
  addDependency(...requirements: string[]): this {
    this.dependencies.push(...requirements);
    return this;
  }

  /** The options as the model validates them. */
  toOptions(): AgentOptions {
    return { ...this.options, ...(this.dependencies.length ? { dependencies: [...this.dependencies] } : {}) };
  }
}
