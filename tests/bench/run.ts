// npm run bench: runs every suite, prints one table and writes the figures to bench-results/bench.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { badgesSuite } from './badges';
import { coreSuite } from './core';
import { importsSuite } from './imports';
import { rendererSuite } from './renderer';
import { rosterSuite } from './roster';
import { syncSuite } from './sync';
import type { Row, Suite } from './harness';

const suites: Suite[] = [
  coreSuite,
  rosterSuite,
  importsSuite,
  rendererSuite,
  (await import('./desk')).deskSuite,
  badgesSuite,
  (await import('./kiosk')).kioskSuite,
  syncSuite,
  (await import('./reports')).reportsSuite,
  (await import('./erasure')).erasureSuite,
  (await import('./hub')).hubSuite,
  (await import('./crypt')).cryptSuite,
  (await import('./audit')).auditSuite,
];

function format(n: number | undefined, digits = 3): string {
  if (n === undefined || Number.isNaN(n)) return '';
  return n >= 100 ? n.toFixed(0) : n.toPrecision(digits);
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const rows: Row[] = [];
  for (const suite of suites.filter((s) => only.length === 0 || only.includes(s.name))) {
    process.stderr.write(`running ${suite.name}…\n`);
    rows.push(...(await suite.run()));
  }
  const table = rows.map((r) => ({
    case: `${r.suite}: ${r.case}`,
    metric: r.metric,
    value: `${format(r.value)} ${r.unit}`,
    floor: r.floor === undefined ? '' : `${format(r.floor)} ${r.unit}`,
    ratio: r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}x`,
    target: r.target ? `${r.target} ${r.met ? '✓' : '✗'}` : '',
  }));
  console.table(table);
  const out = path.resolve('bench-results');
  mkdirSync(out, { recursive: true });
  const file = path.join(out, 'bench.json');
  writeFileSync(
    file,
    JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, rows }, null, 2),
  );
  process.stderr.write(`figures written to ${file}\n`);
}

await main();
