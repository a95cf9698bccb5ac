// generated — do not edit; edit spec/ and run `npm run generate`

import type { AttachKind, AckMode, BinaryAckMode, AckStatus, StartPosition, CursorErrorReason, EpochMismatchPolicy, RetryClass } from './constants.js';
import type { Payloads } from '@felix/wire';

/** A JSON u64 (0..2^64-1). Decoded as a number up to 2^53-1, the common case, and as an exact bigint above, where a number would have been rounded; encoded from either (a number above 2^53-1 is refused: pass a bigint). */

export type JsonU64 = number | bigint;

/** Authenticates a stream for a tenant; the first frame of the control stream, and of any later stream that brings its own (upstream's clients send one on every stream; see sessions). A negotiating client offers the flag bits (and features) it understands. (JSON, client to server; control/cache stream) */

export interface Auth {
  type: "auth";
  /** The tenant the connection acts for. */
  tenant_id: string;
  /** Credential checked by the broker. */
  token: string;
  /** Frame-flag bits this client can receive and send. Absent means the client predates negotiation: the broker then answers `ok` and sends it only original v1 layouts. */
  client_flags?: number;
  /** Feature bits (capabilities.features) this client implements. Absent means none. */
  client_features?: number;
}

/** Successful auth, carrying the broker's own capabilities. Sent only in answer to an auth that offered client_flags; a client must use these values, not its own. (JSON, server to client; control/cache stream) */

export interface AuthOk {
  type: "auth_ok";
  /** Frame-flag bits the broker understands. */
  server_flags: number;
  /** Feature bits the broker serves. Absent means none. */
  server_features?: number;
  /** Names this session on carriers with one connection per stream; a client presents it in stream_attach. Sent only to a client that offered STREAM_ATTACH. */
  session_token?: string;
}

/** First frame of every connection after the first on a one-connection-per-stream carrier (TLS over TCP): joins the connection to the session as a cache stream or as a subscription's event stream. An unknown token or subscription is answered with error and the connection is closed. (JSON, client to server; cache/event stream) */

export interface StreamAttach {
  type: "stream_attach";
  /** The session_token from auth_ok. */
  session_token: string;
  /** What the connection carries. */
  kind: AttachKind;
  /** The subscription whose events this connection carries; required for kind event. */
  subscription_id?: JsonU64;
}

/** Publishes one payload to a stream. With ack per_message and a request_id the broker answers publish_ok or publish_error carrying that id; with ack none it answers nothing. Clients prefer the binary publish batch, which costs less to encode and parse. (JSON, client to server; control/cache stream) */

export interface Publish {
  type: "publish";
  /** Tenant owning the stream. */
  tenant_id: string;
  /** Namespace within the tenant. */
  namespace: string;
  /** Stream name within the namespace. */
  stream: string;
  /** The message body, opaque to the broker. */
  payload: Uint8Array;
  /** Correlates the acknowledgement. */
  request_id?: JsonU64;
  /** How to acknowledge; absent means per_message. */
  ack?: AckMode;
}

/** Publishes several payloads to one stream, acknowledged once for the batch. (JSON, client to server; control/cache stream) */

export interface PublishBatch {
  type: "publish_batch";
  /** Tenant owning the stream. */
  tenant_id: string;
  /** Namespace within the tenant. */
  namespace: string;
  /** Stream name within the namespace. */
  stream: string;
  /** The message bodies, in order. */
  payloads: Uint8Array[];
  /** Correlates the acknowledgement. */
  request_id?: JsonU64;
  /** How to acknowledge; absent means per_batch. */
  ack?: AckMode;
}

/** Subscribes to a stream. The broker answers subscribed and opens an event stream whose event_stream_hello carries the same subscription_id. (JSON, client to server; control/cache stream) */

export interface Subscribe {
  type: "subscribe";
  /** Tenant owning the stream. */
  tenant_id: string;
  /** Namespace within the tenant. */
  namespace: string;
  /** Stream name within the namespace. */
  stream: string;
  /** An id the client proposes; the broker may assign its own. */
  subscription_id?: JsonU64;
  /** Where delivery starts: "latest" (the default when absent), "earliest" (oldest retained record), or {"offset": n} (exactly offset n, the first record not yet seen). */
  start?: StartPosition | { offset: JsonU64; };
  /** The stream epoch start.offset was read in (from subscribed, event_stream_hello or a cursor error). The broker serves the offset only if it is the stream's epoch now; otherwise on_epoch_mismatch decides. Only meaningful with an offset start. Absent: the offset is taken on trust, as upstream does. */
  epoch?: JsonU64;
  /** What to do when epoch is not the stream's; absent means refuse. */
  on_epoch_mismatch?: EpochMismatchPolicy;
}

/** Confirms a subscription and carries the id its event stream will name. (JSON, server to client; control/cache stream) */

export interface Subscribed {
  type: "subscribed";
  /** Broker-assigned subscription id. */
  subscription_id: JsonU64;
  /** First offset the subscription delivers. */
  start_offset?: JsonU64;
  /** The stream's tail when the subscriber was registered. */
  live_offset?: JsonU64;
  /** The stream's epoch: the incarnation of its log that the subscription's offsets count in. A client keeps it with its position and sends it back in subscribe.epoch when it resumes. */
  epoch?: JsonU64;
  /** True when subscribe named another epoch and asked for on_epoch_mismatch earliest: the requested offset was not served, and delivery starts at the oldest record this epoch retains. Absent otherwise. */
  epoch_reset?: boolean;
}

/** A subscribe asked for an offset the broker cannot serve; nothing is delivered. (JSON, server to client; control/cache stream) */

export interface SubscribeCursorError {
  type: "subscribe_cursor_error";
  /** Which side of the retained range the offset fell on, or that it was read in another epoch. */
  reason: CursorErrorReason;
  /** The offset the client asked for. */
  requested: JsonU64;
  /** The oldest retained offset (too_old, epoch_mismatch) or the tail (in_future). */
  available: JsonU64;
  /** The stream's current epoch, which earliest_offset and tail_offset count in. */
  epoch?: JsonU64;
  /** The oldest offset the stream retains. */
  earliest_offset?: JsonU64;
  /** The offset the stream's next record gets. */
  tail_offset?: JsonU64;
}

/** The broker has begun draining: it takes no more publishes, so the subscription will be delivered nothing at or past end_offset. Sent once per subscription whose batches carry offsets (EVENT_BATCH_OFFSETS), when the drain starts. The broker goes on delivering up to end_offset until its drain timeout; a subscriber whose session then closes before it has received end_offset - 1 knows the records from its next offset to end_offset were cut short, and reports them as a gap unless the broker it comes back to still holds them. (JSON, server to client; control stream) */

export interface SubscriptionEnd {
  type: "subscription_end";
  /** The id from subscribed. */
  subscription_id: JsonU64;
  /** The stream's tail: one past the last record the subscription is owed. */
  end_offset: JsonU64;
}

/** First frame on an event stream; binds the stream to its subscription. (JSON, server to client; event stream) */

export interface EventStreamHello {
  type: "event_stream_hello";
  /** The id from subscribed. */
  subscription_id: JsonU64;
  /** The stream's epoch, as in subscribed: the offsets of the batches that follow count in it. */
  epoch?: JsonU64;
}

/** One delivered message. (JSON, server to client; event stream) */

export interface EventMessage {
  type: "event";
  /** Tenant owning the stream. */
  tenant_id: string;
  /** Namespace within the tenant. */
  namespace: string;
  /** Stream the message was published to. */
  stream: string;
  /** The message body. */
  payload: Uint8Array;
  /** The message's offset in its stream, where the broker tracks one. */
  offset?: JsonU64;
}

/** Several delivered messages in JSON; brokers prefer the binary batches. (JSON, server to client; event stream) */

export interface EventBatch {
  type: "event_batch";
  /** Tenant owning the stream. */
  tenant_id: string;
  /** Namespace within the tenant. */
  namespace: string;
  /** Stream the messages were published to. */
  stream: string;
  /** The message bodies, in stream order. */
  payloads: Uint8Array[];
}

/** Stores a value under a key, optionally expiring after ttl_ms. (JSON, client to server; control/cache stream) */

export interface CachePut {
  type: "cache_put";
  /** Tenant owning the cache. */
  tenant_id: string;
  /** Namespace within the tenant. */
  namespace: string;
  /** Cache name within the namespace. */
  cache: string;
  /** The entry's key. */
  key: string;
  /** The value to store. */
  value: Uint8Array;
  /** Echoed by the response so requests can be pipelined. */
  request_id?: JsonU64;
  /** Time to live in milliseconds; null keeps the entry until evicted. */
  ttl_ms: JsonU64 | null;
}

/** Reads the value stored under a key. (JSON, client to server; control/cache stream) */

export interface CacheGet {
  type: "cache_get";
  /** Tenant owning the cache. */
  tenant_id: string;
  /** Namespace within the tenant. */
  namespace: string;
  /** Cache name within the namespace. */
  cache: string;
  /** The entry's key. */
  key: string;
  /** Echoed by cache_value. */
  request_id?: JsonU64;
}

/** Removes a key; answered with cache_value carrying the removed value, or null when the key was not there. Sent only to a broker that advertised CACHE_DELETE. (JSON, client to server; control/cache stream) */

export interface CacheDelete {
  type: "cache_delete";
  /** Tenant owning the cache. */
  tenant_id: string;
  /** Namespace within the tenant. */
  namespace: string;
  /** Cache name within the namespace. */
  cache: string;
  /** The entry's key. */
  key: string;
  /** Echoed by cache_value. */
  request_id?: JsonU64;
}

/** The answer to cache_get (and cache_delete); value is null on a miss or an expired entry. (JSON, server to client; control/cache stream) */

export interface CacheValue {
  type: "cache_value";
  /** Tenant owning the cache. */
  tenant_id: string;
  /** Namespace within the tenant. */
  namespace: string;
  /** Cache name within the namespace. */
  cache: string;
  /** The entry's key. */
  key: string;
  /** The stored value, or null when there is none. */
  value: Uint8Array | null;
  /** The request's id. */
  request_id?: JsonU64;
}

/** A cache write succeeded. (JSON, server to client; control/cache stream) */

export interface CacheOk {
  type: "cache_ok";
  /** The request's id. */
  request_id: JsonU64;
}

/** A JSON publish carrying this request_id was accepted. (JSON, server to client; control/cache stream) */

export interface PublishOk {
  type: "publish_ok";
  /** The publish's id. */
  request_id: JsonU64;
}

/** A JSON publish carrying this request_id was refused. (JSON, server to client; control/cache stream) */

export interface PublishError {
  type: "publish_error";
  /** The publish's id. */
  request_id: JsonU64;
  /** Why, for people. */
  message: string;
  /** The error code (protocol.yaml errors); unknown codes are kept. */
  code?: string;
  /** The retry class; one the client does not know reads as fatal. */
  retry?: string;
}

/** Generic success (auth without negotiation, an acknowledged publish, a cache write). (JSON, server to client; control/cache stream) */

export interface Ok {
  type: "ok";
}

/** A request or frame was refused. With ERROR_CODES negotiated it also carries the typed code, the retry class, where in the frame the problem was and the request it answers. (JSON, server to client; control/event/cache stream) */

export interface ErrorMessage {
  type: "error";
  /** Why, for people: names the field and byte offset where one applies. */
  message: string;
  /** The error code (protocol.yaml errors); unknown codes are kept. */
  code?: string;
  /** The retry class; one the client does not know reads as fatal. */
  retry?: string;
  /** The request this answers, where it could be read. */
  request_id?: JsonU64;
  /** Where the problem was. */
  detail?: { field?: string; offset?: number; retry_after_ms?: JsonU64; };
}

/** The publish data path. Without BINARY_PUBLISH_ACKED nothing is acknowledged; with it the broker answers with a binary publish ack carrying the same request_id (or, to a peer that did not negotiate BINARY_PUBLISH_ACK, JSON publish_ok / publish_error). (binary, flag BINARY_PUBLISH_BATCH) */

export interface BinaryPublishBatch {
  type: "binary_publish_batch";
  /** Correlates the acknowledgement. First in the payload so a broker can read it even when the rest is malformed, and answer with an error the client can match. Present exactly when BINARY_PUBLISH_ACKED is set. */
  request_id?: bigint;
  /** How the batch is acknowledged. Present exactly when BINARY_PUBLISH_ACKED is set. */
  ack_mode?: BinaryAckMode;
  /** Tenant owning the stream. */
  tenant_id: string;
  /** Namespace within the tenant. */
  namespace: string;
  /** Stream name within the namespace. */
  stream: string;
  /** The message bodies, in order. */
  payloads: Payloads;
}

/** Legacy per-subscriber event batch; names its subscription, so it cannot be shared. (binary, flag BINARY_EVENT_BATCH) */

export interface BinaryEventBatch {
  type: "binary_event_batch";
  /** The subscription the events belong to. */
  subscription_id: bigint;
  /** Stream offset of the first payload; payload i is at base_offset + i. Present exactly when EVENT_BATCH_OFFSETS is set. */
  base_offset?: bigint;
  /** The message bodies, in stream order. */
  payloads: Payloads;
}

/** Event batch shared by every subscriber of a stream: the broker encodes it once and writes the same bytes to each subscriber's event stream. (binary, flag BINARY_EVENT_BATCH_SHARED) */

export interface BinarySharedEventBatch {
  type: "binary_shared_event_batch";
  /** Stream offset of the first payload; payload i is at base_offset + i. Present exactly when EVENT_BATCH_OFFSETS is set. */
  base_offset?: bigint;
  /** The message bodies, in stream order. */
  payloads: Payloads;
}

/** Acknowledges a binary acked publish batch. (binary, flag BINARY_PUBLISH_ACK) */

export interface BinaryPublishAck {
  type: "binary_publish_ack";
  /** Whether the batch was accepted. */
  status: AckStatus;
  /** The batch's request_id. */
  request_id: bigint;
  /** Why the batch was refused; empty when status is ok, as upstream defines it (its writer sends length 0 and its reader discards the message of an ok ack). A decoder here still reads an ok ack's message like any string (length, limit, UTF-8) and reports it, and a receiver ignores it; upstream's reader does not look at those bytes at all, so an ok ack with invalid UTF-8 there is refused here and accepted upstream. */
  message: string;
}

export type JsonMessage =
  | Auth
  | AuthOk
  | StreamAttach
  | Publish
  | PublishBatch
  | Subscribe
  | Subscribed
  | SubscribeCursorError
  | SubscriptionEnd
  | EventStreamHello
  | EventMessage
  | EventBatch
  | CachePut
  | CacheGet
  | CacheDelete
  | CacheValue
  | CacheOk
  | PublishOk
  | PublishError
  | Ok
  | ErrorMessage;

export type BinaryMessage =
  | BinaryPublishBatch
  | BinaryEventBatch
  | BinarySharedEventBatch
  | BinaryPublishAck;

export type WireMessage = JsonMessage | BinaryMessage;
export type MessageType = WireMessage['type'];
export type MessageOf<T extends MessageType> = Extract<WireMessage, { type: T }>;
