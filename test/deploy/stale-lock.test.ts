import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { deploy } from '../../src/deploy';
import { DEPLOY_LOCK } from '../../src/project-files/lock';
import { holdLock, kill, start, stopAll } from '../project-files/helpers/processes';
import { inventory, makeProject, quickStart, withFake } from './helpers';

// A deploy killed while holding the lock leaves it behind; the next deploy takes it over even
// when the system has meanwhile given the dead deploy's pid to an unrelated process.

afterEach(stopAll);

describe('a deploy lock left by a killed deploy', () => {
  test('whose pid now belongs to an unrelated running process does not block the next deploy', async () => {
    await withFake({}, async (fake) => {
      const p = makeProject(quickStart('Reused'));
      const lock = path.join(p.dir, DEPLOY_LOCK);
      const killed = holdLock(lock, 'deploy');
      expect(await killed.nextLine()).toBe(`held ${killed.child.pid}`);
      await kill(killed);
      // The system hands the dead deploy's pid to another process.
      const unrelated = start('sleep', ['600']);
      fs.writeFileSync(lock, `${JSON.stringify({ ...JSON.parse(fs.readFileSync(lock, 'utf8')), pid: unrelated.child.pid })}\n`);

      await deploy(p.dir, p.options(fake));

      expect(inventory(fake).gateways).toEqual({ 'Reused-my-gateway': ['weather-tools'] });
      expect(fs.existsSync(lock)).toBe(false);
      expect(unrelated.child.exitCode).toBeNull();
    });
  });
});
