import * as fs from 'node:fs';
import { packageAgent } from '../src/package';
import { AgentCoreProject } from '../src/projen/agentcore-project';
import { tempDir } from './linked-project';
import { uvOrSkip } from './optional-tools';

// Packaging figures for issue 12: the quick-start agent (Strands, Bedrock) for AgentCore Runtime
// (Linux ARM64, PYTHON_3_12). Cold = our dependency cache empty (uv's download cache as this machine
// has it); warm = a re-package of unchanged code and requirements (goal <= 2 s).
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

void (async () => {
  const uv = uvOrSkip('package quick-start agent');
  if (!uv) return;
  const dir = tempDir('bench-package-');
  try {
    const project = new AgentCoreProject({ name: 'MyProject', outdir: dir });
    project.addGateway({ name: 'my-gateway' }).addTarget({ type: 'mcp-server', name: 'weather-tools', endpoint: 'https://mcp.example.com/mcp' });
    project.addAgent({ name: 'MyAgent', framework: 'Strands', modelProvider: 'Bedrock' });
    project.synth();
    const options = { projectDir: dir, agent: 'MyAgent', uv };

    let t0 = performance.now();
    const cold = await packageAgent(options);
    const coldMs = performance.now() - t0;
    const warm: number[] = [];
    let last = cold;
    for (let i = 0; i < 3; i++) {
      t0 = performance.now();
      last = await packageAgent(options);
      warm.push(performance.now() - t0);
    }
    const best = Math.min(...warm);
    console.log(`package quick-start agent: cold ${(coldMs / 1000).toFixed(2)} s (uv install + deflate, ${cold.dependencies})`);
    console.log(
      `package quick-start agent: warm ${(best / 1000).toFixed(2)} s best of 3 (goal <= 2 s)${last.dependencies !== 'cached' ? '  NOT FROM CACHE' : ''}`,
    );
    console.log(
      `package quick-start agent: zip ${mb(cold.zippedBytes)} (${mb(cold.unzippedBytes)} unzipped, ${cold.files} files; limits 250 MB / 750 MB)${last.sha256 !== cold.sha256 ? '  HASH CHANGED' : ''}`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
})();
