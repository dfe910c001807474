/**
 * Secrets never live in manifests (DESIGN.md 1: credentials come from `secretRef`). A value
 * written inline under a secret-looking key, or a URL with a password in it, is an error
 * whose message names the field but never echoes the value.
 */
import type { Problem } from '../errors.js';
import { joinPointer, type Locator } from './positions.js';

const SECRET_KEYS = /^(password|passwd|pass|secret|token|credentials?|api[-_]?key|private[-_]?key|auth)$/i;
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]*@/i;

const HINT = 'put it in an environment variable or a file and reference it with secretRef: {env: NAME} or {file: PATH}';

export function findInlineSecrets(value: unknown, locator: Locator, pointer = ''): { problems: Problem[]; pointers: Set<string> } {
  const problems: Problem[] = [];
  const pointers = new Set<string>();
  const visit = (node: unknown, at: string): void => {
    if (typeof node === 'string') {
      if (URL_WITH_PASSWORD.test(node)) {
        problems.push({ code: 'INLINE_SECRET', message: `URL contains a password; ${HINT}`, location: locator.locate(at) });
        pointers.add(at);
      }
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, joinPointer(at, i)));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [key, child] of Object.entries(node)) {
      const childAt = joinPointer(at, key);
      if (SECRET_KEYS.test(key) && child !== null && typeof child !== 'object') {
        problems.push({ code: 'INLINE_SECRET', message: `"${key}" holds a secret written inline; ${HINT}`, location: locator.locateKey(childAt) });
        pointers.add(childAt);
      } else {
        visit(child, childAt);
      }
    }
  };
  visit(value, pointer);
  return { problems, pointers };
}
