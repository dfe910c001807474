/**
 * `npm run bench [-- NAME…]`: every benchmark, each printing its figures and the ratio to a
 * baseline measured in the same run. Benchmarks are not timed tests: a missed target is
 * reported (and makes the exit code 1) but nothing here runs in `npm test`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface BenchResult {
  name: string;
  lines: string[];
  ok: boolean;
}

interface BenchEntry {
  name: string;
  file: string;
  /** `args`: the words after the bench names (`npm run bench -- scale heartbeats`), for benches that take them. */
  run: (module: Record<string, unknown>, args: string[]) => Promise<BenchResult>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

function call(exportName: string) {
  return async (module: Record<string, unknown>, args: string[]): Promise<BenchResult> => {
    const fn = module[exportName] as (args: string[]) => unknown;
    const result = (await fn(args)) as Partial<BenchResult> & { figures?: Record<string, number> };
    if (result.lines) return { name: result.name ?? exportName, lines: result.lines, ok: result.ok ?? true };
    const figures = result.figures ?? {};
    const lines = Object.entries(figures).map(([k, v]) => `${k}: ${Number.isInteger(v) ? v : v.toFixed(3)}`);
    return { name: result.name ?? exportName, lines, ok: (figures.ratio ?? 0) < 1 };
  };
}

const BENCHES: BenchEntry[] = [
  { name: 'validate', file: 'validate.ts', run: call('runValidateBench') },
  { name: 'plan', file: 'plan.ts', run: call('runPlanBench') },
  { name: 'schedule', file: 'schedule.ts', run: call('runScheduleBench') },
  { name: 'sync', file: 'sync.ts', run: call('runSyncBench') },
  { name: 'controller', file: 'controller.ts', run: call('runControllerBench') },
  { name: 'controller-api', file: 'controller-api.ts', run: call('runApiBench') },
  { name: 'agents', file: 'agents.ts', run: call('runAgentsBench') },
  { name: 'serve', file: 'serve.ts', run: call('runServeBench') },
  { name: 'console', file: 'console.ts', run: call('runConsoleBench') },
  { name: 'scale', file: 'scale.ts', run: call('runScaleBench') },
];

async function main(): Promise<void> {
  const words = process.argv.slice(2);
  const names = new Set(BENCHES.map((b) => b.name));
  const wanted = words.filter((w) => names.has(w));
  // Other words go to the named benches (scale's sections); with none named they are an error.
  const rest = words.filter((w) => !names.has(w));
  if (rest.length && !wanted.length) {
    process.stderr.write(`unknown bench ${rest.join(', ')}: choose from ${[...names].join(', ')}\n`);
    process.exitCode = 2;
    return;
  }
  const selected = BENCHES.filter((b) => wanted.length === 0 || wanted.includes(b.name));
  let failed = 0;
  for (const bench of selected) {
    const file = path.join(here, bench.file);
    if (!existsSync(file)) continue;
    process.stdout.write(`\n== ${bench.name}\n`);
    try {
      const result = await bench.run((await import(file)) as Record<string, unknown>, rest);
      for (const line of result.lines) process.stdout.write(`  ${line}\n`);
      process.stdout.write(`  target: ${result.ok ? 'met' : 'MISSED'}\n`);
      if (!result.ok) failed++;
    } catch (error) {
      failed++;
      process.stdout.write(`  error: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  process.stdout.write(`\n${selected.length - failed} of ${selected.length} benchmarks met their targets\n`);
  process.exitCode = failed ? 1 : 0;
}

await main();
