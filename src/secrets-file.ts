import * as fs from 'node:fs';
import * as path from 'node:path';

/*
 * The project's secrets file, `agentcore/.env.local`: git-ignored, and readable by its owner only.
 * Every writer goes through writeSecretsFile; every reader calls warnIfReadableByOthers.
 */

/** Where the secrets live, relative to the project root. */
export const SECRETS_FILE = 'agentcore/.env.local';

/** Owner read/write, nobody else. */
const OWNER_ONLY = 0o600;

/**
 * Writes the secrets file with mode 0600. The mode is set on the open file before any byte is
 * written, because `mode` of an open only applies when the file is created: a file that was
 * 0644 would otherwise keep that mode with the new secret in it.
 */
export function writeSecretsFile(file: string, text: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w', OWNER_ONLY);
  try {
    fs.fchmodSync(fd, OWNER_ONLY);
    fs.writeSync(fd, typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
  } finally {
    fs.closeSync(fd);
  }
}

const warned = new Set<string>();

/**
 * Warns on stderr, once per file and process, when the secrets file can be read by the group or
 * by everyone. The file is read anyway: refusing would stop a deploy over a mode the user may
 * have chosen.
 */
export function warnIfReadableByOthers(file: string, write: (text: string) => void = (t) => process.stderr.write(t)): void {
  if (process.platform === 'win32' || warned.has(path.resolve(file))) return;
  let mode: number;
  try {
    mode = fs.statSync(file).mode & 0o777;
  } catch {
    return; // no file, nothing to protect
  }
  if ((mode & 0o044) === 0) return;
  warned.add(path.resolve(file));
  const shown = path.relative(process.cwd(), file) || file;
  write(`warning: ${shown} holds secrets but can be read by ${mode & 0o004 ? 'every user of this machine' : 'its group'} (mode ${mode.toString(8).padStart(4, '0')}); make it private with \`chmod 600 ${shown}\`\n`);
}
