/**
 * Secrets never live in manifests (docs/design.md 1: credentials come from `secretRef`). A value
 * written inline under a secret-looking key, or a URL with a password in it, is an error
 * whose message names the field but never echoes the value.
 */
import type { Problem } from '../errors.js';
import { joinPointer, type Locator } from './positions.js';

const SECRET_KEYS = /^(password|passwd|pass|secret|token|credentials?|api[-_]?key|private[-_]?key|auth)$/i;
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]*@/i;

const HINT = 'put it in an environment variable or a file and reference it with secretRef: {env: NAME} or {file: PATH}';

/** The pointer is built only when a secret is found: this walk visits every value of every manifest. */
function pointerOf(base: string, segments: readonly (string | number)[]): string {
  return segments.reduce<string>((at, segment) => joinPointer(at, segment), base);
}

export function findInlineSecrets(value: unknown, locator: Locator, pointer = ''): { problems: Problem[]; pointers: Set<string> } {
  const problems: Problem[] = [];
  const pointers = new Set<string>();
  const path: (string | number)[] = [];
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      if (URL_WITH_PASSWORD.test(node)) {
        const at = pointerOf(pointer, path);
        problems.push({ code: 'INLINE_SECRET', message: `URL contains a password; ${HINT}`, location: locator.locate(at) });
        pointers.add(at);
      }
      return;
    }
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        visit(node[i]);
        path.pop();
      }
      return;
    }
    for (const key in node) {
      const child = (node as Record<string, unknown>)[key];
      path.push(key);
      if (SECRET_KEYS.test(key) && child !== null && typeof child !== 'object') {
        const at = pointerOf(pointer, path);
        problems.push({ code: 'INLINE_SECRET', message: `"${key}" holds a secret written inline; ${HINT}`, location: locator.locateKey(at) });
        pointers.add(at);
      } else {
        visit(child);
      }
      path.pop();
    }
  };
  visit(value);
  return { problems, pointers };
}
