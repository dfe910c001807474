/**
 * Structured logs of the controller (docs/design.md 4): one JSON line per event with pino. Anything
 * that could carry a secret — bearer tokens, passwords, source credentials — is redacted by
 * path, at the top level and up to two levels deep, so a careless `fields` object cannot leak it.
 */
import { pino, type DestinationStream, type Level, type Logger } from 'pino';

export type { Logger } from 'pino';

/** Keys whose values are replaced by `[redacted]` wherever a log line carries them. */
export const REDACTED_KEYS = ['authorization', 'password', 'token', 'credentials', 'secret'] as const;

export const REDACT_PATHS: readonly string[] = REDACTED_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

export interface LoggerOptions {
  level?: Level | 'silent';
  /** Where lines go; default stdout. Tests pass a stream to read them back. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const settings = {
    level: options.level ?? 'info',
    redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
