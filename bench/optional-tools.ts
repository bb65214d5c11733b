import { MOTO_MISSING, motoServerPath } from '../test/moto/moto-server';
import { pinnedUv } from '../test/package/helpers/uv';

/*
 * Tools some benches need and a fresh machine may lack. Without one, the bench prints a line that
 * says what is skipped and how to get the tool, and `npm run bench` goes on with the others.
 */

/** The Python tier's pinned uv (bootstrapped with pip on first use), or undefined after a skip line. */
export function uvOrSkip(part: string): string | undefined {
  try {
    return pinnedUv();
  } catch {
    // The script's own messages (on stderr, above this line) say what went wrong.
    console.log(`${part}: skipped: uv could not be set up by test/python/lib/uv.sh (it needs python3.11, and PyPI the first time)`);
    return undefined;
  }
}

/** moto's server (installed by `npm run test:moto`), or undefined after a skip line. */
export function motoOrSkip(part: string): string | undefined {
  const executable = motoServerPath();
  if (!executable) console.log(`${part}: skipped: ${MOTO_MISSING}`);
  return executable;
}
