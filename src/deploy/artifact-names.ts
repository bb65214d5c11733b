import type { ProjectConfig } from '../model/config';

/*
 * Where agent packages live in S3. The bucket deploy creates is one per project, account and region
 * (bucket names are global); keys carry the package's content hash, so an unchanged agent uploads
 * nothing and the package a runtime still runs is never overwritten.
 */

/** The bucket deploy creates for the project: `<project lower-cased>-agentcore-<account>-<region>` (at most 63 characters). */
export function artifactBucketName(project: string, account: string, region: string): string {
  return `${project.toLowerCase()}-agentcore-${account}-${region}`;
}

/** The bucket the project's packages go to: the one the model names, else the one deploy creates. */
export function artifactBucketFor(config: ProjectConfig, account: string, region: string): string {
  return config.artifactBucket ?? artifactBucketName(config.name, account, region);
}

/** Folder of the project's packages in the bucket (a bucket the model names may hold other things). */
export function artifactPrefix(project: string): string {
  return `agentcore-projen/${project}/`;
}

/** Key of one agent package: `agentcore-projen/<project>/<agent>/<sha256>.zip`. */
export function artifactKey(project: string, agent: string, sha256: string): string {
  return `${artifactPrefix(project)}${agent}/${sha256}.zip`;
}
