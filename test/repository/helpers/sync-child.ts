/** Child process for the crash test: one sync, then exit. Usage: sync-child.ts <url> <dest> <trustRoot> */
import { syncRepository } from '../../../src/repository/sync/index.js';

const [url, dest, trustRoot] = process.argv.slice(2);
if (!url || !dest || !trustRoot) throw new Error('usage: sync-child.ts <url> <dest> <trustRoot>');
process.stdout.write('start\n');
await syncRepository({ sources: [{ url }], dest, trustRoot, concurrency: 8 });
process.stdout.write('done\n');
