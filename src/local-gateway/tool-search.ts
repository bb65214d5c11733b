import type { Tool } from '@modelcontextprotocol/sdk/types.js';

/** AgentCore's name for a gateway's built-in tool search. */
export const SEARCH_TOOL_NAME = 'x_amz_bedrock_agentcore_search';

export const SEARCH_TOOL: Tool = {
  name: SEARCH_TOOL_NAME,
  description:
    'Finds the tools of this gateway that best match a natural-language query; returns their names, descriptions and input schemas. ' +
    'Locally this is a keyword ranking (BM25 over tool names, descriptions and parameter names), not the embedding search AgentCore runs when deployed.',
  inputSchema: {
    type: 'object',
    properties: { query: { type: 'string', description: 'What the tool should do, e.g. "look up the weather for a city"' } },
    required: ['query'],
  },
};

/** How many tools a search returns at most. */
const MAX_RESULTS = 10;

/**
 * Ranks tools against a query with BM25 (k1 = 1.2, b = 0.75). Each tool is a bag of words from its
 * name (counted twice: names are the strongest signal), its description and its parameter names;
 * words are split at punctuation and camelCase, lower-cased, and a plural "s" is dropped. Tools
 * that share no word with the query are left out.
 */
export function rankTools(tools: readonly Tool[], query: string, limit = MAX_RESULTS): Tool[] {
  const terms = [...new Set(words(query))];
  if (terms.length === 0 || tools.length === 0) return [];
  const docs = tools.map((t) => {
    const bag = [...words(t.name), ...words(t.name), ...words(t.description ?? ''), ...words(Object.keys(t.inputSchema.properties ?? {}).join(' '))];
    const tf = new Map<string, number>();
    for (const w of bag) tf.set(w, (tf.get(w) ?? 0) + 1);
    return { tool: t, tf, length: bag.length };
  });
  const avgLength = docs.reduce((n, d) => n + d.length, 0) / docs.length || 1;
  const k1 = 1.2;
  const b = 0.75;
  const scored = docs.map((d) => {
    let score = 0;
    for (const term of terms) {
      const f = d.tf.get(term);
      if (!f) continue;
      const withTerm = docs.filter((x) => x.tf.has(term)).length;
      const idf = Math.log(1 + (docs.length - withTerm + 0.5) / (withTerm + 0.5));
      score += (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * d.length) / avgLength));
    }
    return { tool: d.tool, score };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((x, y) => y.score - x.score)
    .slice(0, limit)
    .map((s) => s.tool);
}

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1)
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}
