import { describe, expect, test } from 'vitest';
import { deploy, diff } from '../../src/deploy';
import { everything, makeProject, withFake } from './helpers';

// A service (or an emulator) may answer an optional member that was never set as empty
// (`description: ""`) or drop an empty one it was sent (`scopes: []`, `mcp: {}`). Both mean
// "not set": deploy must neither plan an update for them nor ever stop converging.

describe('absent equals empty', () => {
  test('an unchanged project whose optional members come back empty has nothing to change, and a re-deploy writes nothing', async () => {
    await withFake({ echoEmptyOptionals: true }, async (fake) => {
      const e = everything();
      const p = makeProject(e.input, e.files, e.envLocal);
      await deploy(p.dir, p.options(fake));

      const plan = await diff(p.dir, p.options(fake));
      expect(plan.changes.filter((c) => c.action !== 'no-op')).toEqual([]);
      expect(plan.hasChanges).toBe(false);

      fake.resetCalls();
      await deploy(p.dir, p.options(fake));
      expect(fake.writes()).toEqual([]);
    });
  });

  test('a real change next to echoed empty members is still planned, only that one, and it converges', async () => {
    await withFake({ echoEmptyOptionals: true }, async (fake) => {
      const e = everything();
      const p = makeProject(e.input, e.files, e.envLocal);
      await deploy(p.dir, p.options(fake));

      // A description set where the service answered "", and semantic search turned off (sent as
      // `mcp: {}`, which the service may drop) where it was on.
      p.resynth((input) => ({
        ...input,
        gateways: input.gateways.map((g) =>
          g.name === 'iam' ? { ...g, description: 'Now described' } : g.name === 'open' ? { ...g, semanticSearch: false } : g,
        ),
      }));
      const plan = await diff(p.dir, p.options(fake));
      expect(plan.changes.filter((c) => c.action !== 'no-op').map((c) => ({ id: c.id, action: c.action, reasons: c.reasons }))).toEqual([
        { id: 'gateway:open', action: 'update', reasons: ['protocolConfiguration'] },
        { id: 'gateway:iam', action: 'update', reasons: ['description'] },
      ]);

      await deploy(p.dir, p.options(fake));
      expect((await diff(p.dir, p.options(fake))).hasChanges).toBe(false);
    });
  });
});
