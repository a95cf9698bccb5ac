// Codec benchmark: ops/s of the generated Felix codec beside two peers measured in the same
// run — the Kaitai-generated JavaScript parser, and plain JSON.parse + an ajv validator — so
// the ratios hold on a noisy shared machine. Run: npm run bench:codec [-- --time 500 --json]

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseCommandLine } from '@felix/command-line';
import {
  type BinaryPublishBatch,
  type BinarySharedEventBatch,
  type CacheGet,
  decodeFrame,
  encodeFrame,
  HEADER_SIZE,
  type Publish,
} from '@felix/generated';
import { Ajv } from 'ajv';
import { Bench } from 'tinybench';

const { values } = parseCommandLine({
  name: 'bench:codec',
  usage: `
Usage: npm run bench:codec [-- options]

Ops/s of the generated Felix codec beside the Kaitai-generated parser and JSON.parse + ajv.

Options:
  --time <ms>   measured time per task (default 400)
  --json        print the results as JSON
  -h, --help    print this help`,
  config: { options: { time: { type: 'string', default: '400' }, json: { type: 'boolean', default: false } } },
});
const require = createRequire(import.meta.url);
const KaitaiStream = require('kaitai-struct/KaitaiStream');
const FelixWire = require('../../generated/kaitai/js/FelixWire.cjs');
const schemaDir = fileURLToPath(new URL('../../generated/schemas/', import.meta.url));

function jsonValidator(type: string) {
  const ajv = new Ajv({ strict: false });
  return ajv.compile(JSON.parse(readFileSync(`${schemaDir}${type}.schema.json`, 'utf8')));
}
const validatePublish = jsonValidator('publish');
const validateCacheGet = jsonValidator('cache_get');

const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);
const publish = (size: number): Publish => ({
  type: 'publish',
  tenant_id: 't1',
  namespace: 'default',
  stream: 'orders',
  payload: bytes(size, 0x61),
  request_id: 1234,
  ack: 'per_message',
});
const batch: BinaryPublishBatch = {
  type: 'binary_publish_batch',
  request_id: 99n,
  ack_mode: 'per_batch',
  tenant_id: 't1',
  namespace: 'default',
  stream: 'orders',
  payloads: Array.from({ length: 64 }, (_, i) => bytes(64, i)),
};
const events: BinarySharedEventBatch = {
  type: 'binary_shared_event_batch',
  base_offset: 1_000_000n,
  payloads: Array.from({ length: 64 }, (_, i) => bytes(64, i)),
};
const cacheGet: CacheGet = {
  type: 'cache_get',
  tenant_id: 't1',
  namespace: 'default',
  cache: 'sessions',
  key: 'user:42',
  request_id: 7,
};

interface Case {
  name: string;
  message: Parameters<typeof encodeFrame>[0];
  json?: (o: unknown) => boolean;
}
const cases: Case[] = [
  { name: 'publish 64 B (JSON)', message: publish(64), json: validatePublish },
  { name: 'publish 1 KiB (JSON)', message: publish(1024), json: validatePublish },
  { name: 'publish 64 KiB (JSON)', message: publish(65536), json: validatePublish },
  { name: 'binary publish batch 64 × 64 B', message: batch },
  { name: 'shared event batch 64 × 64 B', message: events },
  { name: 'cache_get (JSON)', message: cacheGet, json: validateCacheGet },
  // A request_id above 2^53-1 takes the exact second reading of the JSON text.
  { name: 'cache_get, request_id 2^64-1 (JSON)', message: { ...cacheGet, request_id: 2n ** 64n - 1n } },
];

// Each decoder must touch what it decoded, or the engine may skip the work.
let sink = 0;
const kaitaiDecode = (frame: Uint8Array) => {
  const parsed = new FelixWire(new KaitaiStream(frame));
  sink += parsed._io.pos;
};
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

const bench = new Bench({ time: Number(values.time), warmupTime: 100 });
const frames = new Map<string, Uint8Array>();
for (const c of cases) {
  const frame = encodeFrame(c.message);
  frames.set(c.name, frame);
  bench.add(`${c.name} | felix encode`, () => {
    sink += encodeFrame(c.message).length;
  });
  bench.add(`${c.name} | felix decode`, () => {
    sink += decodeFrame(frame).type.length;
  });
  bench.add(`${c.name} | kaitai-js decode`, () => kaitaiDecode(frame));
  if (c.json) {
    const validate = c.json;
    bench.add(`${c.name} | JSON.parse + ajv`, () => {
      const o = JSON.parse(strictUtf8.decode(frame.subarray(HEADER_SIZE)));
      if (!validate(o)) throw new Error('invalid');
      sink += o.type.length;
    });
  }
}
await bench.run();

const hz = new Map(
  bench.tasks.map((t) => [t.name, t.result.state === 'completed' ? t.result.throughput.mean : Number.NaN] as const),
);
const rows = cases.map((c) => {
  const get = (what: string) => hz.get(`${c.name} | ${what}`) ?? 0;
  const decode = get('felix decode');
  const kaitai = get('kaitai-js decode');
  const jsonAjv = c.json ? get('JSON.parse + ajv') : undefined;
  return {
    case: c.name,
    frameBytes: frames.get(c.name)!.length,
    felixEncode: get('felix encode'),
    felixDecode: decode,
    kaitaiDecode: kaitai,
    jsonParseAjv: jsonAjv,
    decodeVsKaitai: decode / kaitai,
    decodeVsJsonAjv: jsonAjv ? decode / jsonAjv : undefined,
  };
});

// Zero-copy check: a decoded payload is a view into the frame's own buffer.
const batchFrame = frames.get('binary publish batch 64 × 64 B')!;
const decodedBatch = decodeFrame(batchFrame) as BinaryPublishBatch;
const zeroCopy = [...decodedBatch.payloads].every((p) => p.buffer === batchFrame.buffer);

if (values.json) {
  console.log(JSON.stringify({ node: process.version, rows, zeroCopy, sink: sink > 0 }, null, 2));
} else {
  const fmt = (n: number | undefined) => (n === undefined ? '—' : Math.round(n).toLocaleString('en-US'));
  const ratio = (n: number | undefined) => (n === undefined ? '—' : `${n.toFixed(1)}×`);
  console.log(`Felix codec benchmark (Node ${process.version}, ops/s, ${values.time} ms per task)\n`);
  console.log(
    '| case | frame B | felix encode | felix decode | kaitai-js decode | JSON.parse+ajv | decode vs kaitai | decode vs JSON+ajv |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(
      `| ${r.case} | ${r.frameBytes} | ${fmt(r.felixEncode)} | ${fmt(r.felixDecode)} | ${fmt(r.kaitaiDecode)} | ${fmt(r.jsonParseAjv)} | ${ratio(r.decodeVsKaitai)} | ${ratio(r.decodeVsJsonAjv)} |`,
    );
  }
  console.log(`\nbinary payloads decoded as views into the frame (no copy): ${zeroCopy ? 'yes' : 'NO'}`);
}
