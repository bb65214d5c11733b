import { FileBase, type Project } from 'projen';

export interface EslintFlatConfigOptions {
  /** Files eslint never reads (globs relative to the project root), on top of those git ignores. */
  readonly ignores: string[];
  /** The tsconfig files that together include every linted file; type-aware rules need one per file. */
  readonly tsconfigs: string[];
  /** Rules on top of the recommended sets of eslint and typescript-eslint. */
  readonly rules: Record<string, unknown>;
}

/**
 * `eslint.config.mjs`, eslint's flat config. projen 0.103's own Eslint component writes the legacy
 * `.eslintrc.json`, which eslint 9 reads only with ESLINT_USE_FLAT_CONFIG=false and eslint 10 not
 * at all; a flat config works the same from the `lint` task, `npx eslint` and an editor.
 * Formatting is prettier's job, so eslint-config-prettier comes last and turns off every rule
 * that would disagree with it.
 */
export class EslintFlatConfig extends FileBase {
  private readonly options: EslintFlatConfigOptions;

  constructor(project: Project, options: EslintFlatConfigOptions) {
    super(project, 'eslint.config.mjs');
    this.options = options;
  }

  protected synthesizeContent(): string {
    const rules = Object.entries(this.options.rules).map(([name, setting]) => `      '${name}': ${JSON.stringify(setting)},`);
    return [
      `// ${this.marker}`,
      "import js from '@eslint/js';",
      "import { defineConfig, globalIgnores } from 'eslint/config';",
      "import prettier from 'eslint-config-prettier/flat';",
      "import tseslint from 'typescript-eslint';",
      '',
      'export default defineConfig(',
      `  globalIgnores(${JSON.stringify(this.options.ignores)}),`,
      '  {',
      "    files: ['**/*.ts', '**/*.mts'],",
      '    extends: [js.configs.recommended, tseslint.configs.recommended],',
      "    linterOptions: { reportUnusedDisableDirectives: 'error' },",
      `    languageOptions: { parserOptions: { project: ${JSON.stringify(this.options.tsconfigs)}, tsconfigRootDir: import.meta.dirname } },`,
      '    rules: {',
      ...rules,
      '    },',
      '  },',
      '  prettier,',
      ');',
      '',
    ].join('\n');
  }
}
