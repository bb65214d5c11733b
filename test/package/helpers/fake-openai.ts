import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** An OpenAI-compatible chat endpoint on 127.0.0.1 that streams one fixed answer. */
export interface FakeOpenAi {
  /** Base URL for OPENAI_BASE_URL (ends in /v1). */
  readonly baseUrl: string;
  /** Model ids of the requests received. */
  readonly models: string[];
  close(): Promise<void>;
}

export async function startFakeOpenAi(answer: string): Promise<FakeOpenAi> {
  const models: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404).end();
        return;
      }
      models.push(JSON.parse(body).model);
      const chunk = (choices: unknown[], extra: object = {}) =>
        `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 0, model: 'fake', choices, ...extra })}\n\n`;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk([{ index: 0, delta: { role: 'assistant', content: answer }, finish_reason: null }]));
      res.write(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
      res.write(chunk([], { usage: { prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 } }));
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    models,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
