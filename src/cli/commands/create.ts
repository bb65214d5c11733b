import type { Command } from 'commander';
import { reportSuccess } from '../output';

export function registerCreate(program: Command): void {
  program
    .command('create')
    .description('Create a new project folder with .projenrc.ts, install it and run the first synth')
    .requiredOption('--name <name>', 'project name (letters and digits, starting with a letter)')
    .option('--defaults', 'accept every default without asking (there are no prompts; kept for compatibility)')
    .option('--output-dir <dir>', 'parent folder of the new project', '.')
    .option('--skip-install', 'write the files but do not run npm install or the first synth')
    .option('--no-git', 'do not make the folder a git repository with a first commit')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { name: string; outputDir: string; skipInstall?: boolean; git: boolean; json?: boolean }) => {
      // Loaded here: the scaffold pulls in the template engine, which no other command needs at start-up.
      const { scaffoldProject } = await import('../../create/scaffold');
      const result = await scaffoldProject({ name: opts.name, parentDir: opts.outputDir, install: !opts.skipInstall, quiet: opts.json, git: opts.git });
      const lines = [
        `Created ${result.dir}${result.git ? ' (a git repository with a first commit)' : ''}`,
        ...result.notes,
        `Next: cd ${opts.name} && npx projen`,
      ];
      reportSuccess(!!opts.json, lines.join('\n'), { ...result });
    });
}
