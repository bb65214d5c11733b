import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

// Runs the README's quick start from this checkout: create a project, describe it, synthesize it.
const repo = path.resolve(__dirname, '..');
const parent = path.join(repo, '.tmp', 'quickstart');
const project = path.join(parent, 'MyProject');
const run = (cmd: string, args: string[], cwd: string) => {
  console.log(`\n$ ${[cmd, ...args].join(' ')}    (in ${path.relative(repo, cwd) || '.'})`);
  execFileSync(cmd, args, { cwd, stdio: 'inherit' });
};

fs.rmSync(parent, { recursive: true, force: true });
fs.mkdirSync(parent, { recursive: true });
run('npx', ['tsc', '--build', 'tsconfig.json'], repo);
run('node', [path.join(repo, 'bin/agentcore-projen'), 'create', '--name', 'MyProject', '--defaults'], parent);
fs.copyFileSync(path.join(repo, 'examples/quickstart.projenrc.ts'), path.join(project, '.projenrc.ts'));
run('npx', ['projen'], project);

console.log(`\nThe project is in ${path.relative(repo, project)}:`);
for (const e of fs.readdirSync(project, { recursive: true, withFileTypes: true })) {
  const rel = path.relative(project, path.join(e.parentPath, e.name));
  if (e.isFile() && !rel.startsWith('node_modules') && !rel.startsWith('.projen')) console.log(`  ${rel}`);
}
console.log(`\nagentcore/agentcore.json:\n${fs.readFileSync(path.join(project, 'agentcore/agentcore.json'), 'utf8')}`);
