/**
 * Raw HTTP for the API tests: node:http sends the path exactly as given (fetch and URL would
 * normalize `..` and `\` away, hiding the traversal attempts the server must refuse).
 */
import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export function raw(base: string, method: string, path: string, options: { headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: options.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export const TOKEN = 's3cr3t-token-for-tests-0123456789';
export const auth = (token = TOKEN): Record<string, string> => ({ authorization: `Bearer ${token}` });
export const taskPath = (name: string): string => `/api/tasks/${encodeURIComponent(name)}/run`;
