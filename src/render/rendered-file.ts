/**
 * Who owns a file. `generated` files belong to the model: rewritten on every synth, read-only,
 * deleted when their resource leaves the model. `user` files are written once, when missing, and
 * never touched again.
 */
export type FileOwner = 'generated' | 'user';

/** One file of a project, as rendering produces it. Paths are relative to the project root, with `/`. */
export interface RenderedFile {
  /** Path relative to the project root. */
  readonly path: string;
  /** The whole text of the file. */
  readonly content: string;
  /** `generated` (rewritten on every synth) or `user` (written once). */
  readonly owner: FileOwner;
}

/** What every renderer needs from its caller. */
export interface RenderOptions {
  /** Text that marks a file as generated (projen's marker), placed in a comment at the top. */
  readonly marker: string;
}
