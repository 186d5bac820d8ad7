import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('workspace (nx.json)', () => {
  it('never restores the build from the cache: one `npm run build` writes the whole dist, for every project', () => {
    // A cached build keyed on one project's inputs once put back a stale dist over a fresh one, so the
    // end-to-end tests ran the services as they had been before a change to libs/platform.
    const nx = JSON.parse(readFileSync(join(root, 'nx.json'), 'utf8')) as {
      targetDefaults: Record<string, { cache?: boolean; command?: string; outputs?: string[] }>;
    };
    expect(nx.targetDefaults.build).toMatchObject({ cache: false, command: 'npm run build' });
    expect(nx.targetDefaults.build.outputs).toBeUndefined();
  });
});
