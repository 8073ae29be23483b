import { execFileSync } from 'node:child_process';
import type { Seeded } from './seed';
import { test as base } from './fixtures';
import { projectRoot, startServer, type MusterServer } from './server';

export type { Seeded };

/** Runs tests/e2e/seed.ts on a data folder in its own Node process and returns what it seeded. */
export function seedRoster(dataDir: string, count: number): Seeded {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'tests/e2e/seed.ts', dataDir, String(count)], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '') as Seeded;
}

interface RosterFixtures {
  /** How many people the generated roster holds (2,000 unless a file says otherwise with test.use). */
  rosterSize: number;
  seededServer: { server: MusterServer; seeded: Seeded };
  /** What the seed made: the event, its sessions, and a person with accented names. */
  seeded: Seeded;
}

/** The e2e fixtures, with `muster serve` started on a folder already holding an event and a generated roster. */
export const test = base.extend<RosterFixtures>({
  rosterSize: [2000, { option: true }],
  seededServer: async ({ rosterSize }, use) => {
    let seeded: Seeded | undefined;
    const server = await startServer((dir) => {
      seeded = seedRoster(dir, rosterSize);
    });
    await use({ server, seeded: seeded! });
    await server.stop();
  },
  muster: async ({ seededServer }, use) => use(seededServer.server),
  seeded: async ({ seededServer }, use) => use(seededServer.seeded),
});

export { expect } from './fixtures';
