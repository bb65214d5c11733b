import { DependencyType, javascript, typescript } from 'projen';

// The library is itself a projen project: package.json, tsconfig and tasks come from here.
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
  eslint: false,
  prettier: false,
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
    '@aws-sdk/client-iam@^3.1142.0',
    '@modelcontextprotocol/sdk@^1.20.0',
    'jose@^6.0.0',
    '@smithy/signature-v4@^5.0.0',
    '@aws-crypto/sha256-js@^5.2.0',
    '@apidevtools/swagger-parser@^12.0.0',
    // Agent packaging (src/package/): deterministic zips, pyproject.toml, .gitignore rules.
    'fflate@^0.8.2',
    'smol-toml@^1.9.1',
    'ignore@^7.0.0',
  ],
  peerDeps: ['projen@>=0.103.25 <0.104.0', 'constructs@^10.5.0'],
  // Develop and test against the newest release of the supported range.
  peerDependencyOptions: { pinnedDevDependency: false },
  devDeps: ['constructs@10.8.1', 'vitest@^4.1.0', 'tsx@^4.20.0', 'memfs@^4.50.0', 'ajv@^8.17.0', '@smithy/core@^3.0.0', '@types/node@^20'],
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
  tsconfigDev: { compilerOptions: {}, include: ['test/**/*.ts', 'bench/**/*.ts', '.projenrc.ts'] },
  gitignore: ['/.venv-python-tier/', '/.venv-moto/', '/.tmp/', '__pycache__/'],
  npmignore: ['/test/', '/projenrc/', '/bench/', '/.ci/', '/.tmp/', '/examples/'],
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
project.addFields({ files: ['lib', 'bin', 'templates', 'frameworks', 'README.md'] });

project.testTask.reset();
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

project.synth();
