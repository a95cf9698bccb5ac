// felix consume against the real broker process: it prints the group's records, acknowledges
// them, and exits once --count of them were acknowledged; a second run of the same group goes on
// where the first one's acks left it. Its usage errors and help are checked like the others'.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrokerProcess, startBrokerProcess } from '@felix/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, felix } from './helpers.js';

let broker: BrokerProcess;
let dataDir: string;
let env: Record<string, string>;
let stream = 0;
const freshStream = () => `cli-consume-${++stream}`;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'felix-cli-consume-'));
  broker = await startBrokerProcess({ FELIX_CARRIERS: 'tls', FELIX_AUTO_CREATE: 'true', FELIX_DATA_DIR: dataDir });
  env = cleanEnv({ FELIX_URL: `felix+tls://127.0.0.1:${broker.ports.tls}`, FELIX_DATA_DIR: dataDir });
  expect((await felix(['--version'])).code).toBe(0);
});

afterAll(async () => {
  await broker?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('felix consume', () => {
  it('exits 0 after --count acknowledged records, and the next run of the group goes on from there', async () => {
    const name = freshStream();
    const pub = await felix(['pub', name, 'one', 'two', 'three', 'four', 'five', '--quiet'], { env });
    expect(pub.code).toBe(0);
    const first = await felix(
      ['consume', name, '--group', 'g', '--from', 'earliest', '--count', '3', '--offsets', '--wait', '20000'],
      { env },
    );
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('0\tone\n1\ttwo\n2\tthree\n');
    expect(first.stderr).toMatch(
      /^joined group g on t1\/default\/cli-consume-\d+ \(created; committed offset 0, tail 5\)/,
    );
    // Only what the first run acknowledged is done: the records it left unprinted come next.
    const second = await felix(['consume', name, '--group', 'g', '--count', '2', '--quiet', '--wait', '20000'], {
      env,
    });
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('four\nfive\n');
    expect(second.stderr).toBe('');
  });

  it('prints payloads in the encoding asked for', async () => {
    const name = freshStream();
    expect((await felix(['pub', name, 'cafe', '--encoding', 'hex', '--quiet'], { env })).code).toBe(0);
    const r = await felix(
      [
        'consume',
        name,
        '-g',
        'hex',
        '--from',
        '0',
        '-c',
        '1',
        '-e',
        'base64',
        '-q',
        '--ack-wait',
        '5000',
        '-w',
        '20000',
      ],
      { env },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('yv4=\n');
  });

  it('gives up with exit 1 when too few records are acknowledged in time', async () => {
    const name = freshStream();
    expect((await felix(['pub', name, 'before the group', '--quiet'], { env })).code).toBe(0);
    const r = await felix(['consume', name, '--group', 'g', '--count', '1', '--wait', '300', '-q'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^felix: --wait: 0 of 1 records acknowledged within 300 ms\n$/);
  });

  it.each([
    [['consume', 'demo'], /^felix: required option '-g, --group <name>' not specified/],
    [['consume', '--group', 'g'], /^felix: missing required argument 'stream'/],
    [['consume', 'demo', '-g', 'g', '--count', '0'], /^felix: option '-c, --count <n>' argument '0' is invalid/],
    [['consume', 'demo', '-g', 'g', '--from', 'soon'], /^felix: option '--from <position>' argument 'soon' is invalid/],
    [['consume', 'demo', '-g', 'g', '--ack-wait', '0'], /^felix: option '--ack-wait <ms>' argument '0' is invalid/],
  ])('felix %j is a usage error: exit 2, one line', async (args, message) => {
    const r = await felix(args, { env });
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
  });

  it('--help prints its usage on stdout, and the top-level help lists it', async () => {
    const r = await felix(['consume', '--help'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: felix consume \[options\] <stream>/);
    expect(r.stdout).toContain('--ack-wait <ms>');
    expect((await felix(['--help'], { env })).stdout).toMatch(/^ {2}consume \[options\] <stream>/m);
  });
});
