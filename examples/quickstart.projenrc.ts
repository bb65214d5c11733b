import { AgentCoreProject } from 'agentcore-projen';

// The reference tool's gateway quick start, as a typed model.
const project = new AgentCoreProject({ name: 'MyProject' });

// 2. Add a gateway, and 3. a target (an external MCP server).
const myGateway = project.addGateway({ name: 'my-gateway' });
myGateway.addTarget({
  type: 'mcp-server',
  name: 'weather-tools',
  endpoint: 'https://mcp.example.com/mcp',
});

// 4. Add an agent: it is wired to every gateway, on every synth.
project.addAgent({ name: 'MyAgent', framework: 'Strands', modelProvider: 'Bedrock' });

project.synth();
