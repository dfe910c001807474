/** Runs the CLI in this process and captures what it prints: for tests that need no real process. */
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export async function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  let out = '';
  let err = '';
  const write = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  process.stdout.write = ((s: string) => ((out += s), true));
  process.stderr.write = ((s: string) => ((err += s), true));
  process.exitCode = 0;
  try {
    await main(['node', 'updops', ...args]);
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out, err };
}

/** No ambient controller, token or state from the environment running the tests. */
export const CLEAN_ENV = { UPDOPS_CONTROLLER: undefined, UPDOPS_TOKEN: undefined, UPDOPS_STATE: undefined } as const;
