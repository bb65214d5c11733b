import { describe, expect, it } from 'vitest';
import { fromEnv } from '../../src/model/secret';
import { baseInput, issuesOf, resolve } from './model-helpers';

// A model provider's API key reaches AgentCore Runtime only through an api-key credential provider:
// resolve declares one per agent that needs a key, and deploy creates it from the provider's variable.
describe('model API keys', () => {
  it('gives an agent whose provider needs a key the api-key credential <agent>-<provider>-key, read from the provider variable', () => {
    const { config } = resolve(
      baseInput({
        agents: [
          { name: 'Writer', framework: 'Strands', modelProvider: 'Anthropic' },
          { name: 'Chat_Bot', framework: 'OpenAIAgents', modelProvider: 'OpenAI' },
          { name: 'MyAgent', framework: 'Strands', modelProvider: 'Bedrock' },
        ],
      }),
    );
    expect(config.credentials).toEqual([
      { name: 'chat_bot-openai-key', type: 'api-key', deployedName: 'MyProject-chat_bot-openai-key', env: { apiKey: 'OPENAI_API_KEY' } },
      { name: 'writer-anthropic-key', type: 'api-key', deployedName: 'MyProject-writer-anthropic-key', env: { apiKey: 'ANTHROPIC_API_KEY' } },
    ]);
    const [writer, chat, bedrock] = config.runtimes;
    expect(writer!.modelApiKey).toEqual({ credentialName: 'writer-anthropic-key', env: 'ANTHROPIC_API_KEY' });
    expect(chat!.modelApiKey).toEqual({ credentialName: 'chat_bot-openai-key', env: 'OPENAI_API_KEY' });
    expect(bedrock!.modelApiKey).toBeUndefined();
  });

  it('refuses a declared credential with the same name, saying where each comes from', () => {
    const issues = issuesOf(
      baseInput({
        agents: [{ name: 'Writer', framework: 'GoogleADK', modelProvider: 'Gemini' }],
        credentials: [{ name: 'writer-gemini-key', type: 'api-key', apiKey: fromEnv('WRITER_KEY') }],
      }),
    );
    expect(issues.map((i) => `${i.where}: ${i.message}`)).toContain(
      `credential "writer-gemini-key" › name: is used twice (a declared credential and an agent's model API key credential); rename the declared credential`,
    );
  });
});
