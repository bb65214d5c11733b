import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AgentCoreProject } from '../../src/projen/agentcore-project';
import { tempDir } from '../helpers/tmp';
import { modelApiKey } from './helpers';

// The generated model/load.py reads the provider's key from the environment only with LOCAL_DEV=1
// (dev, tests); on AgentCore Runtime, where deploy puts no key in the environment, it asks AgentCore
// Identity for the api-key credential that deploy stored it in.
let agent: string;

beforeAll(() => {
  const outdir = tempDir();
  const project = new AgentCoreProject({ name: 'Demo', outdir });
  project.addAgent({ name: 'Writer', framework: 'Strands', modelProvider: 'Anthropic' });
  project.synth();
  agent = path.join(outdir, 'app', 'Writer');
});

describe('the model API key of a generated agent', () => {
  it('on the Runtime (no LOCAL_DEV) comes from AgentCore Identity through <project>-<agent>-<provider>-key, even if the variable is set', () => {
    expect(modelApiKey(agent, { ANTHROPIC_API_KEY: 'from-env' })).toEqual({
      apiKey: 'identity-key-of-Demo-writer-anthropic-key',
      identityRequests: ['Demo-writer-anthropic-key'],
    });
  });

  it('with LOCAL_DEV=1 comes from the provider variable, and AgentCore Identity is not asked', () => {
    expect(modelApiKey(agent, { LOCAL_DEV: '1', ANTHROPIC_API_KEY: 'from-env' })).toEqual({ apiKey: 'from-env', identityRequests: [] });
  });

  it('with LOCAL_DEV=1 and no variable, the error names the variable to set', () => {
    expect(modelApiKey(agent, { LOCAL_DEV: '1' })).toEqual({ error: 'set ANTHROPIC_API_KEY to the API key of the model provider', identityRequests: [] });
  });
});
