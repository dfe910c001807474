/**
 * Secrets are referenced, never written (docs/design.md 1: `secretRef` from an environment variable
 * or a file). Values are read at the moment they are needed and never logged, stored or put in
 * an error message: messages name the variable or file, not what it holds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UpdopsError } from '../errors.js';
import type { SecretRef } from '../manifests/index.js';

export interface Credentials {
  username: string;
  password: string;
}

function parseCredentials(text: string, where: string): Credentials {
  const line = text.split(/\r?\n/)[0] ?? '';
  const colon = line.indexOf(':');
  if (colon <= 0) throw new UpdopsError('SECRET', `${where} must hold "user:password" on its first line`);
  return { username: line.slice(0, colon), password: line.slice(colon + 1) };
}

/** Reads `user:password` from the referenced variable or file (relative paths from `baseDir`). */
export function resolveSecretRef(ref: SecretRef, options: { env?: NodeJS.ProcessEnv; baseDir?: string } = {}): Credentials {
  const env = options.env ?? process.env;
  if (ref.env !== undefined) {
    const value = env[ref.env];
    if (value === undefined || value === '') throw new UpdopsError('SECRET', `environment variable ${ref.env} (secretRef.env) is not set`);
    return parseCredentials(value, `environment variable ${ref.env}`);
  }
  if (ref.file !== undefined) {
    const file = path.resolve(options.baseDir ?? '.', ref.file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UpdopsError('SECRET', `cannot read secret file ${ref.file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
    return parseCredentials(text, `secret file ${ref.file}`);
  }
  throw new UpdopsError('SECRET', 'secretRef needs env or file');
}

/** Replaces every occurrence of known secret values in text (last line of defence for logs). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length >= 3).reduce((out, s) => out.split(s).join('(sensitive)'), text);
}
