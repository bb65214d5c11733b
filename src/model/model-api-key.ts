import type { ModelProvider } from './frameworks';

/**
 * A model provider's API key: the variable it is read from (locally, and by deploy, which stores it
 * as an API-key credential provider), none for Bedrock (IAM). On AgentCore Runtime the agent reads
 * it from AgentCore Identity through that credential, never from a runtime environment variable.
 */
export const MODEL_API_KEY_ENV: Readonly<Record<ModelProvider, string | null>> = {
  Bedrock: null,
  Anthropic: 'ANTHROPIC_API_KEY',
  OpenAI: 'OPENAI_API_KEY',
  Gemini: 'GEMINI_API_KEY',
};

/** The credential that holds an agent's model API key: `<agent>-<provider>-key`, lower-case. */
export function modelApiKeyCredentialName(agent: string, provider: ModelProvider): string {
  return `${agent}-${provider}-key`.toLowerCase();
}
