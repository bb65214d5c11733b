import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileBase, IResolver } from 'projen/lib/file';
import type { Project } from 'projen/lib/project';
import { resolve as resolveTokens } from 'projen/lib/_resolve';

/**
 * Keeps files whose content and permissions are unchanged out of the write pass, so a re-synth
 * with no model change leaves every mtime as it was. projen compares permissions with
 * `access(W_OK)`, which is always true for root (CI, containers), so it would rewrite every
 * read-only file on each synth; comparing the mode bits works for every user.
 */
export function keepUnchangedFiles(project: Project): void {
  const resolver: IResolver = { resolve: (obj, options) => resolveTokens(obj, options) };
  for (const file of project.files) {
    if (patched.has(file)) continue;
    patched.add(file);
    const write = file.synthesize.bind(file);
    file.synthesize = () => {
      if (!isUnchanged(project, file, resolver)) write();
    };
  }
}

const patched = new WeakSet<FileBase>();

function isUnchanged(project: Project, file: FileBase, resolver: IResolver): boolean {
  const filePath = path.join(project.outdir, file.path);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch {
    return false;
  }
  const content = (file as unknown as { synthesizeContent(r: IResolver): string | undefined }).synthesizeContent(resolver);
  if (content === undefined) return false;
  const mode = file.readonly ? (file.executable ? 0o544 : 0o444) : file.executable ? 0o755 : 0o644;
  return (stat.mode & 0o777) === mode && fs.readFileSync(filePath, 'utf8') === content;
}
