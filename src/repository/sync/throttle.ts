/**
 * Bandwidth caps in the sync engine (docs/architecture.md "Bandwidth"): one token bucket per cap
 * (limiter's `TokenBucket`), shared by every file of a sync — so concurrent downloads stay within
 * the cap together — and, for a source's cap, by every sync from that source in this process.
 * A capped transport streams every body through a Transform that takes tokens before passing a
 * chunk on; the back-pressure of the pipeline slows the socket. Capped syncs stay on the main
 * thread (the transport offers no `fetchToFile`): at a capped rate the CPU is never the
 * bottleneck, and a bucket shared across worker threads would need a token broker for nothing.
 */
import { pipeline, Transform } from 'node:stream';
import { TokenBucket } from 'limiter';
import { UpdopsError } from '../../errors.js';
import { parseRate } from '../../util/index.js';
import type { GetOptions, GetResult, Transport } from '../transport/index.js';

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

/** The manifest's `bandwidth` (schemas/defs.json "bandwidth"), as the sync engine takes it. */
export interface BandwidthLimit {
  limit?: string;
  timeZone?: string;
  schedule?: { from: string; to: string; days?: Weekday[]; limit: string }[];
}

const WEEKDAYS: Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(at: Date, zone: string): { weekday: Weekday; seconds: number } {
  let f = formatters.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', weekday: 'long', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch (cause) {
      throw new UpdopsError('TIME_ZONE', `bandwidth: unknown IANA time zone "${zone}"`, { cause });
    }
    formatters.set(zone, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(at)) parts[p.type] = p.value;
  return { weekday: (parts.weekday ?? 'Sunday').toLowerCase() as Weekday, seconds: (Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second) };
}

const secondsOf = (time: string): number => {
  const [h = 0, m = 0, s = 0] = time.split(':').map(Number);
  return (h * 60 + m) * 60 + s;
};

function rate(text: string): number {
  const bytes = parseRate(text);
  if (bytes === undefined) throw new UpdopsError('SCHEMA', `bandwidth: "${text}" is not a rate such as 2MB/s`);
  return bytes;
}

/**
 * The cap in bytes/s at `at`: the first schedule entry that holds then, else `limit`, else none
 * (undefined). An entry whose `to` is before its `from` spans midnight and belongs to the day
 * it starts on.
 */
export function rateAt(limit: BandwidthLimit, at: Date): number | undefined {
  if (limit.schedule?.length) {
    const now = wallClock(at, limit.timeZone ?? 'UTC');
    const yesterday = WEEKDAYS[(WEEKDAYS.indexOf(now.weekday) + 6) % 7]!;
    for (const period of limit.schedule) {
      const from = secondsOf(period.from);
      const to = secondsOf(period.to);
      const on = (day: Weekday): boolean => period.days === undefined || period.days.includes(day);
      const holds = from <= to ? on(now.weekday) && now.seconds >= from && now.seconds < to : (on(now.weekday) && now.seconds >= from) || (on(yesterday) && now.seconds < to);
      if (holds) return rate(period.limit);
    }
  }
  return limit.limit === undefined ? undefined : rate(limit.limit);
}

/** One cap: a token bucket holding at most one second of bytes, its rate re-read from the schedule as time goes on. */
export class Throttle {
  readonly #limit: BandwidthLimit;
  readonly #now: () => Date;
  #bucket: TokenBucket | undefined;

  constructor(limit: BandwidthLimit, now: () => Date = () => new Date()) {
    this.#limit = limit;
    this.#now = now;
  }

  /** Waits until `bytes` may pass (at once when no cap holds now). */
  async take(bytes: number, signal?: AbortSignal): Promise<void> {
    let left = bytes;
    while (left > 0) {
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
      const perSecond = rateAt(this.#limit, this.#now());
      if (perSecond === undefined) return;
      const bucket = this.#bucketAt(perSecond);
      const piece = Math.min(left, bucket.bucketSize);
      await bucket.removeTokens(piece);
      left -= piece;
    }
  }

  #bucketAt(perSecond: number): TokenBucket {
    if (!this.#bucket) {
      // It starts empty: a capped sync never begins with a burst.
      this.#bucket = new TokenBucket({ bucketSize: perSecond, tokensPerInterval: perSecond, interval: 'second' });
    } else if (this.#bucket.tokensPerInterval !== perSecond) {
      this.#bucket.drip();
      this.#bucket.tokensPerInterval = perSecond;
      this.#bucket.bucketSize = perSecond;
      this.#bucket.content = Math.min(this.#bucket.content, perSecond);
    }
    return this.#bucket;
  }
}

/** Sources' caps are shared by every sync from the source in this process (keyed by source and cap). */
const sourceThrottles = new Map<string, Throttle>();

export function sourceThrottle(sourceKey: string, limit: BandwidthLimit): Throttle {
  const key = `${sourceKey}\0${JSON.stringify(limit)}`;
  let throttle = sourceThrottles.get(key);
  if (!throttle) {
    throttle = new Throttle(limit);
    sourceThrottles.set(key, throttle);
  }
  return throttle;
}

/** `transport` with every body held to `throttles` (all of them); no `fetchToFile`, so every download stays on this thread. */
export function throttledTransport(transport: Transport, throttles: Throttle[]): Transport {
  if (throttles.length === 0) return transport;
  return {
    get display() {
      return transport.display;
    },
    get requests() {
      return transport.requests;
    },
    async get(relPath: string, options?: GetOptions): Promise<GetResult> {
      const res = await transport.get(relPath, options);
      if (res.status !== 'ok') return res;
      const signal = options?.signal;
      const gate = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          void (async () => {
            for (const throttle of throttles) await throttle.take(chunk.length, signal);
          })().then(
            () => done(null, chunk),
            (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
          );
        },
      });
      pipeline(res.body, gate, () => undefined);
      return { ...res, body: gate };
    },
    close: () => transport.close(),
  };
}
