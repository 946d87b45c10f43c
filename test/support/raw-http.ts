/**
 * HTTP exactly as written: any Host, Origin or Content-Type, a path sent without the
 * normalising fetch does (`..` stays), a body of any bytes. For tests of what the server
 * does with requests no well-behaved client sends.
 */
import http from 'node:http';

export interface RawRequest {
  method: string;
  /** Sent as is: must already be %-encoded where HTTP requires it. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The parsed body when it is JSON. */
  json?: any;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/**
 * Sends one request to `base` (http://host:port); Host defaults to the base's. A request sent on a
 * kept-alive socket that the server closed as idle meanwhile (its keep-alive timeout passed while a
 * slow batch ran) fails with ECONNRESET before the server read it: that one is sent again, once.
 */
export async function rawRequest(base: string, req: RawRequest): Promise<RawAnswer> {
  try {
    return await sendOnce(base, req);
  } catch (err) {
    if ((err as { reusedSocket?: boolean; code?: string }).reusedSocket && (err as { code?: string }).code === 'ECONNRESET') return sendOnce(base, req);
    throw err;
  }
}

function sendOnce(base: string, req: RawRequest): Promise<RawAnswer> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        // Node frames a body only for some methods unless told its length (a DELETE's would run into the next request).
        headers: { host: url.host, ...(req.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(req.body)) }), ...req.headers },
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          if (/json/.test(res.headers['content-type'] ?? '')) {
            try {
              json = JSON.parse(text);
            } catch {
              // Left undefined: the caller sees `text`.
            }
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    r.on('error', (err: Error) => reject(Object.assign(err, { reusedSocket: r.reusedSocket })));
    r.end(req.body);
  });
}
