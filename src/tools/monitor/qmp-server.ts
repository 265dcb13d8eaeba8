/** JSON-lines transport for the monitor: stdio or a unix socket (one client at a time). */
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import { existsSync, unlinkSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { MonitorSession, QMP_GREETING } from './monitor-session.js';

/** Serves one conversation; resolves when the input ends or `quit` was executed. */
export async function serveLines(session: MonitorSession, input: Readable, output: Writable): Promise<void> {
  const send = (v: unknown) => output.write(JSON.stringify(v) + '\n');
  send(QMP_GREETING);
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let cmd: unknown;
    try {
      cmd = JSON.parse(line);
    } catch {
      send({ error: { class: 'GenericError', desc: 'JSON parse error' } });
      continue;
    }
    if (typeof cmd !== 'object' || cmd === null) {
      send({ error: { class: 'GenericError', desc: 'a command is a JSON object' } });
      continue;
    }
    const reply = await session.handle(cmd);
    for (const e of session.takeEvents()) send(e);
    send(reply);
    if (session.quit) {
      lines.close();
      break;
    }
  }
}

/** `unix:PATH`: listen, serve clients one after another until one sends `quit`. */
export async function serveUnix(session: MonitorSession, path: string, ready: (path: string) => void): Promise<void> {
  if (existsSync(path)) unlinkSync(path);
  const server = createServer();
  const clients: Socket[] = [];
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  ready(path);
  await new Promise<void>((resolve) => {
    let busy = Promise.resolve();
    server.on('connection', (sock) => {
      clients.push(sock);
      busy = busy.then(() => serveLines(session, sock, sock)).then(() => {
        sock.end();
        if (session.quit) resolve();
      });
    });
  });
  for (const c of clients) c.destroy();
  await new Promise<void>((r) => server.close(() => r()));
  if (existsSync(path)) unlinkSync(path);
}
