/**
 * `updops agent --controller A,B` (docs/architecture.md "Replicas"): the agent talks to the first
 * replica that answers; one that is unreachable or answers 503 makes it try the next, and when
 * none answers it backs off and tries again. Real HTTP servers on 127.0.0.1 stand in for the
 * replicas; each records what reached it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { startAgent } from '../../src/agent/index.js';
import { ControllerClient, controllerUrls } from '../../src/agent/client.js';
import { freeLoopbackPort } from '../helpers/loopback.js';
import { tempDir } from '../helpers/temp-dir.js';
import { until as waitFor } from '../helpers/wait.js';

interface Replica {
  url: string;
  /** `METHOD /path` of every request that reached it. */
  seen: string[];
  /** 'serve': answers as a controller; 'unavailable': 503 to everything (a replica that cannot serve agents). */
  mode: 'serve' | 'unavailable';
  close(): Promise<void>;
}

async function replica(t: Test, mode: Replica['mode'], port = 0): Promise<Replica> {
  const seen: string[] = [];
  const state: Replica = { url: '', seen, mode, close: async () => undefined };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    seen.push(`${req.method} ${path}`);
    req.resume();
    req.on('end', () => {
      const json = (status: number, body: unknown): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (state.mode === 'unavailable') return json(503, { error: { code: 'UNAVAILABLE', message: 'standing by: another replica leads' } });
      if (path === '/api/agents/register') return json(200, { name: 'ws-1', role: 'device', os: 'linux', heartbeatSeconds: 0.2 });
      if (path === '/api/agents/ws-1/heartbeat') return json(200, { name: 'ws-1', lastSeen: new Date().toISOString(), cancel: [] });
      // An idle long-poll: a short wait, then nothing to do.
      if (path === '/api/agents/ws-1/work') return void setTimeout(() => res.writeHead(204).end(), 100);
      json(404, { error: { code: 'NOT_FOUND', message: 'no such resource' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let closed = false;
  state.close = () => {
    if (closed) return Promise.resolve();
    closed = true;
    return new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };
  t.teardown(() => state.close());
  return state;
}

const beats = (r: Replica): number => r.seen.filter((s) => s === 'POST /api/agents/ws-1/heartbeat').length;

void t.test('the URL list: commas, spaces and trailing slashes; none is an error', async (t) => {
  t.same(controllerUrls('http://a:1/, http://b:2//'), ['http://a:1', 'http://b:2']);
  t.same(controllerUrls(['http://a:1']), ['http://a:1']);
  t.throws(() => controllerUrls(' , '), /no controller URL/);
});

void t.test('a call moves past an unreachable replica and one answering 503, and stays where it got an answer', async (t) => {
  const deadPort = await freeLoopbackPort();
  const standby = await replica(t, 'unavailable');
  const leader = await replica(t, 'serve');
  const moves: string[] = [];
  const client = new ControllerClient({ url: [`http://127.0.0.1:${deadPort}`, standby.url, leader.url], token: 'x', timeoutMs: 2000, onFailover: (from, to) => moves.push(`${from} -> ${to}`) });
  const answer = await client.call<{ name: string }>('POST', '/api/agents/ws-1/heartbeat', {});
  t.equal(answer?.name, 'ws-1', 'answered by the third');
  t.same(moves, [`http://127.0.0.1:${deadPort} -> ${standby.url}`, `${standby.url} -> ${leader.url}`], 'each failure moves to the next');
  t.same(standby.seen, ['POST /api/agents/ws-1/heartbeat'], 'the 503 replica was asked once');
  await client.call('POST', '/api/agents/ws-1/heartbeat', {});
  t.equal(client.url, leader.url, 'the next call goes straight to the replica that answered');
  t.equal(standby.seen.length, 1);
  await leader.close();
  const down = await client.call('POST', '/api/agents/ws-1/heartbeat', {}).then(() => undefined, (error: { status?: number; message: string }) => error);
  t.equal(down?.status, 503, 'none serves: the call fails with the last failure, the 503 (the caller backs off)');
  t.equal(standby.seen.length, 2, 'having tried each replica once more');
  const notFound = await replica(t, 'serve');
  const single = new ControllerClient({ url: notFound.url, token: 'x' });
  const missing = await single.call('POST', '/api/agents/ghost/heartbeat', {}).then(() => undefined, (error: { status?: number }) => error);
  t.equal(missing?.status, 404, 'an answer other than 503 is the answer: no failover');
});

void t.test('an agent with --controller A,B fails over when A dies and back when B dies', async (t) => {
  const a = await replica(t, 'serve');
  const b = await replica(t, 'unavailable');
  const lines: string[] = [];
  const agent = await startAgent({ controller: `${a.url},${b.url}`, name: 'ws-1', root: await tempDir(t), token: 'x', heartbeatMs: 200, version: '0.0.0', role: 'device', log: (line) => lines.push(line) });
  t.teardown(() => agent.stop());
  await waitFor('heartbeats on A', () => beats(a) >= 2, 10_000);
  t.equal(beats(b), 0, 'B (the first answering 503 anyway) gets nothing while A answers');

  // A dies (kill -9 of the leader: connections refused); B takes over leading and serves agents.
  const aPort = Number(new URL(a.url).port);
  await a.close();
  b.mode = 'serve';
  await waitFor('heartbeats on B', () => beats(b) >= 2, 10_000);
  t.ok(b.seen.some((s) => s.startsWith('GET /api/agents/ws-1/work')), 'its long-poll moved to B too');
  t.notOk(b.seen.includes('POST /api/agents/register'), 'no new registration: the store knows the agent on any replica');
  t.ok(lines.some((l) => l.includes(`controller ${a.url} failed`) && l.includes(`trying ${b.url}`)), 'the failover is logged');

  // A comes back on its port; B stands by (503): the agent returns to A.
  const back = await replica(t, 'serve', aPort);
  b.mode = 'unavailable';
  await waitFor('heartbeats on A again', () => beats(back) >= 2, 10_000);
  const onB = beats(b);
  await new Promise((resolve) => setTimeout(resolve, 600));
  t.ok(beats(b) <= onB + 1, 'and stays there');
});

void t.test('with no replica answering the agent backs off, then reaches the first that comes up', async (t) => {
  const ports = [await freeLoopbackPort(), await freeLoopbackPort()];
  const lines: string[] = [];
  const started = startAgent({ controller: ports.map((p) => `http://127.0.0.1:${p}`), name: 'ws-1', root: await tempDir(t), token: 'x', heartbeatMs: 200, version: '0.0.0', role: 'device', log: (line) => lines.push(line) });
  await waitFor('a few failed registrations', () => lines.filter((l) => l.includes('cannot register')).length >= 3, 10_000);
  const failures = lines.filter((l) => l.includes('cannot register')).length;
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.ok(lines.filter((l) => l.includes('cannot register')).length - failures <= 2, 'retries are spaced (backoff), not a busy loop');
  const second = await replica(t, 'serve', ports[1]);
  const agent = await started;
  t.teardown(() => agent.stop());
  await waitFor('heartbeats on the second', () => beats(second) >= 1, 15_000);
  t.equal(agent.registration.name, 'ws-1');
});
