import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { AnswerTooLargeError, EventSizeLimit } from '../../src/local-gateway/http/answer-limit';

/** Pushes `chunks` through an EventSizeLimit of `limit` bytes; resolves with what came out. */
async function through(chunks: string[], limit: number): Promise<string> {
  let out = '';
  await pipeline(Readable.from(chunks.map((c) => Buffer.from(c))), new EventSizeLimit(limit), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) out += chunk.toString();
  });
  return out;
}

describe('EventSizeLimit: each event of a stream is bounded, not the stream', () => {
  const event = (n: number, end: string) => `data: ${'x'.repeat(n)}${end}${end}`;

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('passes any number of events under the limit, ended with %s, even split between chunks', async (_name, end) => {
    const stream = Array.from({ length: 50 }, () => event(80, end)).join('');
    // Cut into 7-byte chunks, so blank lines (and CRLF pairs) fall across chunk borders.
    const chunks = stream.match(/[\s\S]{1,7}/g)!;
    expect(await through(chunks, 100)).toBe(stream);
  });

  it('refuses an event larger than the limit, even when it arrives in small chunks', async () => {
    const chunks = [event(50, '\n'), ...Array.from({ length: 30 }, () => 'data: more of the same event\n')];
    await expect(through(chunks, 200)).rejects.toBeInstanceOf(AnswerTooLargeError);
  });

  it('does not take a single CRLF for a blank line', async () => {
    // "\r" ends one chunk and "\n" starts the next: one line end, so the event goes on.
    await expect(through(['data: aaaaaaaaaa\r', '\ndata: bbbbbbbbbb\r', '\ndata: cccccccccc'], 30)).rejects.toBeInstanceOf(AnswerTooLargeError);
    expect(await through(['data: aaaaaaaaaa\r', '\n\r', '\ndata: bbbbbbbbbb\r\n\r\n'], 30)).toContain('bbbb');
  });
});
