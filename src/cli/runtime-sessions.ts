import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RUNTIME_SESSIONS_PATH } from '../project-files/paths';

/*
 * The session `invoke` continues, per agent, so a follow-up prompt reaches the same runtime
 * session (and its memory of the conversation). Kept in the git-ignored `agentcore/.deploy/`:
 * a session belongs to one person's conversation, not to the project.
 */

type Sessions = Record<string, string>;

function read(root: string): Sessions {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(path.join(root, RUNTIME_SESSIONS_PATH), 'utf8'));
    return typeof value === 'object' && value !== null ? (value as Sessions) : {};
  } catch {
    return {};
  }
}

/** The agent's last session, or a new id (a UUID: 36 characters, the service asks for at least 33). */
export function sessionFor(root: string, agent: string): string {
  return read(root)[agent] ?? newSessionId();
}

export function newSessionId(): string {
  return randomUUID();
}

export function saveSession(root: string, agent: string, sessionId: string): void {
  const file = path.join(root, RUNTIME_SESSIONS_PATH);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ ...read(root), [agent]: sessionId }, null, 2)}\n`);
}
