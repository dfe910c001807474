/** Child process for the crash test: one Update run, then exit. Usage: update-child.ts <root> <url> <trustRoot> */
import { runUpdateTask } from '../../../../src/tasks/update/index.js';

const [root, url, trustRoot] = process.argv.slice(2);
if (!root || !url || !trustRoot) throw new Error('usage: update-child.ts <root> <url> <trustRoot>');
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
