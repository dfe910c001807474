/** Finding a secret in outputs, responses and raw state-file bytes, in every form it could leak in. */

/** Every form a secret could leak in: as given, the password alone, and base64 as in an Authorization header. */
export function leakForms(secret: string): string[] {
  const password = secret.slice(secret.indexOf(':') + 1);
  return [secret, password, Buffer.from(secret).toString('base64')];
}

/** Names of the texts (or files) that hold any form of any secret. */
export function leaks(texts: Record<string, string | Buffer>, secrets: string[]): string[] {
  const forms = secrets.flatMap(leakForms);
  return Object.entries(texts).flatMap(([name, text]) => {
    const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
    return forms.filter((f) => bytes.includes(f) || bytes.includes(Buffer.from(f, 'utf16le'))).map((f) => `${name} holds ${f.slice(0, 6)}…`);
  });
}
