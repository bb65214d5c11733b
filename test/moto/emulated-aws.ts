import { startFakeAws, type FakeAws } from '../fixtures/fake-control-plane';
import { FAKE_CREDENTIALS } from '../deploy/helpers';
import { MOTO_MISSING, motoServerPath, type MotoServer, startMotoServer } from './moto-server';
import { type SplitEndpoint, startSplitEndpoint } from './split-endpoint';

/*
 * The AWS a moto-tier test deploys to: moto for the AgentCore gateways and targets, their tags and
 * IAM, and our fake control plane for the credential providers moto does not emulate, both behind
 * one endpoint that a deploy reaches through the standard AWS_ENDPOINT_URL.
 */

export const REGION = 'us-east-1';

export interface EmulatedAws {
  /** moto itself, to inspect what a deploy left there. */
  readonly moto: MotoServer;
  /** Our fake: holds the credential providers. */
  readonly identities: FakeAws;
  /** The environment a user (or CI) sets to point every AWS tool at the emulators. */
  env(): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/**
 * The moto_server to run, or undefined to skip the tier with a visible message. CI (CI=true) and
 * `npm run test:moto` (MOTO_TIER_REQUIRED=1) fail instead of skipping.
 */
export function motoForThisRun(): string | undefined {
  const executable = motoServerPath();
  if (executable) return executable;
  if (process.env.CI || process.env.MOTO_TIER_REQUIRED) throw new Error(`the moto tier must run here: ${MOTO_MISSING}`);
  console.warn(`[moto tier] skipped: ${MOTO_MISSING}`);
  return undefined;
}

export async function startEmulatedAws(executable: string): Promise<EmulatedAws> {
  const [moto, identities] = await Promise.all([startMotoServer(executable), startFakeAws({ readyAfterPolls: 1 })]);
  let split: SplitEndpoint;
  try {
    split = await startSplitEndpoint({ '/identities/': identities.endpoint }, moto.endpoint);
  } catch (e) {
    await Promise.all([moto.stop(), identities.close()]);
    throw e;
  }
  return {
    moto,
    identities,
    env: () => ({
      AWS_ENDPOINT_URL: split.endpoint,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
      AWS_MAX_ATTEMPTS: '1',
      AWS_PROFILE: '',
      AWS_CONFIG_FILE: '/nonexistent',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
    }),
    close: async () => {
      await split.close();
      await Promise.all([moto.stop(), identities.close()]);
    },
  };
}
