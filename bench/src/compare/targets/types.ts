// What every system under comparison offers the workloads: pub/sub connections and a cache
// connection, each built from a serialisable description so a child process (the latency
// publisher) can open the same kind of connection.
import type { CarrierName } from '@felix/testkit';

export type TargetSpec =
  | {
      kind: 'felix';
      carrier: CarrierName;
      port: number;
      fingerprint: string;
      token: string;
      /** The broker's certificate (PEM), for clients that verify against a CA (QUIC on Deno). */
      ca?: string;
      /** Drive this target from a Deno process (quinn's QUIC client), not from this one. */
      client?: 'deno';
    }
  | { kind: 'nats'; port: number; tls?: PeerTls }
  | { kind: 'redis'; port: number; tls?: PeerTls }
  | { kind: 'tcp'; port: number };

/** A peer served over TLS: the CA (its own self-signed certificate, PEM) to trust. */
export interface PeerTls {
  ca: string;
}

export interface PubSubConnection {
  /**
   * Queues one message. Each client coalesces what is published in one event-loop turn the way
   * it does by itself (nats.js and ioredis with auto-pipelining write once per turn; the Felix
   * adapter sends one binary_publish_batch per turn, as the Felix SDK does).
   */
  publish(topic: string, payload: Uint8Array): void;
  /** Resolves once the server will deliver this topic's messages to `onMessage`. */
  subscribe(topic: string, onMessage: (payload: Uint8Array) => void): Promise<void>;
  close(): Promise<void>;
}

export interface CacheConnection {
  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, value: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

/** Publishes to one durable stream (a Felix durable stream, a JetStream stream, a Redis stream). */
export interface DurableConnection {
  /** Resolves once the server acknowledged the payload as stored, as its durability setting defines it. */
  publish(payload: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface Target {
  /** Short column name: felix-tls, nats, redis, tcp-floor… */
  name: string;
  spec: TargetSpec;
  /** The server process, whose CPU time each workload charges to this target. */
  pid: number | undefined;
  /** The Unix socket of the server's gc probe, when it has one (Node-hosted servers). */
  gcSocket?: string;
  /** Why this target has no cache, when it has none. */
  cacheUnavailable?: string;
}

/** One consumer group on one stream, made fresh for one measurement (see queue-plan.ts). */
export interface QueueSetup {
  stream: string;
  group: string;
  consumers: number;
  /** Records one consumer holds unacknowledged at most. */
  maxInFlight: number;
  ackWaitMs: number;
}

/** A publisher to a group's stream and the group's consumers, each on a connection of its own. */
export interface QueueConnection {
  /** Queues one record; what one turn publishes leaves together, as each client does by itself. */
  publish(payload: Uint8Array): void;
  /**
   * Starts the consumers. Each acknowledges every record it is handed at once, without waiting
   * for earlier acknowledgements, and `onAcked` hears of each once the server confirmed it.
   * `onError` hears of any failure (a refused publish or ack, a lost connection).
   */
  consume(onAcked: (payload: Uint8Array) => void, onError: (err: unknown) => void): Promise<void>;
  close(): Promise<void>;
}
