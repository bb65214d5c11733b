import * as fs from 'node:fs';
import { packageMcpServer } from '../src/package';
import { AgentCoreProject } from '../src/projen/agentcore-project';
import { pinnedUv } from '../test/package/helpers/uv';
import { tempDir } from './linked-project';

// Packaging figures for issue 13: the scaffolds of a managed MCP server on Lambda, as deploy
// packages them. TypeScript: one esbuild bundle of handler.ts (cold = first bundle of the process,
// esbuild's service starting). Python: the code and its pyproject.toml wheels for Linux ARM64, with
// `pydantic` added so the wheel install is real (cold = our dependency cache empty, uv's download
// cache as this machine has it). Warm = re-packaging unchanged code (best of 3).
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const result = await work();
  return [result, performance.now() - t0];
}

void (async () => {
  const uv = pinnedUv();
  const dir = tempDir('bench-lambda-package-');
  try {
    const project = new AgentCoreProject({ name: 'MyProject', outdir: dir });
    const gateway = project.addGateway({ name: 'my-gateway' });
    gateway.addTarget({ type: 'mcp-server', name: 'ts-tools', host: 'Lambda', language: 'TypeScript' });
    gateway.addTarget({ type: 'mcp-server', name: 'py-tools', host: 'Lambda', language: 'Python' });
    project.synth();
    const pyproject = `${dir}/app/mcp/py-tools/pyproject.toml`;
    fs.writeFileSync(pyproject, fs.readFileSync(pyproject, 'utf8').replace(/dependencies = \[[^\]]*\]/, 'dependencies = ["pydantic>=2"]'));

    for (const [language, target] of [
      ['TypeScript', 'ts-tools'],
      ['Python', 'py-tools'],
    ] as const) {
      const options = {
        projectDir: dir,
        server: { host: 'Lambda', language, codeLocation: `app/mcp/${target}` } as const,
        label: target,
        uv,
        cacheDir: `${dir}/cache`,
      };
      const [cold, coldMs] = await timed(() => packageMcpServer(options));
      const warm: number[] = [];
      let last = cold;
      for (let i = 0; i < 3; i++) {
        const [again, ms] = await timed(() => packageMcpServer(options));
        warm.push(ms);
        last = again;
      }
      const flags = `${last.sha256 !== cold.sha256 ? '  HASH CHANGED' : ''}${language === 'Python' && last.dependencies !== 'cached' ? '  NOT FROM CACHE' : ''}`;
      console.log(
        `package ${language} server on Lambda: cold ${seconds(coldMs)}, warm ${seconds(Math.min(...warm))} best of 3; zip ${kb(cold.zippedBytes)} (${cold.files} files, ${cold.runtime})${flags}`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
})();
