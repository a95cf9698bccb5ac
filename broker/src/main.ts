// `npm start` / `felix broker`: run the broker on embedded defaults (in memory, loopback,
// self-signed TLS) or whatever FELIX_* and FELIX_CONFIG say.
import { DEV_TENANT } from './auth/index.js';
import { startBroker } from './broker.js';
import { DurableOpenError } from './durable/durable-logs.js';
import { runtimeCarriers } from './host/runtime-carriers.js';
import { AuthSetupError } from './service/authenticator.js';
import { ClientCaError } from './service/client-ca.js';
import { ConfigError, loadConfig } from './service/config.js';
import { createLogger } from './service/logger.js';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`felix: ${err.message}\n`);
    process.exit(2);
  }
  throw err;
}

const logger = createLogger(config.logLevel);
// A stray rejection from a carrier library must not take every other client down with it.
process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
const host = runtimeCarriers();
let broker: Awaited<ReturnType<typeof startBroker>>;
try {
  broker = await startBroker(config, logger, host);
} catch (err) {
  if (err instanceof AuthSetupError || err instanceof ClientCaError || err instanceof ConfigError) {
    process.stderr.write(`felix: ${err.message}\n`);
    process.exit(2);
  }
  // A durable log damaged beyond what recovery may repair on its own: the operator decides.
  if (err instanceof DurableOpenError) {
    process.stderr.write(`felix: ${err.message}\n`);
    process.exit(3);
  }
  throw err;
}
// Before the ready line: whoever reads it may signal at once, and a signal that came before its
// handler would end the process without a drain.
let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  broker.drain().then(
    () => process.exit(0),
    (err) => {
      logger.error({ err }, 'drain failed');
      process.exit(1);
    },
  );
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
logger.info(
  { runtime: host.runtime, ports: broker.ports, http: broker.httpPort, certSha256: broker.fingerprint },
  'felix broker listening',
);
// Plain lines for people (and for tests that parse where the broker listens and what to send):
// the dev token's file first, so whoever waits for the ready line has both.
if (broker.devToken)
  process.stdout.write(
    `felix dev token (tenant ${DEV_TENANT}, expires ${new Date(broker.devToken.expiresAt).toISOString()}): ${broker.devToken.path}\n`,
  );
process.stdout.write(
  `felix broker ready: ${Object.entries(broker.ports)
    .map(([c, p]) => `${c}=${config.host}:${p}`)
    .join(' ')} http=${broker.httpPort} cert-sha256=${broker.fingerprint}\n`,
);
