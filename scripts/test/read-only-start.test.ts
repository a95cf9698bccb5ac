// After `npm run build`, `npm start` brings the broker up from a read-only tree, and the broker
// writes only into its data directory. Being root, the test cannot make the tree read-only with file modes (root writes
// through them), so it mounts the repository read-only over itself in a private mount namespace
// (unshare: a user namespace, so it works unprivileged too) and runs `npm start` there.
// Before the broker, the same shell proves the mount holds by failing to create a file in the tree.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brokerReady, ephemeralBrokerEnv } from '@felix/testkit';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from '../build.mjs';

const WRITABLE_TREE = 'tree is writable';

// $1: the tree to make read-only, $2: a file to try to create in it; then the command.
const MOUNT_READ_ONLY_THEN_RUN = `
mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" || exit 97
if ( : > "$2" ) 2>/dev/null; then rm -f "$2"; echo "${WRITABLE_TREE}" >&2; exit 98; fi
shift 2
exec "$@"`;

const dataDir = mkdtempSync(join(tmpdir(), 'felix-read-only-data-'));
let broker: ChildProcess | undefined;

afterAll(async () => {
  // npm runs the broker as a grandchild: stop the whole process group the test started.
  if (broker?.pid !== undefined && broker.exitCode === null && broker.signalCode === null) {
    const exited = new Promise((resolve) => broker!.once('exit', resolve));
    process.kill(-broker.pid, 'SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

it('npm start becomes ready from a read-only tree after npm run build, writing only into its data directory', async () => {
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  const probe = join(ROOT, 'broker', 'dist', '.read-only-probe');
  broker = spawn(
    'unshare',
    ['--map-root-user', '--mount', 'sh', '-c', MOUNT_READ_ONLY_THEN_RUN, 'sh', ROOT, probe, 'npm', 'start'],
    {
      detached: true,
      // The working directory is where a default data directory would go: inside the tree.
      cwd: ROOT,
      env: { ...process.env, ...ephemeralBrokerEnv(dataDir) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const { httpPort } = await brokerReady(broker);
  const ready = await fetch(`http://127.0.0.1:${httpPort}/ready`);
  expect(ready.status).toBe(200);
  // Its self-signed certificate and dev credentials went where it was told, the one place it may write.
  expect(readdirSync(dataDir).sort()).toEqual(['auth', 'self-signed-cert.pem', 'self-signed-key.pem']);
  expect(readdirSync(join(dataDir, 'auth')).sort()).toEqual(['dev-token.jwt', 'jwks.json', 'signing-key.jwk']);
});
