/**
 * Run by worker-threads.test.ts as `node --import tsx worker-threads-child.ts DIR URL`: the hash,
 * delta and download threads started from source under tsx, as the demo and the benches run
 * them. Reads DIR/a.bin and DIR/b.bin, writes the delta to DIR/a-to-b.fossil and fetches
 * URL/b.bin into DIR/b.part, then prints one JSON line of what the threads answered.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createDeltaInWorker } from '../../../src/repository/publish/delta-worker.js';
import { hashFileInWorker } from '../../../src/repository/sync/hash-pool.js';
import { workerFetcher, workerFetches } from '../../../src/repository/transport/http-file-workers.js';
import { hashFile } from '../../../src/util/hash-file.js';

const [dir = '', url = ''] = process.argv.slice(2);
const a = path.join(dir, 'a.bin');
const b = path.join(dir, 'b.bin');
const [aHash, bHash] = [await hashFile(a), await hashFile(b)];

const hashed = await hashFileInWorker(b, bHash.length);
const delta = await createDeltaInWorker({ base: a, baseSha256: aHash.sha256, result: b, resultSha256: bHash.sha256 });
if (delta) await writeFile(path.join(dir, 'a-to-b.fossil'), delta);
const fetcher = workerFetcher(2, undefined);
const fetched = await fetcher.fetch({ url: `${url}/b.bin`, headers: {}, timeoutMs: 5000, offset: 0, limit: bHash.length, part: path.join(dir, 'b.part'), onBytes: () => undefined });
fetcher.close();
process.stdout.write(`${JSON.stringify({ hashed, delta: delta !== undefined, fetched, workerFetches: workerFetches() })}\n`);
