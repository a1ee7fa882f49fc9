/** A throwaway redis-server on 127.0.0.1, started and stopped by the test that needs it. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** A port nobody listens on right now: the one the OS picks for port 0. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** True when a RESP PING on `port` is answered with +PONG. */
export function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => {
      done(false);
    });
    socket.once('error', () => {
      done(false);
    });
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

/**
 * Starts redis-server without persistence on a free port and waits until it answers PING.
 * @throws Error saying how to install redis-server when the binary is missing: never a silent skip.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) {
    throw new Error(
      'redis-server is not installed, and test/session-redis.test.ts needs a real one: ' +
        'install it with `apt-get install -y redis-server` (Debian/Ubuntu) and run the test again',
      { cause: probe.error },
    );
  }
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const failed: { error?: Error } = {};
  child.once('error', (error) => {
    failed.error = error;
  });
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  const running = (): boolean => failed.error === undefined && child.exitCode === null && child.signalCode === null;
  const stop = async (): Promise<void> => {
    if (failed.error !== undefined) return;
    if (running()) child.kill('SIGTERM');
    await exit;
  };

  for (let waited = 0; !(await answersPing(port)); waited += 25) {
    if (!running() || waited > 10_000) {
      await stop();
      throw new Error(`redis-server did not answer PING on 127.0.0.1:${port}`, { cause: failed.error });
    }
    await delay(25);
  }
  return { url: `redis://127.0.0.1:${port}`, port, stop };
}
