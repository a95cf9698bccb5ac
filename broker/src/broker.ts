// A running broker: carriers listening, sessions served, health and metrics over HTTP, and a
// graceful drain.
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { CLOSE_CODES } from '@felix/generated';
import {
  AlpnRequiredError,
  ClientCertificatesUnsupportedError,
  certificateFingerprint,
  listenTls,
  type SessionListener,
  sessionListenerOver,
} from '@felix/transport';
import { BrokerState } from './core/broker-state.js';
import { type HostCarriers, NODE_CARRIERS } from './host/runtime-carriers.js';
import { tlsFirstFrameAccounting } from './protocol/flow/first-frames.js';
import { serveRefusedSession } from './protocol/refused-session.js';
import { SessionHandler } from './protocol/session-handler.js';
import { createAuthenticator } from './service/authenticator.js';
import { brokerCertificate } from './service/certificate.js';
import { ClientCaError, readClientCa } from './service/client-ca.js';
import { type BrokerConfig, ConfigError, parseBind } from './service/config.js';
import { brokerConnectionGuard } from './service/connection-guard.js';
import { startHttp } from './service/http.js';
import type { Logger } from './service/logger.js';

/** The JSON the broker serves the demo page at /demo/config.json. */
export type { DemoConfig } from './service/demo.js';

/** How long a drain waits for the carriers' listeners to report closed after cutting sessions. */
const LISTENER_CLOSE_MS = 3000;
/**
 * How long a drain waits for its sessions to close themselves, each once its control stream has
 * flushed (a session waits at most a second for that), before it closes the listeners.
 */
const SESSIONS_CLOSE_MS = 1500;

/** Whether `promise` settles within `ms`; the timer does not hold the process open. */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    timer.unref();
    const settled = () => {
      clearTimeout(timer);
      resolve(true);
    };
    promise.then(settled, settled);
  });
}

/** Logs what the drain timeout cut short: subscribers that were still owed deliveries. */
function reportCut(handlers: Iterable<SessionHandler>, logger: Logger): void {
  let sessions = 0;
  let subscriptions = 0;
  let bytes = 0;
  for (const h of handlers) {
    const owed = h.owed();
    if (owed.subscriptions === 0) continue;
    sessions++;
    subscriptions += owed.subscriptions;
    bytes += owed.bytes;
  }
  if (sessions > 0)
    logger.warn(
      { sessions, subscriptions, bytes },
      'drain timeout: subscribers cut short (those that read subscription_end see the rest as a gap)',
    );
}

export interface RunningBroker {
  core: BrokerState;
  /** Bound port per carrier. */
  ports: Record<string, number>;
  httpPort: number;
  fingerprint: string;
  /** The embedded default's dev token (tenant t1, tenant.manage) and its file; undefined when a key source is configured. */
  devToken: { path: string; expiresAt: number } | undefined;
  /** Stops taking work, flushes deliveries and acks (bounded by drainTimeoutMs), closes everything. */
  drain(): Promise<void>;
}

/** `host` picks the carrier libraries of the runtime (see runtimeCarriers); Node's by default. */
export async function startBroker(
  config: BrokerConfig,
  logger: Logger,
  host: HostCarriers = NODE_CARRIERS,
): Promise<RunningBroker> {
  const auth = await createAuthenticator(config, logger);
  const core = new BrokerState(config, logger, auth);
  // Every durable log verified and recovered before anything is served; damage the recovery
  // rules do not allow it to repair stops the start here (DurableOpenError).
  try {
    await core.restore();
  } catch (err) {
    await core.closeDurable();
    throw err;
  }
  logger.info(
    { keySource: auth.keySource, devToken: auth.dev?.paths.token, madeDevCredentials: auth.dev?.made },
    'tokens checked',
  );
  const identity = await brokerCertificate({ cert: config.tlsCert, key: config.tlsKey, dataDir: config.dataDir });
  const fingerprint = certificateFingerprint(identity.cert);
  const clientCa = config.tlsClientCa === undefined ? undefined : readClientCa(config.tlsClientCa);
  if (clientCa !== undefined)
    logger.info(
      { tlsClientCa: config.tlsClientCa, mappedCertificates: config.clientCertificates?.length ?? 0 },
      'client certificates required',
    );
  const handlers = new Set<SessionHandler>();
  const listeners: SessionListener[] = [];
  let ready = false;
  // Said at start rather than discovered by someone opening the page.
  if (config.demoDir !== undefined && !existsSync(join(config.demoDir, 'index.html')))
    logger.warn(
      { demoDir: config.demoDir },
      'demoDir has no index.html, so /demo/ answers 404 (npm run build -w demo)',
    );

  const http: Server = await (async () => {
    const { host, port } = parseBind(config.httpBind);
    return startHttp(
      host,
      port,
      core.metrics,
      { ready: () => ready && !core.draining && !core.memory.overBudget },
      {
        addStream: (tenant, namespace, stream, settings) => core.registerStream(tenant, namespace, stream, settings),
        addCache: (tenant, namespace, cache, durable) => core.registerCache(tenant, namespace, cache, durable),
        access: { verify: auth.verify, audit: core.audit },
        groups: {
          list: (tenant, namespace, stream) => core.listGroups(tenant, namespace, stream),
          reset: (tenant, namespace, stream, group, target) =>
            core.resetGroup(tenant, namespace, stream, group, target),
        },
      },
      config.demoDir === undefined
        ? undefined
        : {
            dir: config.demoDir,
            source: () => ({
              host: config.host,
              port: ready ? ports.webtransport : undefined,
              cert: identity.cert,
              devToken: auth.dev?.token,
            }),
          },
    );
  })();

  const serve = async (listener: SessionListener) => {
    for await (const session of listener.sessions) {
      if (session.refusal !== undefined) {
        void serveRefusedSession(core, session, session.refusal).catch((err) =>
          logger.error({ err }, 'refusing a session failed'),
        );
        continue;
      }
      const handler = new SessionHandler(core, session);
      handlers.add(handler);
      core.metrics.connections.inc({ carrier: session.carrier });
      void handler
        .run()
        .catch((err) => logger.error({ err }, 'session failed'))
        .finally(() => {
          handlers.delete(handler);
          core.metrics.connections.dec({ carrier: session.carrier });
        });
    }
  };

  const ports: Record<string, number> = {};
  // One guard for every carrier: the connection limits count them all together.
  const guard = brokerConnectionGuard(config, core.metrics);
  const common = { host: config.host, cert: identity.cert, key: identity.key, clientCa };
  const { handshakeTimeoutMs } = config;
  const listen = async (carrier: BrokerConfig['carriers'][number]): Promise<SessionListener> => {
    if (carrier === 'tls')
      return listenTls({
        ...common,
        port: config.tlsPort,
        maxPayload: config.maxFrameBytes,
        guard,
        receiving: tlsFirstFrameAccounting(core),
      });
    if (carrier === 'webtransport') {
      const wt = await host.listenWebTransport({
        ...common,
        port: config.webtransportPort,
        handshakeTimeoutMs,
        onHandshakeTimeout: () => guard.timedOut('webtransport', 'handshake'),
      });
      logger.info({ http3: wt.http3 }, 'webtransport listening');
      return sessionListenerOver(wt, guard);
    }
    const quic = await host.listenQuic({
      ...common,
      port: config.quicPort,
      handshakeTimeoutMs,
      alpn: config.quicAlpn,
      onHandshakeTimeout: () => guard.timedOut('quic', 'handshake'),
    });
    return sessionListenerOver(quic, guard);
  };
  for (const carrier of config.carriers) {
    let listener: SessionListener;
    try {
      listener = await listen(carrier);
    } catch (err) {
      if (err instanceof AlpnRequiredError)
        throw new ConfigError(
          `quicAlpn (FELIX_QUIC_ALPN) is empty: ${err.message}; this host needs one (unset it for felix)`,
        );
      if (!(err instanceof ClientCertificatesUnsupportedError)) throw err;
      throw new ClientCaError(`${err.message}; drop ${carrier} from carriers or unset tlsClientCa`, { cause: err });
    }
    listeners.push(listener);
    ports[carrier] = listener.port;
    void serve(listener);
  }

  const sweeper = setInterval(() => core.sweepCache(), config.cacheSweepMs);
  sweeper.unref();
  ready = true;

  const drain = async () => {
    if (core.draining) return;
    core.draining = true;
    logger.info({ sessions: handlers.size }, 'draining');
    await Promise.all(listeners.map((l) => l.stopAccepting()));
    // Publishes are refused from here on, so every stream's tail is final: each subscriber can
    // be told where its delivery ends before anything is cut.
    core.flushAll();
    for (const h of handlers) h.drain();
    const deadline = Date.now() + config.drainTimeoutMs;
    // A subscriber is owed everything until it has left the process and its event stream has
    // ended in good order, not only until our queues are empty: closing the session while the
    // carrier (or the peer's socket) still holds deliveries would lose them.
    while (Date.now() < deadline && [...handlers].some((h) => !h.idle)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    reportCut(handlers, logger);
    for (const h of handlers) h.close(CLOSE_CODES.draining, 'broker shutting down');
    // A listener closes what is still open with a close of its own (WebTransport's is code 0,
    // "server closing"), which would reach clients instead of the draining one.
    await settlesWithin(Promise.all([...handlers].map((h) => h.closed)), SESSIONS_CLOSE_MS);
    // A carrier library that never reports its listener closed must not keep the process alive.
    const closed = await settlesWithin(Promise.all(listeners.map((l) => l.close())), LISTENER_CLOSE_MS);
    if (!closed) logger.warn({ waitedMs: LISTENER_CLOSE_MS }, 'a listener did not close in time; exiting anyway');
    clearInterval(sweeper);
    // Sessions are gone, so no append is added; those queued finish (and are synced) first.
    await core.closeDurable();
    core.close();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    http.closeAllConnections();
    logger.info('drained');
  };

  const address = http.address();
  return {
    core,
    ports,
    httpPort: typeof address === 'object' && address ? address.port : 0,
    fingerprint,
    devToken: auth.dev && { path: auth.dev.paths.token, expiresAt: auth.dev.expiresAt },
    drain,
  };
}
