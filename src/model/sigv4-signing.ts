import { z } from 'zod';

/*
 * What a gateway signs its calls to a target with, when the target's outboundAuth is "iam": the
 * SigV4 signing name of the AWS service behind the target, and optionally the region it signs for
 * (the gateway's own region when left out).
 */

/** SigV4 signing names are lower-case words joined by hyphens: `execute-api`, `bedrock-agentcore`, `lambda`. */
export const SIGNING_SERVICE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** AWS region names: `us-east-1`, `eu-central-2`, `us-gov-west-1`. */
export const AWS_REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** Examples named whenever a signing service is missing or malformed. */
export const SIGNING_SERVICE_EXAMPLES = '"execute-api" (API Gateway) or "bedrock-agentcore" (AgentCore Runtime or another gateway)';

export const signingService = z.string().refine((v) => SIGNING_SERVICE.test(v), {
  error: (iss) => `${JSON.stringify(iss.input)} is not a SigV4 signing name; use the service's signing name in lower case, e.g. ${SIGNING_SERVICE_EXAMPLES}`,
});

export const signingRegion = z.string().refine((v) => AWS_REGION.test(v), {
  error: (iss) =>
    `${JSON.stringify(iss.input)} is not an AWS region; use a region name like "us-east-1", or leave signingRegion out to sign for the gateway's region`,
});
