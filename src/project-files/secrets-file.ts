import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseEnv } from 'node:util';
import { UserError } from '../user-error';
import { SECRETS_PATH } from './paths';

/*
 * The project's secrets file, `agentcore/.env.local`: git-ignored, and readable by its owner only.
 * Every writer goes through writeSecretsFile; every reader goes through readSecretsFile, which
 * warns when others can read the file.
 */

/** Owner read/write, nobody else. */
const OWNER_ONLY = 0o600;

/** The secrets file of the project at `root`. */
export function secretsFileOf(root: string): string {
  return path.join(root, SECRETS_PATH);
}

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
  write(
    `warning: ${shown} holds secrets but can be read by ${mode & 0o004 ? 'every user of this machine' : 'its group'} (mode ${mode.toString(8).padStart(4, '0')}); make it private with \`chmod 600 ${shown}\`\n`,
  );
}

/** Variables of a secrets file (empty when it is missing); warns if others can read it. */
export function readSecretsFile(file: string): Record<string, string> {
  if (!fs.existsSync(file)) return {};
  warnIfReadableByOthers(file);
  return parseEnv(fs.readFileSync(file, 'utf8')) as Record<string, string>;
}

/** A value as dotenv writes it: bare when safe, else in the first quote style that can hold it. */
function envValue(value: string): string {
  if (/^[A-Za-z0-9_./:@+=,-]*$/.test(value)) return value;
  if (!value.includes("'") && !value.includes('\n')) return `'${value}'`;
  if (!value.includes('"')) return `"${value.replace(/\n/g, '\\n')}"`;
  if (!value.includes('`') && !value.includes('\n')) return `\`${value}\``;
  throw new UserError(`this secret mixes quote characters in a way ${SECRETS_PATH} cannot hold; set it in the environment instead`);
}

/** Matches the `NAME=...` line of a variable (with or without `export`). */
function assigns(name: string): RegExp {
  return new RegExp(`^\\s*(export\\s+)?${name}\\s*=`);
}

/**
 * The file's text with each variable set: an existing `NAME=...` line is replaced in place, a new
 * one is appended; every other line (comments, other secrets) is kept as it was.
 */
export function upsertEnvText(text: string, values: Readonly<Record<string, string>>): string {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text === '' ? [] : text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const [name, value] of Object.entries(values)) {
    const line = `${name}=${envValue(value)}`;
    const at = lines.findIndex((l) => assigns(name).test(l));
    if (at >= 0) lines[at] = line;
    else lines.push(line);
  }
  return lines.length ? `${lines.join(newline)}${newline}` : '';
}

/** The file's text without the `NAME=...` lines of `names`; every other line is kept as it was. */
export function removeEnvText(text: string, names: readonly string[]): string {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const gone = (line: string) => names.some((name) => assigns(name).test(line));
  return text
    .split(/\r?\n/)
    .filter((l) => !gone(l))
    .join(newline);
}

/** Deletes variables from the secrets file of the project at `root` (kept 0600); nothing happens when none is there. */
export function deleteSecrets(root: string, names: readonly string[]): void {
  const file = secretsFileOf(root);
  if (names.length === 0 || !fs.existsSync(file)) return;
  const text = fs.readFileSync(file, 'utf8');
  const next = removeEnvText(text, names);
  if (next !== text) writeSecretsFile(file, next);
}
