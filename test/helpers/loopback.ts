/**
 * Shared by the tests, the benchmarks and the demo: loopback ports and deterministic content.
 */
import { createServer } from 'node:net';

/**
 * A port on 127.0.0.1 that was free a moment ago: for a server started next with a known
 * address, or as a port nothing listens on (an unreachable source).
 */
export async function freeLoopbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** `size` pseudo-random bytes that depend only on `seed`: the same content on every run. */
export function seededBytes(seed: string, size: number): Buffer {
  const out = Buffer.alloc(size);
  let state = [...seed].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    out[i] = state >>> 24;
  }
  return out;
}
