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
  run: (module: Record<string, unknown>) => Promise<BenchResult>;
}

const here = path.dirname(fileURLToPath(import.meta.url));

function call(exportName: string) {
  return async (module: Record<string, unknown>): Promise<BenchResult> => {
    const fn = module[exportName] as () => unknown;
    const result = (await fn()) as Partial<BenchResult> & { figures?: Record<string, number> };
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
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const selected = BENCHES.filter((b) => wanted.length === 0 || wanted.includes(b.name));
  let failed = 0;
  for (const bench of selected) {
    const file = path.join(here, bench.file);
    if (!existsSync(file)) continue;
    process.stdout.write(`\n== ${bench.name}\n`);
    try {
      const result = await bench.run((await import(file)) as Record<string, unknown>);
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
