/**
 * One load process of bench/scale.ts, speaking the agent protocol (src/protocol, as
 * src/agent/client.ts does) for many simulated devices at once over node:http keep-alive
 * connections. Started with an IPC channel; the parent sends one `LoadJob`, the process answers
 * `{ready: true}` once its connections are set up, then on `{go: startAt}` does the job and sends
 * a `LoadReport`.
 *
 * - `heartbeat`: every device beats every `intervalMs` (phases spread evenly over the interval
 *   across the whole fleet) until `seconds` have passed; a beat goes to the replicas in turn
 *   (device i to replica i mod n), at most `connections` in flight per replica. Latency counts
 *   from the beat's scheduled time, so a beat that waits for a free connection here counts that
 *   wait too (no coordinated omission); beats still waiting at the end are reported `unsent`.
 * - `queue`: every device sends one heartbeat declaring `heartbeatSeconds` (so it stays visible
 *   without more beats), then long-polls `GET /api/agents/NAME/work` and answers each
 *   assignment with a `completed` result at once, until told to stop.
 */
import http from 'node:http';
import { HEARTBEAT_STATUS } from './fleet.js';

export interface LoadJob {
  mode: 'heartbeat' | 'queue';
  urls: string[];
  token: string;
  /** Device indexes [from, to) of a fleet of `fleet` devices named `dev-<i>`. */
  from: number;
  to: number;
  fleet: number;
  intervalMs: number;
  seconds: number;
  /** Connections per replica (heartbeat mode). */
  connections: number;
  heartbeatSeconds: number;
}

export interface LoadReport {
  sent: number;
  ok: number;
  failed: number;
  firstFailure?: string;
  /** Beats due in the window but not sent by its end (the process could not keep up). */
  unsent: number;
  /** Latencies in ms (heartbeat mode), one per answered beat, from its scheduled time. */
  latencies: number[];
  /** The same beats from the moment each was sent: the controller's answer time alone. */
  service: number[];
  /** Answered beats per replica index. */
  perReplica: number[];
  /** Results posted (queue mode). */
  results: number;
  assignments: number;
}


/**
 * A request, sent again (up to twice) when the connection was reset before an answer: a kept-alive
 * socket the server closed as idle just as it was reused. Safe to repeat: a heartbeat and a
 * long-poll change nothing twice, and a result is counted once per (run, agent).
 */
async function request(agent: http.Agent, base: URL, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await requestOnce(agent, base, token, method, path, body);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (attempt >= 3 || (code !== 'ECONNRESET' && code !== 'EPIPE')) throw error;
    }
  }
}

function requestOnce(agent: http.Agent, base: URL, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: base.hostname, port: base.port, method, path, headers: { authorization: `Bearer ${token}`, ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (s: string) => (text += s));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

async function heartbeats(job: LoadJob, startAt: number): Promise<LoadReport> {
  const bases = job.urls.map((u) => new URL(u));
  const agents = bases.map(() => new http.Agent({ keepAlive: true, maxSockets: job.connections }));
  const report: LoadReport = { sent: 0, ok: 0, failed: 0, unsent: 0, latencies: [], service: [], perReplica: bases.map(() => 0), results: 0, assignments: 0 };
  const endAt = startAt + job.seconds * 1000;
  // Device i's k-th beat is due at startAt + phase(i) + k * interval.
  const phase = (i: number): number => Math.floor((i * job.intervalMs) / job.fleet);
  const due: { i: number; at: number }[] = [];
  for (let i = job.from; i < job.to; i++) for (let at = startAt + phase(i); at < endAt; at += job.intervalMs) due.push({ i, at });
  due.sort((a, b) => a.at - b.at);
  const pending = new Set<Promise<void>>();
  let wake: () => void = () => undefined;
  let next = 0;
  const beat = (i: number, at: number): Promise<void> => {
    const r = i % bases.length;
    report.sent++;
    const sentAt = performance.now();
    return request(agents[r]!, bases[r]!, job.token, 'POST', `/api/agents/dev-${i}/heartbeat`, { status: HEARTBEAT_STATUS, heartbeatSeconds: job.heartbeatSeconds, runs: [] }).then(
      (res) => {
        if (res.status === 200) {
          report.ok++;
          report.perReplica[r]!++;
          const now = performance.now();
          report.latencies.push(Math.round((performance.timeOrigin + now - at) * 100) / 100);
          report.service.push(Math.round((now - sentAt) * 100) / 100);
        } else {
          report.failed++;
          report.firstFailure ??= `HTTP ${res.status}: ${res.text.slice(0, 200)}`;
        }
      },
      (error: unknown) => {
        report.failed++;
        report.firstFailure ??= error instanceof Error ? error.message : String(error);
      },
    );
  };
  while (next < due.length) {
    const now = Date.now();
    if (now >= endAt) break;
    // At most `connections` beats in flight per replica: a beat past its time waits here, and
    // its wait counts in its latency; what is still waiting when the window ends is `unsent`.
    while (next < due.length && due[next]!.at <= now && pending.size < job.connections * bases.length) {
      const { i, at } = due[next++]!;
      const p = beat(i, at).finally(() => {
        pending.delete(p);
        wake();
      });
      pending.add(p);
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5);
      wake = () => {
        clearTimeout(timer);
        wake = () => undefined;
        resolve();
      };
    });
  }
  report.unsent = due.length - next;
  // Beats already sent are answered (or fail) before the report: give them a bounded while.
  await Promise.race([Promise.all(pending), new Promise((resolve) => setTimeout(resolve, 30_000))]);
  for (const a of agents) a.destroy();
  return report;
}

async function queue(job: LoadJob, stop: Promise<void>): Promise<LoadReport> {
  const base = new URL(job.urls[0]!);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const report: LoadReport = { sent: 0, ok: 0, failed: 0, unsent: 0, latencies: [], service: [], perReplica: [0], results: 0, assignments: 0 };
  let stopping = false;
  void stop.then(() => (stopping = true));
  const fail = (what: string): void => {
    report.failed++;
    report.firstFailure ??= what;
  };
  const device = async (i: number): Promise<void> => {
    const name = `dev-${i}`;
    while (!stopping) {
      let res: { status: number; text: string };
      try {
        res = await request(agent, base, job.token, 'GET', `/api/agents/${name}/work?waitSeconds=20`);
      } catch (error) {
        if (!stopping) fail(error instanceof Error ? error.message : String(error));
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      if (res.status === 204) continue;
      if (res.status !== 200) {
        fail(`work: HTTP ${res.status}: ${res.text.slice(0, 200)}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      report.assignments++;
      const { assignment } = JSON.parse(res.text) as { assignment: { runId: string } };
      const result = { status: 'completed', files: 0, bytes: 0, durationMs: 1, events: [], unlicensedUpdates: 0, source: 'vendor' };
      const posted = await request(agent, base, job.token, 'POST', `/api/agents/${name}/runs/${assignment.runId}/result`, result).catch((error: unknown) => ({ status: 0, text: String(error) }));
      if (posted.status === 200) report.results++;
      else fail(`result: HTTP ${posted.status}: ${posted.text.slice(0, 200)}`);
    }
  };
  // Visible for the whole bench without more beats: one heartbeat declaring a long interval.
  for (let i = job.from; i < job.to; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, job.to - i) }, async (_, k) => {
        const res = await request(agent, base, job.token, 'POST', `/api/agents/dev-${i + k}/heartbeat`, { status: HEARTBEAT_STATUS, heartbeatSeconds: job.heartbeatSeconds, runs: [] }).catch((error: unknown) => ({ status: 0, text: String(error) }));
        report.sent++;
        if (res.status === 200) report.ok++;
        else fail(`heartbeat: HTTP ${res.status}: ${res.text.slice(0, 200)}`);
      }),
    );
  }
  process.send?.({ polling: true });
  const loops = Array.from({ length: job.to - job.from }, (_, k) => device(job.from + k));
  await stop;
  stopping = true;
  agent.destroy();
  // A request still open (a long-poll the controller holds) is not waited for beyond a while.
  await Promise.race([Promise.allSettled(loops), new Promise((resolve) => setTimeout(resolve, 5000))]);
  return report;
}

let job: LoadJob | undefined;
let release: () => void = () => undefined;
const stopped = new Promise<void>((resolve) => (release = resolve));
process.on('message', (message: { job?: LoadJob; go?: number; stop?: true }) => {
  if (message.job) {
    job = message.job;
    process.send?.({ ready: true });
  } else if (message.go !== undefined && job) {
    const run = job.mode === 'heartbeat' ? heartbeats(job, message.go) : queue(job, stopped);
    void run.then(
      (report) => process.send?.({ report }, () => process.exit(0)),
      (error: unknown) => process.send?.({ error: error instanceof Error ? error.message : String(error) }, () => process.exit(1)),
    );
  } else if (message.stop) release();
});
process.on('disconnect', () => process.exit(0));
