/**
 * Structured logs of the controller and the agent (docs/design.md 4): one JSON line per event with
 * pino, so `jq` reads every line; `--log-format text` turns the same lines into text for people.
 * Anything that could carry a secret — bearer tokens, passwords, source credentials — is redacted
 * by path, at the top level and up to two levels deep, so a careless `fields` object cannot leak it.
 */
import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Keys whose values are replaced by `[redacted]` wherever a log line carries them. */
export const REDACTED_KEYS = ['authorization', 'password', 'token', 'bearerToken', 'credentials', 'secret'] as const;

export const REDACT_PATHS: readonly string[] = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export const LOG_FORMATS = ['json', 'text'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LoggerOptions {
  level?: Level | 'silent';
  /** json (default): one JSON object a line; text: `TIME LEVEL message key=value …`. */
  format?: LogFormat;
  /** Where lines go; default stdout. Tests pass a stream to read them back. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const settings = {
    level: options.level ?? 'info',
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.format === 'text') return pino(settings, textLines(options.destination ?? process.stdout));
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** A field value as text: bare when it is one plain word, else JSON (quoted, escaped). */
function fieldText(value: unknown): string {
  return typeof value === 'string' && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
}

/** One pino JSON line as text; pid and hostname, the same on every line, are left out. */
export function textLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const { time, level, msg, pid: _pid, hostname: _hostname, ...fields } = entry;
  const label = (LEVEL_NAMES[Number(level)] ?? String(level)).padEnd(5);
  const extra = Object.entries(fields).map(([key, value]) => `${key}=${fieldText(value)}`);
  return `${String(time)} ${label} ${typeof msg === 'string' ? msg : ''}${extra.length > 0 ? ` ${extra.join(' ')}` : ''}\n`;
}

function textLines(out: { write(text: string): unknown }): DestinationStream {
  return { write: (line: string) => void out.write(textLine(line)) };
}

/**
 * Node's own warnings (deprecations, listener leaks) print as plain text on stderr; a process whose
 * output is JSON lines logs them through its logger instead.
 */
export function logProcessWarnings(logger: Logger): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning) => logger.warn({ warning: warning.name, ...('code' in warning ? { code: warning.code } : {}) }, warning.message));
}
