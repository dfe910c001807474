/** Child process for the crash test: one Update run, then exit. Usage: update-child.ts <root> <url> <trustRoot> */
import { runUpdateTask } from '../../../src/endpoint/index.js';

const [root, url, trustRoot] = process.argv.slice(2);
// Without arguments (e.g. `tap test/endpoint/` picking this file up) there is nothing to do.
if (root && url && trustRoot) await main(root, url, trustRoot);
else process.stderr.write('usage: update-child.ts <root> <url> <trustRoot>\n');

async function main(root: string, url: string, trustRoot: string): Promise<void> {
  process.stdout.write('start\n');
  const result = await runUpdateTask({
    root,
    device: { name: 'ws-crash', license: { expires: '2999-12-31' } },
    sources: [{ url }],
    settings: { applicationUpdateMode: 'disabled' },
    now: new Date(),
    trustRoot,
    concurrency: 8,
  });
  process.stdout.write(`${result.status === 'completed' ? 'done' : `failed ${result.reason ?? ''}`}\n`);
}
