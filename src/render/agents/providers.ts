import type { ModelProvider } from '../../model/frameworks';
import { MODEL_API_KEY_ENV } from '../../model/model-api-key';

/** What generated agents need to know about a model provider, whatever the framework. */
export interface ProviderFacts {
  readonly displayName: string;
  /** Model used when the agent declares no `modelId`: a current, generally available model. */
  readonly defaultModelId: string;
  /** Env var the API key is read from at run time (keys never land in files); none for Bedrock (IAM). */
  readonly apiKeyEnv: string | null;
}

export const PROVIDERS: Readonly<Record<ModelProvider, ProviderFacts>> = {
  Bedrock: { displayName: 'Amazon Bedrock', defaultModelId: 'global.anthropic.claude-sonnet-4-6', apiKeyEnv: MODEL_API_KEY_ENV.Bedrock },
  Anthropic: { displayName: 'Anthropic', defaultModelId: 'claude-sonnet-4-6', apiKeyEnv: MODEL_API_KEY_ENV.Anthropic },
  OpenAI: { displayName: 'OpenAI', defaultModelId: 'gpt-4.1', apiKeyEnv: MODEL_API_KEY_ENV.OpenAI },
  Gemini: { displayName: 'Google Gemini', defaultModelId: 'gemini-2.5-flash', apiKeyEnv: MODEL_API_KEY_ENV.Gemini },
};
