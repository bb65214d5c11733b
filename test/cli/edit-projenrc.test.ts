import { describe, expect, it } from 'vitest';
import { addAgentCall, addCredentialCall, addGatewayCall, addTargetCall } from '../../src/edit/add-declaration';
import { ProjenrcSource } from '../../src/edit/projenrc-source';
import { removeAgentCall, removeCredentialCall, removeGatewayCall, removeTargetCall } from '../../src/edit/remove-declaration';
import { UnsafeEditError } from '../../src/edit/unsafe-edit';

// The ts-morph edits on their own: what a person's .projenrc.ts looks like after each change.
const src = (text: string) => new ProjenrcSource(text);

const HAND_WRITTEN = `import { AgentCoreProject } from "agentcore-projen"

/** Team conventions live here. */
const PREFIX = "team"

const project = new AgentCoreProject({ name: "Tools" })

// Our search gateway: keep it first.
const search = project.addGateway({ name: "search" }) // owned by the search team
search.addTarget({ type: "mcp-server", name: "web", endpoint: "https://mcp.example.com/web" })

function label(s: string) {
  return \`\${PREFIX}-\${s}\`
}
console.log(label("ready"))

project.synth()
`;

describe('adding to a hand-written file', () => {
  it('keeps comments, formatting and own code, and follows the file style (quotes, no semicolons)', () => {
    let text = addTargetCall(src(HAND_WRITTEN), 'search', { name: 'docs', type: 'mcp-server', endpoint: 'https://mcp.example.com/docs' }).text;
    text = addGatewayCall(src(text), { name: 'billing-gateway', authorizerType: 'AWS_IAM' }).text;
    text = addCredentialCall(src(text), { name: 'BillingKey', type: 'api-key' }).text;
    text = addAgentCall(src(text), { name: 'Helper', framework: 'Strands', modelProvider: 'Bedrock' }).text;
    expect(text).toBe(`import { AgentCoreProject } from "agentcore-projen"

/** Team conventions live here. */
const PREFIX = "team"

const project = new AgentCoreProject({ name: "Tools" })

project.addCredential({ name: "BillingKey", type: "api-key" })

// Our search gateway: keep it first.
const search = project.addGateway({ name: "search" }) // owned by the search team
search.addTarget({ type: "mcp-server", name: "web", endpoint: "https://mcp.example.com/web" })
search.addTarget({ name: "docs", type: "mcp-server", endpoint: "https://mcp.example.com/docs" })

project.addGateway({ name: "billing-gateway", authorizerType: "AWS_IAM" })

function label(s: string) {
  return \`\${PREFIX}-\${s}\`
}
console.log(label("ready"))

project.addAgent({ name: "Helper", framework: "Strands", modelProvider: "Bedrock" })

project.synth()
`);
  });

  it('gives a gateway written without a variable one when a target is added', () => {
    const text = addTargetCall(
      src(
        "import { AgentCoreProject } from 'agentcore-projen';\nconst project = new AgentCoreProject({ name: 'P' });\nproject.addGateway({ name: 'weather' });\nproject.synth();\n",
      ),
      'weather',
      { name: 'w', type: 'mcp-server', endpoint: 'https://x.example.com/mcp' },
    ).text;
    expect(text).toContain(
      "const weatherGateway = project.addGateway({ name: 'weather' });\nweatherGateway.addTarget({ name: 'w', type: 'mcp-server', endpoint: 'https://x.example.com/mcp' });\n",
    );
  });

  it('adds fromEnv to the existing import, or calls it through a namespace import', () => {
    const opts = { name: 'g', authorizerType: 'CUSTOM_JWT', agentClientSecret: { fromEnv: 'G_SECRET' } };
    const named = addGatewayCall(
      src("import { AgentCoreProject } from 'agentcore-projen';\nconst project = new AgentCoreProject({ name: 'P' });\nproject.synth();\n"),
      opts,
    ).text;
    expect(named).toMatch(/^import \{ AgentCoreProject, fromEnv \} from 'agentcore-projen';\n/);
    expect(named).toContain("agentClientSecret: fromEnv('G_SECRET')");
    const ns = addGatewayCall(
      src("import * as ac from 'agentcore-projen';\nconst project = new ac.AgentCoreProject({ name: 'P' });\nproject.synth();\n"),
      opts,
    ).text;
    expect(ns).toContain("agentClientSecret: ac.fromEnv('G_SECRET')");
    expect(ns.match(/^import/gm)).toHaveLength(1);
  });

  it('writes a target of a gateway built in a loop with addGatewayTarget, naming the gateway', () => {
    const loop =
      "import { AgentCoreProject } from 'agentcore-projen';\nconst project = new AgentCoreProject({ name: 'P' });\nfor (const name of ['a', 'b']) {\n  project.addGateway({ name });\n}\nproject.synth();\n";
    const text = addTargetCall(src(loop), 'a', { name: 't', type: 'mcp-server', endpoint: 'https://x.example.com/mcp' }).text;
    expect(text).toContain(
      "}\n\nproject.addGatewayTarget({\n  gateway: 'a',\n  name: 't',\n  type: 'mcp-server',\n  endpoint: 'https://x.example.com/mcp',\n});\n\nproject.synth();",
    );
  });

  it('says what to write by hand when there is no AgentCoreProject to add to', () => {
    expect(() => addAgentCall(src('const x = 1;\n'), { name: 'A', framework: 'Strands', modelProvider: 'Bedrock' })).toThrow(
      /Could not find `const project = new AgentCoreProject[\s\S]*Edit it by hand/,
    );
  });
});

const MODEL = `import { AgentCoreProject, fromEnv } from 'agentcore-projen';

const project = new AgentCoreProject({ name: 'P' });

project.addCredential({ name: 'Key', type: 'api-key' });

// The main gateway.
const main = project.addGateway({
  name: 'main',
  authorizerType: 'CUSTOM_JWT',
  discoveryUrl: 'https://idp.example.com/.well-known/openid-configuration',
  allowedAudience: ['api'],
  agentClientId: 'agent',
  agentClientSecret: fromEnv('MAIN_SECRET'),
});
main.addTarget({ type: 'mcp-server', name: 'one', endpoint: 'https://one.example.com/mcp' });
main.addTarget({ type: 'api-gateway', name: 'pets', restApiId: 'abc', stage: 'prod', outboundAuth: 'api-key', credentialName: 'Key' });

const other = project.addGateway({ name: 'other' })
  .addTarget({ type: 'mcp-server', name: 'one', endpoint: 'https://o1.example.com/mcp' })
  .addTarget({ type: 'mcp-server', name: 'two', endpoint: 'https://o2.example.com/mcp' });
project.addGatewayTarget({ gateway: 'other', type: 'mcp-server', name: 'three', endpoint: 'https://o3.example.com/mcp' });

const helper = project.addAgent({ name: 'Helper', framework: 'Strands', modelProvider: 'Bedrock' });
helper.addDependency('requests>=2');
project.addAgent({ name: 'Second', framework: 'Strands', modelProvider: 'Bedrock' });

project.synth();
`;

describe('removing', () => {
  it('removes a gateway with its variable, its targets in every form, and the import it no longer needs', () => {
    const text = removeGatewayCall(src(MODEL), 'main').text;
    expect(text).not.toContain('main');
    expect(text).not.toContain('fromEnv');
    expect(text).toContain("import { AgentCoreProject } from 'agentcore-projen';\n\nconst project");
    expect(text).toContain("project.addCredential({ name: 'Key', type: 'api-key' });\n\nconst other = project.addGateway");
    const other = removeGatewayCall(src(MODEL), 'other');
    expect(other.targets).toEqual(['one', 'two', 'three']);
    expect(other.text).toContain("credentialName: 'Key' });\n\nconst helper = project.addAgent");
  });

  it('cuts one target out of a chain and leaves the rest', () => {
    const text = removeTargetCall(src(MODEL), 'one', 'other').text;
    expect(text).toContain(
      "const other = project.addGateway({ name: 'other' })\n  .addTarget({ type: 'mcp-server', name: 'two', endpoint: 'https://o2.example.com/mcp' });\n",
    );
    expect(text).toContain("name: 'one', endpoint: 'https://one.example.com/mcp'");
  });

  it('asks for --gateway when two gateways have a target of that name', () => {
    expect(() => removeTargetCall(src(MODEL), 'one')).toThrow(/"main" and "other" both have a target named "one"; say which with --gateway/);
  });

  it('removes an agent together with the statements that configure it', () => {
    const text = removeAgentCall(src(MODEL), 'Helper').text;
    expect(text).not.toContain('Helper');
    expect(text).not.toContain('addDependency');
    expect(text).toContain("name: 'three', endpoint: 'https://o3.example.com/mcp' });\n\nproject.addAgent({ name: 'Second'");
  });

  it('explains which target still uses a credential', () => {
    expect(() => removeCredentialCall(src(MODEL), 'Key')).toThrow(/Credential "Key" is still used by target "pets" of gateway "main" \(line 17\)/);
    const withoutPets = removeTargetCall(src(MODEL), 'pets').text;
    expect(removeCredentialCall(src(withoutPets), 'Key').text).not.toContain("'Key'");
  });

  it('refuses to remove a resource whose variable is used by other code, naming the line', () => {
    const text = MODEL.replace('project.synth();', 'console.log(main.name);\nproject.synth();');
    expect(() => removeGatewayCall(src(text), 'main')).toThrow(UnsafeEditError);
    expect(() => removeGatewayCall(src(text), 'main')).toThrow(/variable `main`, which is still used at line 28/);
  });

  it('says what to do by hand for a gateway built in a loop or with a computed name', () => {
    const loop =
      "import { AgentCoreProject } from 'agentcore-projen';\nconst project = new AgentCoreProject({ name: 'P' });\nfor (const name of ['a', 'b']) {\n  project.addGateway({ name });\n}\nproject.synth();\n";
    expect(() => removeGatewayCall(src(loop), 'a')).toThrow(/names are computed \(line 4\)[\s\S]*Edit it by hand: remove "a" from the code at line 4/);
    const computed = loop.replace(/for[\s\S]*?\n}\n/, "project.addGateway({ name: 'a' });\nif (process.env.EXTRA) project.addGateway({ name: 'b' });\n");
    expect(() => removeGatewayCall(src(computed), 'b')).toThrow(/inside a function, loop or condition \(line 4\)/);
    expect(removeGatewayCall(src(computed), 'a').text).not.toContain("name: 'a'");
  });

  it('names the existing resources when the name is unknown', () => {
    expect(() => removeAgentCall(src(MODEL), 'Nope')).toThrow(/There is no agent named "Nope" in .projenrc.ts; the agents are: Helper, Second/);
  });
});
