import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseEnv } from 'node:util';
import { SECRETS_FILE, warnIfReadableByOthers, writeSecretsFile } from '../secrets-file';
import { CliError } from './output';

/** The git-ignored file that holds the project's secrets, relative to the project root. */
export const ENV_FILE = SECRETS_FILE;

/** Writes `agentcore/.env.local` readable by its owner only (0600), whatever its mode was. */
export { writeSecretsFile };

/** Variables of `agentcore/.env.local` (empty when the file is missing); warns if others can read it. */
export function readEnvFile(root: string): Record<string, string> {
  const file = path.join(root, ENV_FILE);
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
  throw new CliError('this secret mixes quote characters in a way agentcore/.env.local cannot hold; set it in the environment instead');
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
    const at = lines.findIndex((l) => new RegExp(`^\\s*(export\\s+)?${name}\\s*=`).test(l));
    if (at >= 0) lines[at] = line;
    else lines.push(line);
  }
  return lines.length ? `${lines.join(newline)}${newline}` : '';
}

/** The file's text without the `NAME=...` lines of `names`; every other line is kept as it was. */
export function removeEnvText(text: string, names: readonly string[]): string {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const gone = (line: string) => names.some((name) => new RegExp(`^\\s*(export\\s+)?${name}\\s*=`).test(line));
  const lines = text.split(/\r?\n/);
  return lines.filter((l) => !gone(l)).join(newline);
}

/** Deletes variables from `agentcore/.env.local` (kept 0600); nothing happens when none is there. */
export function deleteEnvVariables(root: string, names: readonly string[]): void {
  const file = path.join(root, ENV_FILE);
  if (names.length === 0 || !fs.existsSync(file)) return;
  const text = fs.readFileSync(file, 'utf8');
  const next = removeEnvText(text, names);
  if (next !== text) writeSecretsFile(file, next);
}
