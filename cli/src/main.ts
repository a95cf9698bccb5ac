// The felix command: parses the command line (commander), runs one command and exits with
// 0 (done), 1 (a run-time failure), 2 (a usage error) or, for `cache get`, 3 (no such key), and
// for `log verify`, 4 to 6 (damage, by what recovery does about it).
// Every failure is one `felix: …` line on stderr. Commands are imported when they run, so
// --help and usage errors do not load the SDK, its carriers or the benchmark.
import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { duration, integer, integerList, parseStart } from './args.js';
import type { BenchFlags } from './commands/bench.js';
import { BENCH_CARRIERS } from './commands/bench-carriers.js';
import type { CacheFlags, PutFlags } from './commands/cache.js';
import type { ConsumeFlags } from './commands/consume.js';
import type { ConformanceFlags } from './commands/delegate.js';
import type { DumpFlags, LogReportFlags } from './commands/log.js';
import type { PubFlags } from './commands/pub.js';
import type { SubFlags } from './commands/sub.js';
import type { InspectFlags, KeygenFlags, MintFlags } from './commands/token.js';
import { addConnectionOptions } from './connection-options.js';
import { encodingOption } from './encoding.js';
import { describeFailure, EXIT_USAGE } from './errors.js';
import { unknownCommandPath } from './unknown-command.js';

const { version } = createRequire(import.meta.url)('@felix/cli/package.json') as { version: string };

// `FELIX_URL= felix …` means "unset" in a shell; commander would take the empty string as a value.
for (const name of ['FELIX_URL', 'FELIX_CERT_SHA256', 'FELIX_CA', 'FELIX_TENANT', 'FELIX_NAMESPACE', 'FELIX_TOKEN'])
  if (process.env[name] === '') delete process.env[name];

/** Runs a command's action; its result (or failure) decides the exit code. */
function action<A extends unknown[]>(run: (...args: A) => Promise<unknown>) {
  return async (...args: A): Promise<void> => {
    let code: number;
    try {
      const result = await run(...args);
      code = typeof result === 'number' ? result : 0;
    } catch (err) {
      const failure = describeFailure(err);
      process.stderr.write(`${failure.line}\n`);
      code = failure.exitCode;
    }
    // Sockets a closed client is still tearing down must not keep a finished command alive.
    process.exit(code);
  };
}

const program = new Command('felix')
  .description(
    'Felix: run a broker, publish and subscribe, consume in groups, use the cache, measure latency, check the wire format',
  )
  .version(version, '-V, --version')
  .showSuggestionAfterError(true)
  .exitOverride()
  .configureOutput({
    // Commander's own errors, as one line like every other failure.
    outputError: (message, write) => write(`felix: ${message.replace(/^error: /, '').trim()}\n`),
  })
  .addHelpText(
    'after',
    `
Commands that talk to a broker default to the one on this machine (felix+tls://127.0.0.1:5400),
pin the certificate and present the dev token it keeps in its data directory, so \`npm start\` (or \`felix broker\`) in one
terminal and \`felix sub demo\` / \`felix pub demo hello\` in another need no flags.

Exit codes: 0 done, 1 run-time failure, 2 usage error, 3 cache key not found, 4–6 log damage
(felix log --help).`,
  );

program
  .command('broker')
  .description('run the broker (what `npm start` runs), configured by FELIX_* variables and FELIX_CONFIG')
  .addHelpText(
    'after',
    `
The most used settings (see the README for all):
  FELIX_HOST=127.0.0.1  FELIX_CARRIERS=tls,webtransport,quic  FELIX_TLS_PORT=5400
  FELIX_WEBTRANSPORT_PORT=5401  FELIX_QUIC_PORT=5402  FELIX_HTTP_BIND=127.0.0.1:9400
  FELIX_DATA_DIR=.felix-data (certificate, auth/ keys)  FELIX_AUTO_CREATE=false
A bad setting exits 2 with one line naming it; SIGINT/SIGTERM drain and exit 0.`,
  )
  .action(async () => {
    // Not through action(): the broker keeps running after its start-up returns.
    try {
      await (await import('./commands/delegate.js')).runBroker();
    } catch (err) {
      const failure = describeFailure(err);
      process.stderr.write(`${failure.line}\n`);
      process.exit(failure.exitCode);
    }
  });

addConnectionOptions(
  program
    .command('pub')
    .description('publish each message argument, or each line of stdin when there is none')
    .argument('<stream>', 'stream to publish to')
    .argument('[message...]', 'messages, one record each'),
)
  .option('--ack', 'wait for the broker to acknowledge every publish (the default)')
  .option('--no-ack', 'do not wait for acknowledgements: done once the publishes are sent')
  .addOption(
    new Option('-b, --batch <n>', 'publish n messages at a time as one batch (accepted or refused together)')
      .argParser(integer(1, 65_536))
      .default(1),
  )
  .addOption(encodingOption('messages'))
  .option('-q, --quiet', 'do not report what was published on stderr')
  .action(
    action(async (stream: string, messages: string[], flags: PubFlags) =>
      (await import('./commands/pub.js')).pub(stream, messages, { ...flags, ack: flags.ack ?? true }),
    ),
  );

addConnectionOptions(
  program
    .command('sub')
    .description('print one line per record of a stream as it arrives; gaps are reported on stderr')
    .argument('<stream>', 'stream to read'),
)
  .addOption(
    new Option('--from <position>', 'where to start: earliest, latest or an offset')
      .argParser(parseStart)
      .default('latest'),
  )
  .addOption(new Option('-c, --count <n>', 'exit after n records').argParser(integer(0)))
  .addOption(
    new Option('-w, --wait <ms>', 'exit 1 when --count records have not arrived within ms').argParser(integer(1)),
  )
  .addOption(encodingOption('payloads'))
  .option('-o, --offsets', 'prefix every line with its offset and a tab')
  .option('-q, --quiet', 'do not report the subscription and reconnects on stderr')
  .action(action(async (stream: string, flags: SubFlags) => (await import('./commands/sub.js')).sub(stream, flags)));

addConnectionOptions(
  program
    .command('consume')
    .description(
      "be one consumer of a stream's consumer group: print one line per record, acknowledging it once printed",
    )
    .argument('<stream>', 'stream to consume'),
)
  .requiredOption('-g, --group <name>', 'the consumer group (created on first use)')
  .addOption(
    new Option(
      '--from <position>',
      'where a new group starts: earliest, latest or an offset (an existing group goes on)',
    )
      .argParser(parseStart)
      .default('latest'),
  )
  .addOption(new Option('-c, --count <n>', 'exit after n records were acknowledged').argParser(integer(1)))
  .addOption(
    new Option('--ack-wait <ms>', 'how long a record waits for its ack before the group hands it out again').argParser(
      integer(1, 0xffff_ffff),
    ),
  )
  .addOption(
    new Option('--max-in-flight <n>', 'most records out to this consumer unacknowledged').argParser(
      integer(1, 0xffff_ffff),
    ),
  )
  .addOption(
    new Option('-w, --wait <ms>', 'exit 1 when --count records have not been acknowledged within ms').argParser(
      integer(1),
    ),
  )
  .addOption(encodingOption('payloads'))
  .option('-o, --offsets', 'prefix every line with its offset and a tab')
  .option('-q, --quiet', 'do not report the join and reconnects on stderr')
  .addHelpText(
    'after',
    `
Delivery is at least once: a record whose acknowledgement the broker did not confirm (the
connection was lost meanwhile) is delivered again, maybe to another consumer of the group,
and printed again. Several \`felix consume\` runs with one --group share the stream's records.`,
  )
  .action(
    action(async (stream: string, flags: ConsumeFlags) =>
      (await import('./commands/consume.js')).consume(stream, flags),
    ),
  );

const cache = program.command('cache').description('read and write a cache (get, put, del)');
addConnectionOptions(
  cache
    .command('get')
    .description('print the value under a key; exit 3 when there is none')
    .argument('<cache>', 'cache name')
    .argument('<key>', 'key'),
)
  .addOption(encodingOption('values'))
  .action(
    action(async (name: string, key: string, flags: CacheFlags) =>
      (await import('./commands/cache.js')).cacheGet(name, key, flags),
    ),
  );
addConnectionOptions(
  cache
    .command('put')
    .description('store a value under a key (the value argument, or all of stdin)')
    .argument('<cache>', 'cache name')
    .argument('<key>', 'key')
    .argument('[value]', 'the value; read from stdin when omitted'),
)
  .addOption(new Option('--ttl <ms>', 'time to live; kept until evicted when omitted').argParser(integer(0)))
  .addOption(encodingOption('values'))
  .action(
    action(async (name: string, key: string, value: string | undefined, flags: PutFlags) =>
      (await import('./commands/cache.js')).cachePut(name, key, value, flags),
    ),
  );
addConnectionOptions(
  cache
    .command('del')
    .alias('delete')
    .description('remove a key')
    .argument('<cache>', 'cache name')
    .argument('<key>', 'key'),
)
  .addOption(encodingOption('values'))
  .action(
    action(async (name: string, key: string, flags: CacheFlags) =>
      (await import('./commands/cache.js')).cacheDelete(name, key, flags),
    ),
  );

const token = program
  .command('token')
  .description('make signing keys, mint tokens and inspect them (mint, inspect, keygen)')
  .addHelpText(
    'after',
    `
A broker on this machine keeps its signing key, its JWKS and a development token (tenant t1,
every right) under auth/ in its data directory (FELIX_DATA_DIR, default .felix-data); mint and
inspect use them when no --key or --jwks is given, and the other commands present the dev token
to a broker on localhost when no --token is given.`,
  );
token
  .command('mint')
  .description('sign a token and print it')
  .option('-k, --key <file>', "private Ed25519 JWK to sign with (default: the local broker's auth/signing-key.jwk)")
  .requiredOption('-t, --tenant <tenant>', 'tenant the token is for (tid)')
  .addOption(
    new Option(
      '-p, --perm <permission>',
      'a permission granted, action:kind:path like stream.publish:stream:t1/default/* (repeatable)',
    )
      .argParser((value: string, previous: string[] = []) => [...previous, value])
      .makeOptionMandatory(),
  )
  .option('-s, --subject <subject>', 'whom the token names (sub)', 'felix-cli')
  .addOption(
    new Option('--ttl <duration>', 'lifetime: seconds, or 30m, 1h, 7d').argParser(duration(1)).default(3600, '1h'),
  )
  .addOption(new Option('--not-before <duration>', 'valid only from this long after now (nbf)').argParser(duration(0)))
  .option('--kid <kid>', "key id to put in the header (default: the key's own)")
  .action(action(async (flags: MintFlags) => (await import('./commands/token.js')).mint(flags)));
token
  .command('inspect')
  .description("print a token's header and claims as JSON and, when keys are at hand, verify it (exit 1 when invalid)")
  .argument('[token]', 'the token; read from stdin when it is - or omitted')
  .addOption(
    new Option(
      '--jwks <file>',
      "public keys to verify with (default: the local broker's auth/jwks.json when there is one)",
    ).conflicts('key'),
  )
  .option('-k, --key <file>', 'verify with this private Ed25519 JWK instead')
  .option('-t, --tenant <tenant>', 'the tenant it must be for (default: its own tid)')
  .option('--no-verify', 'only decode it, even when keys are at hand')
  .action(
    action(async (text: string | undefined, flags: InspectFlags) =>
      (await import('./commands/token.js')).inspect(text, flags),
    ),
  );
token
  .command('keygen')
  .description('write a new Ed25519 signing key (signing-key.jwk, mode 0600) and its JWKS (jwks.json) into a directory')
  .requiredOption('-o, --out <dir>', 'directory to write to, made when missing')
  .option('--kid <kid>', "key id (default: the key's RFC 7638 thumbprint)")
  .option('--force', 'replace a signing key already there')
  .action(action(async (flags: KeygenFlags) => (await import('./commands/token.js')).keygen(flags)));

const benchCommand = addConnectionOptions(
  program
    .command('bench')
    .description(
      'measure publish-to-delivery latency over payload size × fanout × batch size, against a broker started for the run (or --url)',
    ),
)
  .addOption(
    new Option('-s, --sizes <bytes,…>', 'payload sizes')
      .argParser(integerList(8, 1 << 20))
      .default([64, 1024, 16384], '64,1024,16384'),
  )
  .addOption(
    new Option('-F, --fanout <n,…>', 'subscribers per stream').argParser(integerList(1, 256)).default([1, 4], '1,4'),
  )
  .addOption(
    new Option('-b, --batch <n,…>', 'messages per publish batch')
      .argParser(integerList(1, 4096))
      .default([1, 16], '1,16'),
  )
  .addOption(new Option('-m, --messages <n>', 'measured messages per cell').argParser(integer(1)).default(1000))
  .addOption(
    new Option('--warmup <n>', 'unmeasured messages sent first in every cell').argParser(integer(0)).default(100),
  )
  .addOption(
    new Option('--window <n>', 'batches in flight (1: each waits for the previous one to be delivered)')
      .argParser(integer(1, 10_000))
      .default(1),
  )
  .option('--ack', 'publish acknowledged (by default unacknowledged, so only delivery is timed)')
  .option('--stream <stream>', 'stream to publish to', 'demo')
  .addOption(
    new Option('--carrier <carrier>', 'carrier to the broker started for the run')
      .choices(Object.keys(BENCH_CARRIERS))
      .default('tls'),
  )
  .option('--json', 'print the results as JSON')
  .action(
    action(async (flags: Omit<BenchFlags, 'ack' | 'json' | 'external'> & { ack?: boolean; json?: boolean }) =>
      // A --url from the command line or FELIX_URL means an existing broker; the default means none.
      (await import('./commands/bench.js')).bench({
        ...flags,
        ack: flags.ack ?? false,
        json: flags.json ?? false,
        external: benchCommand.getOptionValueSource('url') !== 'default',
      }),
    ),
  );

const log = program
  .command('log')
  .description("look at a durable stream's files without the broker: inspect, verify, dump")
  .addHelpText(
    'after',
    `
DIR is a stream shard's directory (named <tenant>_<namespace>_<stream>_<shard>-<hash>, holding
00000000000000000000.log segments and their .index files), or a directory whose subdirectories
are shard directories, such as the broker's durable data directory: inspect and verify then look
at each shard, dump needs one. Nothing is ever written: these commands read the files as they
are, while a broker runs or after it refused to start.

verify exit codes: 0 clean; 4 damage the next open repairs by itself (an unfinished write at the
end of the newest segment, an index to rebuild, a leftover temporary file); 5 damage the open
refuses unless repair is asked for (it then cuts the log at the first bad record); 6 damage the
open refuses even then (a segment header); 1 the files could not be read; 2 a usage error.`,
  );
const indexSpacingOption = () =>
  new Option('--index-spacing <bytes>', 'the index spacing the log was written with: indexes are checked against it')
    .argParser(integer(1))
    .default(4096);
log
  .command('inspect')
  .description('per segment: base offset, records, first and last offset, bytes, sealed or active, its index; totals')
  .argument('<dir>', "a shard's directory, or a directory of shard directories")
  .addOption(indexSpacingOption())
  .option('--json', 'print the report as JSON')
  .action(
    action(async (dir: string, flags: LogReportFlags) => (await import('./commands/log.js')).inspect(dir, flags)),
  );
log
  .command('verify')
  .description(
    'check every record checksum, offsets across segments and each index; name each problem and what recovery does (exit 0 clean, 4, 5 or 6)',
  )
  .argument('<dir>', "a shard's directory, or a directory of shard directories")
  .addOption(indexSpacingOption())
  .option('--json', 'print the report as JSON')
  .action(action(async (dir: string, flags: LogReportFlags) => (await import('./commands/log.js')).verify(dir, flags)));
log
  .command('dump')
  .description('print records from an offset, one at a time, to the end of the log or --count records')
  .argument('<dir>', "a shard's directory")
  .addOption(new Option('--from <offset>', 'first offset to print').argParser(integer(0)).default(0))
  .addOption(new Option('-c, --count <n>', 'print at most n records').argParser(integer(0)))
  .addOption(
    new Option(
      '--format <format>',
      'text: offset, time and the payload as escaped text; json: JSON lines, the payload in base64; hex: a hex dump',
    )
      .choices(['text', 'json', 'hex'])
      .default('text'),
  )
  .action(action(async (dir: string, flags: DumpFlags) => (await import('./commands/log.js')).dump(dir, flags)));

program
  .command('conformance')
  .description('run the wire conformance suite (every vector through every decoder); exit 1 on any failure')
  .option(
    '--external <command>',
    'check another implementation: a decoder command speaking the external-decoder protocol',
  )
  .option('--decoders <names>', 'comma-separated decoders to run (ts, kaitai-js, kaitai-py)')
  .option('--only-failures', 'list only failing vectors')
  .action(action(async (flags: ConformanceFlags) => (await import('./commands/delegate.js')).runConformance(flags)));

// `felix sub x | head -1`: a closed pipe ends the command quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => process.exit(err.code === 'EPIPE' ? 0 : 1));

const args = process.argv.slice(2);
try {
  // An unknown command alone, without the --help that would otherwise win, so commander reports it.
  await program.parseAsync(unknownCommandPath(program, args) ?? args, { from: 'user' });
} catch (err) {
  if (!(err instanceof CommanderError)) throw err;
  // --help and --version end here with exit code 0; a bare `felix` or a bad argument does not.
  process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE);
}
