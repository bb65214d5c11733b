import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * The answers the gateway takes from a target are bounded by default to this many bytes, as
 * requests are (maxBodyBytes). Parsed JSON costs more memory than it takes on the wire, up to about
 * 40 times for the costliest shape (`{}` after `{}`), so 1 MiB keeps the memory one answer can take
 * under 64 MiB whatever a target sends.
 */
export const DEFAULT_MAX_ANSWER_BYTES = 1024 * 1024;

/** Where the answer limit is read from the environment (by `gateway`, `dev` and the API alike). */
export const MAX_ANSWER_BYTES_ENV = 'AGENTCORE_LOCAL_GATEWAY_MAX_ANSWER_BYTES';

/**
 * The answer limit: the option when given, else the environment variable, else the default. A
 * value that is not a positive whole number of bytes is an error that says where it came from.
 */
export function maxAnswerBytesFrom(option: number | undefined, env: NodeJS.ProcessEnv): number {
  const fromEnv = env[MAX_ANSWER_BYTES_ENV];
  const [value, source] =
    option !== undefined ? [option, 'maxAnswerBytes'] : fromEnv ? [Number(fromEnv), MAX_ANSWER_BYTES_ENV] : [DEFAULT_MAX_ANSWER_BYTES, ''];
  if (!Number.isSafeInteger(value) || value < 1) {
    const shown = option !== undefined ? JSON.stringify(option) : JSON.stringify(fromEnv);
    throw new Error(
      `${source} ${shown} is not a positive whole number of bytes; e.g. 8388608 for 8 MiB, or leave it out for ${DEFAULT_MAX_ANSWER_BYTES} (1 MiB)`,
    );
  }
  return value;
}

/**
 * A target's answer is larger than the gateway accepts. The connection it came on is dropped, and
 * the call it answered fails with a tool error; the target stays in service for other calls.
 */
export class AnswerTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(
      `the target's answer is larger than ${describeBytes(limit)}, the most the local gateway accepts from a target; ` +
        `raise the limit with --max-answer-bytes (or ${MAX_ANSWER_BYTES_ENV}, or maxAnswerBytes) if such answers are expected`,
    );
    this.name = 'AnswerTooLargeError';
  }
}

/**
 * Reads a whole answer body (JSON) into memory, up to `limit` bytes. An answer that declares or
 * sends more is refused at once: the response, and with it the connection, is destroyed, so
 * nothing more is read and the connection is not reused.
 */
export function readLimited(res: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const refuse = () => {
      reject(new AnswerTooLargeError(limit));
      res.destroy();
    };
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return refuse();
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        res.removeAllListeners('data');
        refuse();
        return;
      }
      chunks.push(chunk);
    });
    res.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    res.on('error', reject);
    res.on('close', () => {
      if (!res.complete) reject(new Error('the target closed the connection before the end of its answer'));
    });
  });
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Passes a `text/event-stream` on as it arrives, refusing any one event larger than `limit` bytes
 * (a stream carries many events, so the bound is per event: an event is what the SDK's parser
 * keeps in memory until its blank line arrives). An oversized event errors the stream with
 * AnswerTooLargeError.
 */
export class EventSizeLimit extends Transform {
  /** Bytes since the last blank line, i.e. of the event being received. */
  private pending = 0;
  private lastByte = -1;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const end = afterLastBlankLine(chunk, this.lastByte);
    this.pending = end >= 0 ? chunk.length - end : this.pending + chunk.length;
    this.lastByte = chunk[chunk.length - 1];
    if (this.pending > this.limit) done(new AnswerTooLargeError(this.limit));
    else done(null, chunk);
  }
}

/**
 * Where the last event of `chunk` ends (the index after its blank line), or -1. Lines end in CRLF,
 * LF or CR, so a blank line is two line ends in a row: "\n\n", "\r\r" or "\n\r" (which "\r\n\r\n"
 * contains); "\r\n" alone is one line end. `before` is the last byte of the previous chunk.
 */
function afterLastBlankLine(chunk: Buffer, before: number): number {
  let end = -1;
  for (const pair of ['\n\n', '\r\r', '\n\r']) {
    const at = chunk.lastIndexOf(pair);
    if (at >= 0) end = Math.max(end, at + 2);
  }
  if (end < 0 && chunk.length > 0 && (before === LF || (before === CR && chunk[0] === CR)) && (chunk[0] === LF || chunk[0] === CR)) end = 1;
  return end;
}

function describeBytes(n: number): string {
  const mib = n / (1024 * 1024);
  return Number.isInteger(mib) ? `${mib} MiB (${n} bytes)` : `${n} bytes`;
}
