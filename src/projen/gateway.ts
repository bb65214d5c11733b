import type { GatewayOptions } from '../model/gateway';
import type { GatewayTargetOptions } from '../model/input';
import type { TargetOptions } from '../model/target';

/** A gateway declared in `.projenrc.ts`; add its targets here. */
export class Gateway {
  constructor(
    readonly options: GatewayOptions,
    private readonly addToProject: (target: GatewayTargetOptions) => void,
  ) {}

  /** The gateway name. */
  get name(): string {
    return this.options.name;
  }

  /** Adds a backend tool source to this gateway. */
  addTarget(target: TargetOptions): this {
    this.addToProject({ ...target, gateway: this.options.name });
    return this;
  }
}
