import * as fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_MD, renderApiReference } from '../../projenrc/api-reference';
import * as root from '../../src/index';

describe('the public API', () => {
  it('exports exactly the runtime names a user needs from the package root', () => {
    // Adding or removing a name here is a change of the published API: update API.md with it.
    expect(Object.keys(root).sort()).toEqual(['Agent', 'AgentCoreProject', 'Gateway', 'ModelError', 'fromEnv', 'renderProject', 'resolveProject']);
  });

  it('is documented in API.md as the sources say (run `npx projen docgen` after changing TSDoc or exports)', () => {
    expect(fs.readFileSync(API_MD, 'utf8')).toBe(renderApiReference());
  });

  it('documents every option a user can set', () => {
    const text = renderApiReference();
    const undocumented = text.split('\n').filter((line) => /^\| `\w+` \| .* \| (yes|no) \| .* \| {2}\|$/.test(line));
    expect(undocumented).toEqual([]);
  });
});
