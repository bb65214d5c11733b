import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { z } from 'zod';
import type { TargetType } from './target';

/** The file operations validation needs; node:fs and memfs both provide them. */
export interface FileReader {
  existsSync(p: string): boolean;
  readFileSync(p: string, encoding: 'utf8'): string;
  /** The path with every symbolic link resolved. */
  realpathSync(p: string): string;
}

const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+$/;

/** The top of an OpenAPI 3 document; the full document is checked by the service. */
const openApiDocument = z.looseObject({
  openapi: z.string().regex(/^3\.\d+(\.\d+)?$/, { error: 'the "openapi" field must be a 3.x version' }),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

/** A Smithy JSON AST model. */
const smithyDocument = z.looseObject({
  smithy: z.string(),
  shapes: z.record(z.string(), z.unknown()),
});

/** The tool definitions a Lambda target exposes. */
const toolSchemaDocument = z
  .array(
    z.looseObject({
      name: z.string().min(1),
      description: z.string().min(1),
      inputSchema: z.looseObject({}),
    }),
  )
  .min(1, { error: 'the array is empty; define at least one tool' });

type SchemaKind = 'openapi' | 'smithy' | 'tool-schema';

export function schemaKindOf(type: TargetType): SchemaKind | undefined {
  switch (type) {
    case 'open-api-schema':
      return 'openapi';
    case 'smithy-model':
      return 'smithy';
    case 'lambda-function-arn':
      return 'tool-schema';
    default:
      return undefined;
  }
}

const EXAMPLES: Record<SchemaKind, string> = {
  openapi: 'an OpenAPI 3 JSON document with "openapi": "3.0.0", "info" and "paths"',
  smithy: 'a Smithy JSON model with "smithy": "2.0" and "shapes"',
  'tool-schema': 'a JSON array of tools, each with "name", "description" and "inputSchema"',
};

export type SchemaCheck = { ok: true; ref: { path?: string; s3Uri?: string; sha256?: string } } | { ok: false; message: string };

/** Checks a schema file of a target: inside the project, present, JSON, and of the right kind. */
export function checkSchemaFile(location: string, kind: SchemaKind, root: string, fs: FileReader): SchemaCheck {
  if (location.startsWith('s3://')) {
    return S3_URI.test(location)
      ? { ok: true, ref: { s3Uri: location } }
      : { ok: false, message: `${JSON.stringify(location)} is not a valid S3 URI; write it as s3://bucket/key` };
  }
  const absolute = path.resolve(root, location);
  const shown = JSON.stringify(location);
  if (!isInside(root, absolute)) {
    return {
      ok: false,
      message: `${shown} is outside the project root; copy the file into the project and give its path relative to the root`,
    };
  }
  if (!fs.existsSync(absolute)) {
    return { ok: false, message: `file ${shown} does not exist; create it or fix the path (relative to the project root)` };
  }
  // The text stays inside, but a symbolic link on the way may lead out: judge where the file really is.
  const real = fs.realpathSync(absolute);
  if (!isInside(fs.realpathSync(root), real)) {
    return {
      ok: false,
      message:
        `${shown} leads through a symbolic link to ${real}, outside the project root; ` +
        'copy the file into the project (or point the link at a folder inside it) and give its path relative to the root',
    };
  }
  const text = fs.readFileSync(real, 'utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `file ${shown} is not valid JSON (${(e as Error).message}); it must be ${EXAMPLES[kind]}` };
  }
  const schema = kind === 'openapi' ? openApiDocument : kind === 'smithy' ? smithyDocument : toolSchemaDocument;
  const result = schema.safeParse(doc);
  if (!result.success) {
    const first = result.error.issues[0]!;
    const at = first.path.length ? ` at ${first.path.join('.')}` : '';
    return { ok: false, message: `file ${shown} is not ${EXAMPLES[kind]} (${first.message}${at})` };
  }
  const sha256 = createHash('sha256').update(text).digest('hex');
  return { ok: true, ref: { path: path.relative(root, absolute).split(path.sep).join('/'), sha256 } };
}

/** Whether `file` is `dir` itself or below it (both absolute). */
function isInside(dir: string, file: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}
