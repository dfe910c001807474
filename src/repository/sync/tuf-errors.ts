/**
 * tuf-js / @tufjs/models error classes → UpdopsError codes, with messages that name the attack
 * (docs/design.md 3: readers verify signatures, expiry, versions, length and hash). We call the
 * TrustedMetadataStore one step at a time, so the step tells which role is at fault.
 */
import { BadVersionError, ExpiredMetadataError, RepositoryError as TufRepositoryError } from 'tuf-js/dist/error.js';
import { LengthOrHashMismatchError, UnsignedMetadataError } from '@tufjs/models/dist/error.js';
import { UpdopsError, isUpdopsError } from '../../errors.js';

/** A top-level role or a delegated role's name. */
export type MetadataStep = string;

interface StepContext {
  step: MetadataStep;
  /** The bytes being verified, to quote their version/expiry in the message. */
  bytes?: Buffer | undefined;
  /** Version the parent role declares for this file (mix-and-match check). */
  expectedVersion?: number | undefined;
}

export function mapTufError(error: unknown, context: StepContext): UpdopsError {
  if (isUpdopsError(error)) return error;
  const { step } = context;
  const parsed = peek(context.bytes);
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof UnsignedMetadataError) {
    return new UpdopsError('TUF_SIGNATURE', `${step} metadata is not signed by enough trusted keys (${detail}); refused`, { cause: error });
  }
  if (error instanceof ExpiredMetadataError) {
    const what = /root/.test(detail) ? 'root' : step;
    const at = what === step && parsed?.expires ? ` at ${parsed.expires}` : '';
    return new UpdopsError('TUF_EXPIRED', `${what} metadata expired${at} (freeze attack or a stale source); refused`, { cause: error });
  }
  if (error instanceof BadVersionError) {
    const mismatch = context.expectedVersion !== undefined && parsed?.version !== undefined && parsed.version !== context.expectedVersion;
    if (mismatch || /does not match|doesn't match/.test(detail)) {
      return new UpdopsError(
        'TUF_METADATA',
        `${step} metadata version ${parsed?.version ?? '?'} is not the version ${context.expectedVersion ?? '?'} its parent role names (mix-and-match); refused`,
        { cause: error },
      );
    }
    return new UpdopsError('TUF_ROLLBACK', `${step} metadata goes back to an older version (${detail}): rollback attack; refused`, { cause: error });
  }
  if (error instanceof LengthOrHashMismatchError) {
    return new UpdopsError('TUF_METADATA', `${step} metadata does not match the length/hash its parent role declares (mix-and-match or tampering); refused`, { cause: error });
  }
  if (error instanceof TufRepositoryError || error instanceof SyntaxError || error instanceof TypeError || error instanceof Error) {
    return new UpdopsError('TUF_METADATA', `${step} metadata is malformed or inconsistent: ${detail}`, { cause: error });
  }
  return new UpdopsError('TUF_METADATA', `${step} metadata: ${detail}`);
}

function peek(bytes: Buffer | undefined): { version?: number; expires?: string } | undefined {
  if (!bytes) return undefined;
  try {
    const signed = (JSON.parse(bytes.toString('utf8')) as { signed?: { version?: unknown; expires?: unknown } }).signed;
    return {
      ...(typeof signed?.version === 'number' ? { version: signed.version } : {}),
      ...(typeof signed?.expires === 'string' ? { expires: signed.expires } : {}),
    };
  } catch {
    return undefined;
  }
}
