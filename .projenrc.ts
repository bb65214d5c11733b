import { DependencyType, javascript, typescript } from 'projen';
import { EslintFlatConfig } from './projenrc/eslint-flat-config';

// The library is itself a projen project: package.json, tsconfig and tasks come from here.
const PRINT_WIDTH = 160;

const project = new typescript.TypeScriptProject({
  name: 'agentcore-projen',
  description: 'Define, generate and deploy AgentCore agents and their MCP gateways with projen.',
  license: 'Apache-2.0',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  projenrcTsOptions: { runner: typescript.TypeScriptRunner.tsx() },
  typescriptVersion: '~5.9.3',
  minNodeVersion: '20.0.0',
  jest: false,
  // eslint comes from EslintFlatConfig below: projen's own component writes the legacy .eslintrc.json.
  eslint: false,
  prettier: true,
  prettierOptions: {
    // The style the code was written in. Of the widths near its ~150-character lines, 160 rewrites
    // the fewest existing lines (wider ones shrink the diff only by joining hand-wrapped lines).
    settings: {
      printWidth: PRINT_WIDTH,
      singleQuote: true,
      trailingComma: javascript.TrailingComma.ALL,
      semi: true,
      tabWidth: 2,
    },
  },
  github: false,
  release: false,
  buildWorkflow: false,
  depsUpgrade: false,
  pullRequestTemplate: false,
  sampleCode: false,
  bin: { 'agentcore-projen': 'bin/agentcore-projen' },
  deps: [
    'handlebars@^4.7.8',
    'ts-morph@^28.0.0',
    'zod@^4.1.0',
    'commander@^14.0.0',
    '@aws-sdk/client-bedrock-agentcore-control@^3.1142.0',
    // invoke: InvokeAgentRuntime (the data plane).
    '@aws-sdk/client-bedrock-agentcore@^3.1141.0',
    '@aws-sdk/client-cognito-identity-provider@^3.1142.0',
    '@aws-sdk/client-iam@^3.1142.0',
    '@aws-sdk/client-s3@^3.1142.0',
    '@aws-sdk/client-sts@^3.1142.0',
    // Managed MCP servers on Lambda (deploy only, loaded lazily).
    '@aws-sdk/client-lambda@^3.1142.0',
    '@modelcontextprotocol/sdk@^1.20.0',
    'jose@^6.0.0',
    '@smithy/signature-v4@^5.0.0',
    '@aws-crypto/sha256-js@^5.2.0',
    // The local gateway signs calls to outboundAuth "iam" targets with the developer's AWS credentials.
    '@aws-sdk/credential-provider-node@^3.972.84',
    '@apidevtools/swagger-parser@^12.0.0',
    // Agent packaging (src/package/): deterministic zips, pyproject.toml, .gitignore rules.
    'fflate@^0.8.2',
    'smol-toml@^1.9.1',
    'ignore@^7.0.0',
    // TypeScript MCP servers: one bundle per Lambda function or runtime.
    'esbuild@^0.28.0',
    // Tool arguments are checked against their JSON Schema (managed servers' tools, src/tool-schema/).
    'ajv@^8.17.0',
  ],
  peerDeps: ['projen@>=0.103.25 <0.104.0', 'constructs@^10.5.0'],
  // Develop and test against the newest release of the supported range.
  peerDependencyOptions: { pinnedDevDependency: false },
  devDeps: ['constructs@10.8.1', 'vitest@^4.1.0', 'tsx@^4.20.0', 'memfs@^4.50.0', '@smithy/core@^3.0.0', '@types/node@^20'],
  tsconfig: {
    compilerOptions: {
      lib: ['es2022'],
      target: 'ES2022',
      module: 'commonjs',
      skipLibCheck: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
    },
  },
  // The dev tsconfig lives in test/, so its paths are relative to test/. Examples import the package
  // by name, as a user's project does; they are checked against the source.
  tsconfigDev: {
    compilerOptions: { paths: { 'agentcore-projen': ['../src/index.ts'] } },
    include: ['**/*.mts', '../bench/**/*.ts', '../examples/**/*.ts', '../.projenrc.ts', '../vitest.config.mts'],
  },
  gitignore: ['/.venv-python-tier/', '/.venv-moto/', '/.tmp/', '__pycache__/'],
});

// Templates and frameworks ship in the package next to lib/.
// projen adds itself at the peer range's floor; test against the newest release of the range.
project.deps.removeDependency('projen', DependencyType.BUILD);
project.addDevDeps('projen@0.103.25');

// Synth imports the root; deploy (and the AWS SDK) only through its own entry.
project.addFields({
  exports: {
    '.': { types: './lib/index.d.ts', default: './lib/index.js' },
    './deploy': { types: './lib/deploy/index.d.ts', default: './lib/deploy/index.js' },
    './package.json': './package.json',
  },
});
project.addFields({ files: ['lib', 'bin', 'templates', 'frameworks', 'scripts', 'README.md'] });

// Lint: eslint for what a human must fix, prettier for layout (`npm run format` fixes both).
project.addDevDeps('eslint@^9', '@eslint/js@^9', 'typescript-eslint@^8', 'eslint-config-prettier@^10', 'prettier@^3');
new EslintFlatConfig(project, {
  ignores: ['lib/', '.tmp/', '.venv-*/', 'templates/', 'frameworks/'],
  tsconfigs: ['./tsconfig.json', './test/tsconfig.json', './projenrc/tsconfig.json'],
  rules: {
    // As the compiler's noUnused* checks: `_` marks a parameter kept for its position, and
    // `const { omitted: _, ...rest } = x` is how a property is left out of a copy.
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    // Promises that nobody awaits lose their errors.
    '@typescript-eslint/no-floating-promises': 'error',
    '@typescript-eslint/no-misused-promises': 'error',
  },
});
// Not prettier's to format: templates and generated Python keep their exact bytes, API.md is
// written by docgen, build output and virtualenvs are not ours. Markdown is wrapped by hand:
// prettier pads every table cell, so one longer cell would rewrite the whole table.
for (const pattern of ['*.hbs', '*.py', '*.md', 'package-lock.json', '/lib/', '/.tmp/', '/.venv-*/']) {
  project.prettier?.addIgnorePattern(pattern);
}
const lint = project.addTask('lint', {
  description: 'eslint, and prettier --check (run `format` to fix what can be fixed)',
  steps: [{ exec: 'eslint --max-warnings=0 .' }, { exec: 'prettier --check .' }],
});
project.addTask('format', {
  description: 'Reformat the tree with prettier, then apply eslint --fix',
  steps: [{ exec: 'prettier --write --log-level warn .' }, { exec: 'eslint --fix .' }],
});
project.testTask.reset();
project.testTask.spawn(lint);
project.testTask.exec('vitest run');
project.addTask('test:python', {
  description: 'Python tier: generated agents against real framework packages (creates a virtualenv)',
  exec: 'bash test/python/run.sh',
});
project.addTask('test:moto', {
  description: 'moto tier: deploy, diff and destroy against the moto AWS emulator (installs it into .venv-moto/)',
  exec: 'bash test/moto/run.sh',
});
project.addTask('quickstart', {
  description: 'Create the README quick-start project in .tmp/quickstart and synthesize it',
  exec: 'tsx examples/quickstart.ts',
});
project.addTask('docgen', { description: 'Write API.md from the TSDoc of the public API', exec: 'tsx projenrc/api-reference.ts' });
project.addTask('bench', { description: 'Print synth/deploy/CLI figures', exec: 'tsx bench/run.ts' });

// Files projen writes are projen's layout, not prettier's.
for (const file of project.files) project.prettier?.addIgnorePattern(`/${file.path}`);

project.synth();
