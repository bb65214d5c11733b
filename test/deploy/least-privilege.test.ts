import { describe, expect, test } from 'vitest';
import { deploy, destroy } from '../../src/deploy';
import type { ProjectInput } from '../../src/model/input';
import { clientsFor, emptyInput, everything, makeProject, quickStart, TOOLS, withFake } from './helpers';

// Deploy reads and writes only the resource kinds the model or the deployed state involves, so a
// principal allowed exactly that can deploy. Counted at the fake, where every request arrives.

/** Every gateway brings its own role: deploy has no reason to talk to IAM. */
function givenRoles(): ProjectInput {
  return {
    ...emptyInput('Handed'),
    gateways: [
      { name: 'front', roleArn: 'arn:aws:iam::111122223333:role/FrontGatewayRole' },
      { name: 'back', authorizerType: 'AWS_IAM', roleArn: 'arn:aws:iam::111122223333:role/BackGatewayRole' },
    ],
    targets: [
      { gateway: 'front', type: 'mcp-server', name: 'search', endpoint: 'https://search.example.com/mcp' },
      {
        gateway: 'back',
        type: 'lambda-function-arn',
        name: 'calc',
        lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:calc',
        toolSchemaFile: 'tools.json',
      },
    ],
  };
}

describe('least privilege', () => {
  test('with every gateway giving roleArn, deploy, re-deploy and destroy send no request to IAM', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(givenRoles(), { 'tools.json': TOOLS });
      // IAM answers from nowhere: a single IAM call would fail the run.
      const clients = clientsFor(fake);
      const options = p.options(fake, { clients: { ...clients, iam: { ...clients.iam, endpoint: 'http://127.0.0.1:9' } } });
      await deploy(p.dir, options);
      const again = await deploy(p.dir, options);
      expect(again.plan.hasChanges).toBe(false);
      await destroy(p.dir, options);
      expect(fake.calls.filter((c) => c.service === 'iam')).toEqual([]);
      expect(fake.calls.length).toBeGreaterThan(0);
      expect(fake.control.gateways.size).toBe(0);
    });
  });

  test('a model without credentials reads no credential provider; IAM is asked only about the gateway roles deploy manages', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(quickStart());
      await deploy(p.dir, p.options(fake));
      fake.resetCalls();
      await deploy(p.dir, p.options(fake));
      const ops = new Set(fake.calls.map((c) => c.op));
      expect([...ops].filter((op) => /CredentialProvider/.test(op))).toEqual([]);
      expect([...ops].filter((op) => fake.calls.some((c) => c.op === op && c.service === 'iam')).sort()).toEqual(['GetRole', 'GetRolePolicy']);
      expect(fake.calls.filter((c) => c.op === 'GetRole')).toHaveLength(1);
    });
  });

  test('credential providers are looked up by the names the project uses, never listed', async () => {
    await withFake({}, async (fake) => {
      const e = everything();
      const p = makeProject(e.input, e.files, e.envLocal);
      await deploy(p.dir, p.options(fake));
      fake.resetCalls();
      await deploy(p.dir, p.options(fake));
      expect(fake.calls.filter((c) => /^List\w+CredentialProviders$/.test(c.op))).toEqual([]);
      expect(fake.count('GetOauth2CredentialProvider')).toBe(3);
      expect(fake.count('GetApiKeyCredentialProvider')).toBe(1);
    });
  });
});
