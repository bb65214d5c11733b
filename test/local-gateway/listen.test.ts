import { describe, expect, it } from 'vitest';
import { listen } from './helpers/listen';

describe('test servers (helpers/listen)', () => {
  it('answer 500 with the error when an async handler fails, instead of leaving the client waiting', async () => {
    const server = await listen(async () => {
      throw new Error('backend broke');
    });
    try {
      const res = await fetch(server.url);
      expect(res.status).toBe(500);
      expect(await res.text()).toContain('backend broke');
    } finally {
      await server.close();
    }
  });
});
