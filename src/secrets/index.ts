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

export interface SecretOptions {
  env?: NodeJS.ProcessEnv;
  /** Relative `file` paths resolve from here (the config's folder). */
  baseDir?: string;
}

/** The referenced secret as text (a file's first line) and where it came from, for messages. */
function readRef(ref: SecretRef, options: SecretOptions): { text: string; where: string } {
  const env = options.env ?? process.env;
  if (ref.env !== undefined) {
    const value = env[ref.env];
    if (value === undefined || value === '') throw new UpdopsError('SECRET', `environment variable ${ref.env} (secretRef.env) is not set`);
    return { text: value, where: `environment variable ${ref.env}` };
  }
  if (ref.file !== undefined) {
    const file = path.resolve(options.baseDir ?? '.', ref.file);
    try {
      return { text: readFileSync(file, 'utf8'), where: `secret file ${ref.file}` };
    } catch (error) {
      throw new UpdopsError('SECRET', `cannot read secret file ${ref.file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
  }
  throw new UpdopsError('SECRET', 'secretRef needs env or file');
}

/** Reads `user:password` from the referenced variable or file (relative paths from `baseDir`). */
export function resolveSecretRef(ref: SecretRef, options: SecretOptions = {}): Credentials {
  const { text, where } = readRef(ref, options);
  return parseCredentials(text, where);
}

/** Reads a secret that is one value — a token, a webhook URL — from its first line. */
export function readSecret(ref: SecretRef, options: SecretOptions = {}): string {
  const { text, where } = readRef(ref, options);
  const value = (text.split(/\r?\n/)[0] ?? '').trim();
  if (value === '') throw new UpdopsError('SECRET', `${where} is empty`);
  return value;
}

/** Replaces every occurrence of known secret values in text (last line of defence for logs). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return secrets.filter((s) => s.length >= 3).reduce((out, s) => out.split(s).join('(sensitive)'), text);
}
