/**
 * A forward proxy on 127.0.0.1 that counts what goes through it: absolute-URI requests (plain
 * HTTP, forwarded with node:http) and CONNECT tunnels (HTTPS, bytes piped both ways, never
 * decrypted). Enough to prove a sync used the proxy, or did not.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ForwardProxy {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Plain requests forwarded, CONNECT tunnels opened, and the `host:port` each went to. */
  stats: { plain: number; connects: number; targets: string[] };
  close(): Promise<void>;
}

export async function startForwardProxy(): Promise<ForwardProxy> {
  const stats = { plain: 0, connects: 0, targets: [] as string[] };
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const target = URL.canParse(req.url ?? '') ? new URL(req.url ?? '') : undefined;
    if (!target || target.protocol !== 'http:') {
      res.writeHead(400).end('absolute http:// URL expected');
      return;
    }
    stats.plain += 1;
    stats.targets.push(target.host);
    const { 'proxy-connection': _dropped, ...headers } = req.headers;
    const upstream = http.request(target, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.once('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    stats.connects += 1;
    const [host = '', port = '443'] = (req.url ?? '').split(':');
    stats.targets.push(`${host}:${port}`);
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.once('close', () => sockets.delete(s));
      s.once('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
