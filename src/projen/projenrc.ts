import { ProjenrcFile } from 'projen/lib/projenrc';

/** Names `.projenrc.ts` as the project's projenrc, so generated files point users at it. */
export class Projenrc extends ProjenrcFile {
  readonly filePath = '.projenrc.ts';
}
