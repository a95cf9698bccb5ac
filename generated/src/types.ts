// generated — do not edit; edit spec/ and run `npm run generate`

import type { AttachKind, AckMode, BinaryAckMode, CacheStatus, AckStatus, StartPosition, CursorErrorReason, EpochMismatchPolicy, DeadLetterReason, RetryClass } from './constants.js';
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

/** Joins (creating when it does not exist) a consumer group on a stream as one consumer. The broker answers group_joined and opens an event stream whose event_stream_hello carries the consumer_id; the group's records then arrive there in group_delivery_batch frames, at most max_in_flight unacknowledged at a time. Needs the right to subscribe to the stream. Group settings (max_deliveries, dead_letter_stream) are fixed by the join that creates the group; a later join that names a different value is refused with invalid_request. (JSON, client to server; control/cache stream) */

export interface GroupJoin {
  type: "group_join";
  /** Tenant owning the stream. */
  tenant_id: string;
  /** Namespace within the tenant. */
  namespace: string;
  /** Stream name within the namespace. */
  stream: string;
  /** The group's name, unique per stream. */
  group: string;
  /** An id the client proposes (from the same space as subscription ids); the broker may assign its own. */
  consumer_id?: JsonU64;
  /** Where a new group's cursor starts: "latest" (the default when absent), "earliest", or {"offset": n}. Ignored when the group exists: it goes on from its committed offset. */
  start?: StartPosition | { offset: JsonU64; };
  /** Most records delivered to this consumer and not yet acknowledged or nacked; absent means 256, 0 is refused. */
  max_in_flight?: number;
  /** How long a record delivered to this consumer waits for its ack before it is delivered again; absent means 30000, 0 is refused. */
  ack_wait_ms?: number;
  /** Group setting: deliveries of one record before it moves to the dead-letter stream; absent means 5 for a new group, 0 is refused. */
  max_deliveries?: number;
  /** Group setting: the stream (same tenant and namespace) that receives dead letters; absent means the stream's name followed by ".dead_letters". The broker creates it when missing, durable when the stream is. */
  dead_letter_stream?: string;
}

/** Confirms a group_join and carries the id the consumer's event stream will name. (JSON, server to client; control/cache stream) */

export interface GroupJoined {
  type: "group_joined";
  /** Broker-assigned consumer id, in the session's subscription id space. */
  consumer_id: JsonU64;
  /** The group's cursor: the lowest offset not yet acknowledged. */
  committed_offset: JsonU64;
  /** The offset the stream's next record gets; tail_offset - committed_offset bounds the group's lag. */
  tail_offset: JsonU64;
  /** True when this join created the group. */
  created: boolean;
  /** The stream's epoch, which the offsets count in. */
  epoch?: JsonU64;
}

/** Acknowledges records delivered to a consumer: they are done and never delivered again. Offsets the consumer does not hold (already acknowledged, or redelivered elsewhere after their ack wait) are ignored, so an ack is idempotent. With a request_id the broker answers group_acked once the acks are applied and, on a durable stream, stored as the stream's fsync mode promises. A durable group's journal (see the storage guide) is a segment log of group_join and group_ack frames. (JSON, client to server; control/cache stream) */

export interface GroupAck {
  type: "group_ack";
  /** The consumer the records were delivered to (group_joined.consumer_id). */
  consumer_id: JsonU64;
  /** Inclusive offset ranges as pairs: first, last, first, last, … Each first at most its last; an odd count is refused. */
  ranges: JsonU64[];
  /** Asks for group_acked carrying this id. */
  request_id?: JsonU64;
}

/** Gives records back: each is delivered again (to any consumer of the group) after delay_ms, or moved to the dead-letter stream when it has had its max_deliveries. Offsets the consumer does not hold are ignored. (JSON, client to server; control/cache stream) */

export interface GroupNack {
  type: "group_nack";
  /** The consumer the records were delivered to. */
  consumer_id: JsonU64;
  /** Inclusive offset ranges as pairs, as in group_ack. */
  ranges: JsonU64[];
  /** How long to hold the records back before delivering them again; absent means 0. */
  delay_ms?: number;
  /** Asks for group_acked carrying this id. */
  request_id?: JsonU64;
}

/** The group_ack or group_nack carrying this request_id is applied (and stored, for a durable stream). (JSON, server to client; control/cache stream) */

export interface GroupAcked {
  type: "group_acked";
  /** The request's id. */
  request_id: JsonU64;
}

/** Ends one consumer: the broker stops delivering to it, finishes its event stream and hands its unacknowledged records to the group's other consumers at once. Ending the session does the same for each of its consumers. The group and its cursor stay. (JSON, client to server; control/cache stream) */

export interface GroupLeave {
  type: "group_leave";
  /** The consumer to end. */
  consumer_id: JsonU64;
}

/** Never a frame on a stream of its own: each record of a dead-letter stream is one whole frame of this message (header included), so any Felix decoder reads it. A subscriber of the dead-letter stream gets it as an event payload. (JSON, server to client; event stream) */

export interface DeadLetter {
  type: "dead_letter";
  /** Tenant owning the stream. */
  tenant_id: string;
  /** Namespace within the tenant. */
  namespace: string;
  /** The stream the record was published to. */
  stream: string;
  /** The consumer group that gave up on it. */
  group: string;
  /** The record's offset in its stream. */
  offset: JsonU64;
  /** The stream's epoch that offset counts in. */
  epoch?: JsonU64;
  /** How many times the group delivered it. */
  delivery_count: number;
  /** Why it left the group. */
  reason: DeadLetterReason;
  /** The record's payload, unchanged. */
  payload: Uint8Array;
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

/** Records of a consumer group handed to one consumer: consecutive offsets from base_offset, each delivered for the delivery_count-th time. A first delivery and a redelivery never share a batch. The broker writes the payloads from the log's own bytes. (binary, flag GROUP_DELIVERY_BATCH) */

export interface GroupDeliveryBatch {
  type: "group_delivery_batch";
  /** Stream offset of the first payload; payload i is at base_offset + i. */
  base_offset: bigint;
  /** How many times these records have now been delivered (1 the first time). */
  delivery_count: number;
  /** The records' payloads, in offset order. */
  payloads: Payloads;
}

/** Reads the value stored under a key; the binary form of cache_get, for a session that negotiated BINARY_CACHE. Answered with binary_cache_value carrying the same request_id. (binary, flag BINARY_CACHE_GET) */

export interface BinaryCacheGet {
  type: "binary_cache_get";
  /** Echoed by the answer. First in the payload so a broker can read it even when the rest is malformed, and answer with an error the client can match. */
  request_id: bigint;
  /** Tenant owning the cache. */
  tenant_id: string;
  /** Namespace within the tenant. */
  namespace: string;
  /** Cache name within the namespace. */
  cache: string;
  /** The entry's key. */
  key: string;
}

/** Stores a value under a key, expiring after ttl_ms; the binary form of cache_put, for a session that negotiated BINARY_CACHE. Answered with binary_cache_ok carrying the same request_id. (binary, flag BINARY_CACHE_PUT) */

export interface BinaryCachePut {
  type: "binary_cache_put";
  /** Echoed by the answer. First in the payload so a broker can read it even when the rest is malformed, and answer with an error the client can match. */
  request_id: bigint;
  /** Tenant owning the cache. */
  tenant_id: string;
  /** Namespace within the tenant. */
  namespace: string;
  /** Cache name within the namespace. */
  cache: string;
  /** The entry's key. */
  key: string;
  /** Time to live in milliseconds. 18446744073709551615 (u64 max, 585 million years) keeps the entry until evicted, as JSON's null does: there is no other way to say "none", and no ttl that long could be told from none. */
  ttl_ms: bigint;
  /** The value to store, as raw bytes. */
  value: Uint8Array;
}

/** Removes a key; the binary form of cache_delete, for a session that negotiated BINARY_CACHE and CACHE_DELETE. Answered with binary_cache_value carrying the removed value, or none when the key was not there. (binary, flag BINARY_CACHE_DELETE) */

export interface BinaryCacheDelete {
  type: "binary_cache_delete";
  /** Echoed by the answer. First in the payload so a broker can read it even when the rest is malformed, and answer with an error the client can match. */
  request_id: bigint;
  /** Tenant owning the cache. */
  tenant_id: string;
  /** Namespace within the tenant. */
  namespace: string;
  /** Cache name within the namespace. */
  cache: string;
  /** The entry's key. */
  key: string;
}

/** The answer to a binary cache get or delete. It names only the request: the client knows which key it asked for. The status says whether it carries a value; a broker writes the value from the cache's own bytes. (binary, flag BINARY_CACHE_VALUE) */

export interface BinaryCacheValue {
  type: "binary_cache_value";
  /** The request's id. */
  request_id: bigint;
  /** Whether the key held a value. */
  status: CacheStatus;
  /** The stored value, as raw bytes; empty when status is missing. A decoder still reads a missing answer's value like any bytes field, and a receiver ignores it. */
  value: Uint8Array;
}

/** A binary cache put was stored. (binary, flag BINARY_CACHE_OK) */

export interface BinaryCacheOk {
  type: "binary_cache_ok";
  /** The request's id. */
  request_id: bigint;
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
  | ErrorMessage
  | GroupJoin
  | GroupJoined
  | GroupAck
  | GroupNack
  | GroupAcked
  | GroupLeave
  | DeadLetter;

export type BinaryMessage =
  | BinaryPublishBatch
  | BinaryEventBatch
  | BinarySharedEventBatch
  | BinaryPublishAck
  | GroupDeliveryBatch
  | BinaryCacheGet
  | BinaryCachePut
  | BinaryCacheDelete
  | BinaryCacheValue
  | BinaryCacheOk;

export type WireMessage = JsonMessage | BinaryMessage;
export type MessageType = WireMessage['type'];
export type MessageOf<T extends MessageType> = Extract<WireMessage, { type: T }>;
