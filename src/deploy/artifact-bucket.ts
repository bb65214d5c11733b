import type { ProjectConfig } from '../model/config';
import type { Aws, StorageClients } from './clients';
import { artifactBucketName, artifactPrefix } from './artifact-names';
import { DeployError, describeAwsError, returned } from './errors';
import { PROJECT_TAG } from './names';
import type { StateStore } from './state';

/*
 * The S3 bucket agent packages are uploaded to: one deploy creates for the project (encrypted,
 * public access blocked, tagged with the project). Bucket names are global, so one that exists
 * and that nothing shows the project made (state, intent, tag) is refused, never used.
 * Packages are keyed by content hash: an unchanged package is not uploaded again.
 */

/** Intent to create the bucket, kept in the state's pending creates until it is recorded. */
const bucketIntent = (name: string) => `artifact-bucket:${name}`;

interface Storage extends StorageClients {
  aws: Aws;
}

async function send<T>(s: Storage, op: string, command: object): Promise<T> {
  try {
    return await s.aws.send<T>(s.s3, command);
  } catch (e) {
    throw new DeployError(`artifact bucket: ${op} failed: ${describeAwsError(e)}`, 'artifact bucket');
  }
}

const isMissing = (e: unknown) =>
  ['NotFound', 'NoSuchBucket', 'NoSuchKey', 'NoSuchTagSet'].includes((e as Error)?.name) ||
  (e as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode === 404;

/** One GetCallerIdentity per run: the answer is the same for every agent that asks. */
const accounts = new WeakMap<Aws, Promise<string>>();

/** The account of the caller (the bucket is named after it, roles trust it). */
export function callerAccount(aws: Aws): Promise<string> {
  let account = accounts.get(aws);
  if (!account) {
    account = askCallerAccount(aws);
    accounts.set(aws, account);
  }
  return account;
}

async function askCallerAccount(aws: Aws): Promise<string> {
  const s = await aws.storage();
  try {
    const who = await aws.send<{ Account?: string }>(s.sts, new s.stsSdk.GetCallerIdentityCommand({}));
    return returned(who.Account, 'GetCallerIdentity', 'Account');
  } catch (e) {
    if (e instanceof DeployError) throw e;
    throw new DeployError(`GetCallerIdentity failed: ${describeAwsError(e)}`);
  }
}

/** Makes sure the project's bucket exists and is the project's; returns its name. */
export async function ensureArtifactBucket(aws: Aws, store: StateStore, config: ProjectConfig): Promise<string> {
  const project = config.name;
  const s: Storage = { aws, ...(await aws.storage()) };
  if (config.artifactBucket) return useNamedBucket(s, store, config.artifactBucket);
  const recorded = store.state.artifactBucket?.created ? store.state.artifactBucket : undefined;
  const name = recorded?.name ?? artifactBucketName(project, await callerAccount(aws), aws.region);
  const exists = await present(s, 'HeadBucket', new s.s3Sdk.HeadBucketCommand({ Bucket: name }));
  const intended = bucketIntent(name) in store.state.pending;
  if (exists && recorded?.name === name) return name;
  if (exists && !intended && !(await taggedOurs(s, name, project))) {
    throw new DeployError(
      `artifact bucket: a bucket named "${name}" already exists and nothing shows this project made it (it is not recorded in agentcore/deployed-state.json ` +
        `or tagged ${PROJECT_TAG}=${project}), so it was left alone. Delete or tag it if it is yours, or deploy from another project name`,
      'artifact bucket',
    );
  }
  if (!exists) {
    await store.update((st) => {
      st.pending[bucketIntent(name)] = { clientToken: name, request: 'CreateBucket' };
    });
    await send(
      s,
      'CreateBucket',
      new s.s3Sdk.CreateBucketCommand({
        Bucket: name,
        // us-east-1 is the default location and must not be named.
        ...(aws.region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: aws.region as never } }),
      }),
    );
  }
  if (!exists || intended) {
    await send(
      s,
      'PutBucketEncryption',
      new s.s3Sdk.PutBucketEncryptionCommand({
        Bucket: name,
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      }),
    );
    await send(
      s,
      'PutPublicAccessBlock',
      new s.s3Sdk.PutPublicAccessBlockCommand({
        Bucket: name,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
      }),
    );
    await send(s, 'PutBucketTagging', new s.s3Sdk.PutBucketTaggingCommand({ Bucket: name, Tagging: { TagSet: [{ Key: PROJECT_TAG, Value: project }] } }));
  }
  await store.update((st) => {
    st.artifactBucket = { name, created: true };
    delete st.pending[bucketIntent(name)];
  });
  return name;
}

/** A bucket the model names: it must exist; deploy only puts packages under the project's prefix in it. */
async function useNamedBucket(s: Storage, store: StateStore, name: string): Promise<string> {
  if (!(await present(s, 'HeadBucket', new s.s3Sdk.HeadBucketCommand({ Bucket: name })))) {
    throw new DeployError(
      `artifact bucket: the bucket "${name}" (artifactBucket in .projenrc.ts) does not exist in this account; create it, or leave artifactBucket out to let deploy create one`,
      'artifact bucket',
    );
  }
  if (store.state.artifactBucket?.name !== name || store.state.artifactBucket.created) {
    await store.update((st) => {
      st.artifactBucket = { name, created: false };
    });
  }
  return name;
}

/** Whether a Head call finds its bucket or object (a 404 is an answer, not a failure). */
async function present(s: Storage, op: string, command: object): Promise<boolean> {
  try {
    await s.aws.send(s.s3, command);
    return true;
  } catch (e) {
    if (isMissing(e)) return false;
    throw new DeployError(`artifact bucket: ${op} failed: ${describeAwsError(e)}`, 'artifact bucket');
  }
}

async function taggedOurs(s: Storage, bucket: string, project: string): Promise<boolean> {
  try {
    const tags = await s.aws.send<{ TagSet?: { Key?: string; Value?: string }[] }>(s.s3, new s.s3Sdk.GetBucketTaggingCommand({ Bucket: bucket }));
    return (tags.TagSet ?? []).some((t) => t.Key === PROJECT_TAG && t.Value === project);
  } catch (e) {
    if (isMissing(e)) return false;
    throw new DeployError(`artifact bucket: GetBucketTagging failed: ${describeAwsError(e)}`, 'artifact bucket');
  }
}

/**
 * Uploads a package unless the bucket already holds it (its key carries its hash). Returns whether
 * it uploaded. `body` is read only when the package is sent: one already there is never read.
 */
export async function uploadArtifact(aws: Aws, bucket: string, key: string, body: () => Promise<Buffer>, sha256: string): Promise<boolean> {
  const s: Storage = { aws, ...(await aws.storage()) };
  if (await present(s, 'HeadObject', new s.s3Sdk.HeadObjectCommand({ Bucket: bucket, Key: key }))) return false;
  await send(
    s,
    'PutObject',
    new s.s3Sdk.PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: await body(),
      ContentType: 'application/zip',
      ChecksumAlgorithm: 'SHA256',
      ChecksumSHA256: Buffer.from(sha256, 'hex').toString('base64'),
    }),
  );
  return true;
}

/** Keys of the project's packages in the bucket (of one agent, or all). */
export async function listArtifacts(aws: Aws, bucket: string, project: string, agent?: string): Promise<string[]> {
  const s: Storage = { aws, ...(await aws.storage()) };
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await send<{ Contents?: { Key?: string }[]; NextContinuationToken?: string }>(
      s,
      'ListObjectsV2',
      new s.s3Sdk.ListObjectsV2Command({ Bucket: bucket, Prefix: `${artifactPrefix(project)}${agent ? `${agent}/` : ''}`, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) if (o.Key) keys.push(o.Key);
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

export async function deleteArtifacts(aws: Aws, bucket: string, keys: string[]): Promise<void> {
  const s: Storage = { aws, ...(await aws.storage()) };
  for (const Key of keys) await send(s, 'DeleteObject', new s.s3Sdk.DeleteObjectCommand({ Bucket: bucket, Key }));
}

/**
 * Destroy: the project's packages, and the bucket when deploy created it (never one it did not).
 * Without a recorded bucket (the state was lost) the project's bucket is found by its name and tag.
 * `account` spares the STS call when an ARN already told it.
 */
export async function removeArtifactBucket(aws: Aws, store: StateStore, config: ProjectConfig, account: string | undefined): Promise<void> {
  const project = config.name;
  let bucket = store.state.artifactBucket;
  // Nothing to look for: no agent deployed, none recorded.
  if (!bucket && !config.runtimes.some((r) => r.deployedName !== undefined)) return;
  const s: Storage = { aws, ...(await aws.storage()) };
  if (!bucket && config.artifactBucket) bucket = { name: config.artifactBucket, created: false };
  if (!bucket) {
    const name = artifactBucketName(project, account ?? (await callerAccount(aws)), aws.region);
    const ours = (await present(s, 'HeadBucket', new s.s3Sdk.HeadBucketCommand({ Bucket: name }))) && (await taggedOurs(s, name, project));
    if (ours) bucket = { name, created: true };
  }
  // A bucket already gone (a destroy stopped after deleting it) needs nothing more.
  if (bucket && (await present(s, 'HeadBucket', new s.s3Sdk.HeadBucketCommand({ Bucket: bucket.name })))) {
    await deleteArtifacts(aws, bucket.name, await listArtifacts(aws, bucket.name, project));
    if (bucket.created) await send(s, 'DeleteBucket', new s.s3Sdk.DeleteBucketCommand({ Bucket: bucket.name }));
  }
  if (store.state.artifactBucket) {
    await store.update((st) => {
      delete st.artifactBucket;
    });
  }
}
