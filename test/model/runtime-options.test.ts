import { describe, expect, it } from 'vitest';
import { baseInput, issuesOf, resolve } from './model-helpers';

// How agents run on AgentCore Runtime (Python, network) and where their packages go.

const agent = { name: 'MyAgent', framework: 'Strands', modelProvider: 'Bedrock' } as const;
const VPC = { subnets: ['subnet-0123456789abcdef0'], securityGroups: ['sg-0123456789abcdef0'] };

const problems = (input: Parameters<typeof issuesOf>[0]) => issuesOf(input).map((i) => `${i.where}: ${i.message}`);

describe('agent runtime options', () => {
  it("without options an agent runs today's way: Python 3.12, public network, a bucket deploy creates", () => {
    const { config } = resolve(baseInput());
    expect(config.runtimes[0]).toMatchObject({ pythonRuntime: 'PYTHON_3_12', network: { networkMode: 'PUBLIC' } });
    expect(config.artifactBucket).toBeUndefined();
  });

  it("pythonVersion becomes the service's PYTHON_3_x; the project's agentDefaults apply where an agent does not say", () => {
    const { config } = resolve(
      baseInput({
        agentDefaults: { pythonVersion: '3.11', networkMode: 'VPC', vpc: VPC },
        agents: [
          { ...agent, pythonVersion: '3.13', networkMode: 'PUBLIC' },
          { ...agent, name: 'Other' },
        ],
      }),
    );
    expect(config.runtimes.map((r) => [r.name, r.pythonRuntime, r.network])).toEqual([
      ['MyAgent', 'PYTHON_3_13', { networkMode: 'PUBLIC' }],
      ['Other', 'PYTHON_3_11', { networkMode: 'VPC', networkModeConfig: VPC }],
    ]);
  });

  it('refuses a Python version the service does not run, naming the ones it does', () => {
    expect(problems(baseInput({ agents: [{ ...agent, pythonVersion: '3.9' as never }] }))).toEqual([
      'agent "MyAgent" › pythonVersion: "3.9" is not allowed; use one of "3.10", "3.11", "3.12", "3.13", "3.14"',
    ]);
  });

  it('VPC needs subnets and security groups, each a well-formed id; vpc without VPC mode is a mistake', () => {
    expect(problems(baseInput({ agents: [{ ...agent, networkMode: 'VPC' }] }))).toEqual([
      expect.stringMatching(/^agent "MyAgent" › networkMode: "VPC" needs the subnets and security groups .*add vpc: \{ subnets: \["subnet-\.\.\."\]/),
    ]);
    expect(problems(baseInput({ agents: [{ ...agent, vpc: VPC }] }))).toEqual([
      `agent "MyAgent" › vpc: is only used with networkMode "VPC"; add networkMode: 'VPC' to the agent, or remove vpc`,
    ]);
    expect(problems(baseInput({ agents: [{ ...agent, networkMode: 'VPC', vpc: { subnets: ['my-subnet'], securityGroups: [] } }] }))).toEqual([
      'agent "MyAgent" › vpc.subnets[0]: "my-subnet": is not a subnet id; write it like "subnet-0123456789abcdef0"',
      'agent "MyAgent" › vpc.securityGroups: []: give at least one security group id, e.g. "sg-0123456789abcdef0"',
    ]);
  });
});

describe('artifactBucket', () => {
  it('names the bucket the packages go to', () => {
    expect(resolve(baseInput({ artifactBucket: 'my-agent-artifacts' })).config.artifactBucket).toBe('my-agent-artifacts');
  });

  it.each([
    ['My_Bucket', 'S3 takes only lower-case letters, digits, "." and "-"'],
    ['ab', 'it is 2 characters; S3 takes 3 to 63'],
    ['my..bucket', 'no two adjacent periods'],
    ['192.168.1.1', 'formatted as an IP address'],
    ['xn--bucket', 'starting with "xn--" are reserved'],
  ])('refuses %s with the rule it breaks and the fix', (name, rule) => {
    const [problem, ...rest] = problems(baseInput({ artifactBucket: name }));
    expect(rest).toEqual([]);
    expect(problem).toContain(`project › artifactBucket: "${name}" is not an S3 bucket name: `);
    expect(problem).toContain(rule);
    expect(problem).toContain('or leave artifactBucket out to let deploy create one');
  });
});
