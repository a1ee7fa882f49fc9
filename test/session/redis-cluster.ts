/**
 * A throwaway Redis Cluster on 127.0.0.1, started from the redis-server binary by the test that needs
 * it: masters and replicas with AOF, each in its own directory under one temporary folder. Every
 * process is killed by its pid and the folder removed on stop(), and also when the test process
 * exits any other way (a failed beforeAll, a crash, Ctrl-C): nothing is left running.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { answersPing, freePort } from './redis-server.js';

export interface ClusterNode {
  readonly port: number;
  readonly pid: number;
}

/** A line of CLUSTER NODES: who serves which slots. */
export interface NodeRole {
  id: string;
  port: number;
  role: 'master' | 'replica';
  failed: boolean;
  /** The master's id, for a replica. */
  masterId: string | undefined;
  /** Slot ranges of a master, [from, to] inclusive. */
  slots: [number, number][];
}

export interface RedisCluster {
  readonly nodes: readonly ClusterNode[];
  /** For `createCluster({ rootNodes })`: every node, so any live one can be asked for the map. */
  readonly rootNodes: { url: string }[];
  /** redis-cli against one node; its reply as text. */
  cli(port: number, ...args: string[]): Promise<string>;
  /** The cluster as a live node sees it. */
  roles(): Promise<NodeRole[]>;
  /** SIGKILL one node: no shutdown, no last AOF write, as a crashed machine. */
  kill(port: number): void;
  /** Resolves once the replica of `deadPort` is master of its slots and every live node says cluster_state:ok. */
  waitForFailover(deadPort: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
const folders = new Set<string>();
let exitHookInstalled = false;

/** The last resort, synchronous as 'exit' handlers must be: kill what is left by pid, remove the folders. */
function killEverything(): void {
  for (const child of running) {
    try {
      if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders.clear();
}

function run(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')}: ${error.message} ${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Distinct free ports: a data port and a cluster bus port per node. */
async function freePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

function parseNodes(text: string): NodeRole[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [id = '', address = '', flags = '', master = '-', , , , , ...slots] = line.trim().split(' ');
      return {
        id,
        port: Number(address.split('@')[0]?.split(':')[1]),
        role: flags.includes('master') ? 'master' : 'replica',
        failed: /\bfail\b/.test(flags.replaceAll(',', ' ')),
        masterId: master === '-' ? undefined : master,
        slots: slots
          .filter((s) => !s.startsWith('['))
          .map((s): [number, number] => {
            const [from = 0, to = from] = s.split('-').map(Number);
            return [from, to];
          }),
      } satisfies NodeRole;
    });
}

/**
 * Starts `masters` masters with `replicas` replicas each, joins them with `redis-cli --cluster create`,
 * and waits until every node says cluster_state:ok and every master has its replicas online.
 * @param nodeTimeoutMs cluster-node-timeout: how long a silent master has before its replica takes over.
 */
export async function startRedisCluster({ masters = 3, replicas = 1, nodeTimeoutMs = 1000 } = {}): Promise<RedisCluster> {
  if (!exitHookInstalled) {
    process.once('exit', killEverything);
    exitHookInstalled = true;
  }
  const folder = mkdtempSync(join(tmpdir(), 'webjwt-cluster-'));
  folders.add(folder);
  const count = masters * (1 + replicas);
  const ports = await freePorts(count * 2);
  const children = new Map<number, ChildProcess>();
  const nodes: ClusterNode[] = [];

  const stop = async (): Promise<void> => {
    const exits = [...children.values()]
      .filter((c) => c.exitCode === null && c.signalCode === null)
      .map((c) => new Promise((resolve) => c.once('exit', resolve)));
    for (const child of children.values()) {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
      running.delete(child);
    }
    await Promise.all(exits);
    rmSync(folder, { recursive: true, force: true });
    folders.delete(folder);
  };

  try {
    for (let i = 0; i < count; i++) {
      const port = ports[i] as number;
      const dir = join(folder, String(port));
      mkdirSync(dir);
      // prettier-ignore
      const child = spawn('redis-server', [
        '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-port', String(ports[count + i]),
        '--cluster-config-file', join(dir, 'nodes.conf'), '--cluster-node-timeout', String(nodeTimeoutMs),
        '--appendonly', 'yes', '--save', '', '--dir', dir,
      ], { stdio: 'ignore' });
      running.add(child);
      if (child.pid === undefined) throw new Error('redis-server did not start');
      children.set(port, child);
      nodes.push({ port, pid: child.pid });
    }
    for (const { port } of nodes) {
      for (let waited = 0; !(await answersPing(port)); waited += 25) {
        if (waited > 10_000) throw new Error(`redis-server did not answer PING on 127.0.0.1:${port}`);
        await delay(25);
      }
    }
    await run(
      'redis-cli',
      ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', String(replicas), '--cluster-yes'],
      30_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }

  const cli = (port: number, ...args: string[]) => run('redis-cli', ['-p', String(port), ...args], 3000);
  const live = () =>
    nodes.filter((n) => {
      const c = children.get(n.port);
      return c?.exitCode === null && c.signalCode === null;
    });
  const roles = async () => parseNodes(await cli((live()[0] as ClusterNode).port, 'cluster', 'nodes'));

  /** Polls until `ready()`, or throws after `timeoutMs`. */
  const until = async (what: string, ready: () => Promise<boolean>, timeoutMs: number) => {
    const start = Date.now();
    for (;;) {
      if (await ready().catch(() => false)) return;
      if (Date.now() - start > timeoutMs) throw new Error(`Redis Cluster: ${what} within ${timeoutMs} ms`);
      await delay(50);
    }
  };
  const allOk = async () =>
    (await Promise.all(live().map(async (n) => (await cli(n.port, 'cluster', 'info')).includes('cluster_state:ok')))).every(Boolean);

  try {
    await until('no cluster_state:ok on every node', allOk, 20_000);
    await until(
      'replicas not all online',
      async () => {
        const info = await Promise.all(live().map((n) => cli(n.port, 'info', 'replication')));
        return info
          .filter((text) => text.includes('role:master'))
          .every((text) => text.includes(`connected_slaves:${replicas}`) && !text.includes('state=wait_bgsave'));
      },
      20_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    nodes,
    rootNodes: nodes.map((n) => ({ url: `redis://127.0.0.1:${n.port}` })),
    cli,
    roles,
    kill(port) {
      const child = children.get(port);
      if (child?.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    },
    async waitForFailover(deadPort, timeoutMs = 15_000) {
      await until(
        `the replica of :${deadPort} did not take over`,
        async () => {
          const now = await roles();
          const dead = now.find((n) => n.port === deadPort);
          const promoted = now.filter((n) => n.role === 'master' && !n.failed && n.slots.length > 0);
          return dead !== undefined && dead.failed && promoted.length === masters && (await allOk());
        },
        timeoutMs,
      );
    },
    stop,
  };
}
