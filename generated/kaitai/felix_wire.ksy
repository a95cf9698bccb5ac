# generated — do not edit; edit spec/ and run `npm run generate`
meta:
  id: felix_wire
  title: Felix wire protocol
  ks-version: "0.10"
  endian: be
doc: >-
  Felix carries pub/sub, cache and control traffic over any transport that offers reliable, ordered
  byte streams (TLS over TCP, WebTransport, QUIC). Every message on every stream is a frame: a fixed
  12-byte big-endian header followed by a payload whose layout the header's flags select. Flags 0
  means the payload is one JSON object with a "type" discriminator; each defined flag bit selects or
  modifies a binary layout.


  A frame is a 12-byte header and `length` payload bytes. Frames follow each other on a stream with
  nothing between them; a receiver reads the header, checks it, and only then reads (and buffers)
  the payload.
doc-ref: spec/protocol.yaml, spec/layouts.yaml
seq:
  - id: header
    type: header
    size: 12
    doc: Read as one 12-byte block, so a shorter input fails before any header check (short_header).
  - id: frame_end
    size: 0
    valid:
      expr: _io.size - _io.pos <= header.length
    -felix-error: trailing_bytes
    doc: "The input must hold exactly one frame: checked before the payload is parsed, so bytes after
      the frame are trailing_bytes (and fewer than `length` truncated, on reading the payload)
      whatever the payload holds."
  - id: payload
    size: header.length
    type:
      switch-on: header.flags
      cases:
        0x0: json_message
        0x1: binary_publish_batch(header.flags)
        0x2: binary_event_batch(header.flags)
        0x4: binary_shared_event_batch(header.flags)
        0x9: binary_publish_batch(header.flags)
        0x10: binary_publish_ack
        0x22: binary_event_batch(header.flags)
        0x24: binary_shared_event_batch(header.flags)
        0x200: binary_cache_ok
        0x400: binary_cache_value
        0x800: binary_cache_delete
        0x1000: binary_cache_put
        0x2000: binary_cache_get
        0x4000: group_delivery_batch
    doc: "The payload, parsed by the layout its flags select. header.flags only admits the listed
      values: a bit in 0x81c0 is unknown_flags, any other unlisted value invalid_flags."
types:
  header:
    doc: The fixed 12-byte frame header.
    seq:
      - id: magic
        type: u4
        valid: 0x464c5831
        -felix-error: bad_magic
        doc: The ASCII bytes "FLX1". Anything else is not a Felix frame.
      - id: version
        type: u2
        valid: 1
        -felix-error: unsupported_version
        doc: Wire version. Only version 1 exists; a receiver rejects any other.
      - id: flags
        type: u2
        valid:
          any-of:
            - 0x0
            - 0x1
            - 0x2
            - 0x4
            - 0x9
            - 0x10
            - 0x22
            - 0x24
            - 0x200
            - 0x400
            - 0x800
            - 0x1000
            - 0x2000
            - 0x4000
        -felix-error: invalid_flags
        doc: Selects the payload layout. 0 means a JSON message. Each set bit must be a defined flag, and
          the set bits must form one of the combinations listed under flags; anything else is
          rejected, never masked off, because the bits change how the payload parses.
      - id: length
        type: u4
        valid:
          max: 16777216
        -felix-error: frame_too_large
        doc: Payload length in bytes. A receiver refuses a length above its configured maximum
          (limits.max_frame_payload by default) as soon as it has read the header, before it buffers
          any of the payload.
  json_message:
    doc: 'Flags 0: the payload is one UTF-8 JSON object whose "type" names the message. It is kept raw;
      a harness decodes it and checks it against generated/schemas/<type>.schema.json.'
    seq:
      - id: text
        size-eos: true
        doc: The JSON text.
  binary_publish_batch:
    doc: >-
      The publish data path. Without BINARY_PUBLISH_ACKED nothing is acknowledged; with it the
      broker answers with a binary publish ack carrying the same request_id (or, to a peer that did
      not negotiate BINARY_PUBLISH_ACK, JSON publish_ok / publish_error).

      Selected by BINARY_PUBLISH_BATCH (0x1).
    params:
      - id: flags
        type: u2
        doc: The frame's flags; modifier bits (BINARY_PUBLISH_ACKED) add fields.
    seq:
      - id: request_id
        type: u8
        if: (flags & 0x8) != 0
        doc: Correlates the acknowledgement. First in the payload so a broker can read it even when the rest
          is malformed, and answer with an error the client can match. Present exactly when
          BINARY_PUBLISH_ACKED is set.
      - id: ack_mode
        type: u1
        if: (flags & 0x8) != 0
        enum: binary_ack_mode
        valid:
          any-of:
            - binary_ack_mode::per_message
            - binary_ack_mode::per_batch
        -felix-error: invalid_enum
        doc: How the batch is acknowledged. Present exactly when BINARY_PUBLISH_ACKED is set.
      - id: tenant_id
        type: str16_name(255)
        doc: Tenant owning the stream.
      - id: namespace
        type: str16_name(255)
        doc: Namespace within the tenant.
      - id: stream
        type: str16_name(255)
        doc: Stream name within the namespace.
      - id: payloads
        type: list32_bytes32(65536)
        doc: The message bodies, in order.
      - id: trailing
        size-eos: true
        valid:
          expr: _.length == 0
        -felix-error: trailing_bytes
        doc: "Must be empty: the last field ends exactly at the end of the payload."
  binary_event_batch:
    doc: |-
      Legacy per-subscriber event batch; names its subscription, so it cannot be shared.
      Selected by BINARY_EVENT_BATCH (0x2).
    params:
      - id: flags
        type: u2
        doc: The frame's flags; modifier bits (EVENT_BATCH_OFFSETS) add fields.
    seq:
      - id: subscription_id
        type: u8
        doc: The subscription the events belong to.
      - id: base_offset
        type: u8
        if: (flags & 0x20) != 0
        doc: Stream offset of the first payload; payload i is at base_offset + i. Present exactly when
          EVENT_BATCH_OFFSETS is set.
      - id: payloads
        type: list32_bytes32(65536)
        doc: The message bodies, in stream order.
      - id: trailing
        size-eos: true
        valid:
          expr: _.length == 0
        -felix-error: trailing_bytes
        doc: "Must be empty: the last field ends exactly at the end of the payload."
  binary_shared_event_batch:
    doc: >-
      Event batch shared by every subscriber of a stream: the broker encodes it once and writes the
      same bytes to each subscriber's event stream.

      Selected by BINARY_EVENT_BATCH_SHARED (0x4).
    params:
      - id: flags
        type: u2
        doc: The frame's flags; modifier bits (EVENT_BATCH_OFFSETS) add fields.
    seq:
      - id: base_offset
        type: u8
        if: (flags & 0x20) != 0
        doc: Stream offset of the first payload; payload i is at base_offset + i. Present exactly when
          EVENT_BATCH_OFFSETS is set.
      - id: payloads
        type: list32_bytes32(65536)
        doc: The message bodies, in stream order.
      - id: trailing
        size-eos: true
        valid:
          expr: _.length == 0
        -felix-error: trailing_bytes
        doc: "Must be empty: the last field ends exactly at the end of the payload."
  binary_publish_ack:
    doc: |-
      Acknowledges a binary acked publish batch.
      Selected by BINARY_PUBLISH_ACK (0x10).
    seq:
      - id: status
        type: u1
        enum: ack_status
        valid:
          any-of:
            - ack_status::ok
            - ack_status::error
        -felix-error: invalid_enum
        doc: Whether the batch was accepted.
      - id: request_id
        type: u8
        doc: The batch's request_id.
      - id: message
        type: str16(4096)
        doc: Why the batch was refused; empty when status is ok, as upstream defines it (its writer sends
          length 0 and its reader discards the message of an ok ack). A decoder here still reads an
          ok ack's message like any string (length, limit, UTF-8) and reports it, and a receiver
          ignores it; upstream's reader does not look at those bytes at all, so an ok ack with
          invalid UTF-8 there is refused here and accepted upstream.
      - id: trailing
        size-eos: true
        valid:
          expr: _.length == 0
        -felix-error: trailing_bytes
        doc: "Must be empty: the last field ends exactly at the end of the payload."
  group_delivery_batch:
    doc: >-
      Records of a consumer group handed to one consumer: consecutive offsets from base_offset, each
      delivered for the delivery_count-th time. A first delivery and a redelivery never share a
      batch. The broker writes the payloads from the log's own bytes.

      Selected by GROUP_DELIVERY_BATCH (0x4000).
    seq:
      - id: base_offset
        type: u8
        doc: Stream offset of the first payload; payload i is at base_offset + i.
      - id: delivery_count
        type: u4
        doc: How many times these records have now been delivered (1 the first time).
      - id: payloads
        type: list32_bytes32(65536)
        doc: The records' payloads, in offset order.
      - id: trailing
        size-eos: true
        valid:
          expr: _.length == 0
        -felix-error: trailing_bytes
        doc: "Must be empty: the last field ends exactly at the end of the payload."
  binary_cache_get:
    doc: >-
      Reads the value stored under a key; the binary form of cache_get, for a session that
      negotiated BINARY_CACHE. Answered with binary_cache_value carrying the same request_id.

      Selected by BINARY_CACHE_GET (0x2000).
    seq:
      - id: request_id
        type: u8
        doc: Echoed by the answer. First in the payload so a broker can read it even when the rest is
          malformed, and answer with an error the client can match.
      - id: tenant_id
        type: str16_name(255)
        doc: Tenant owning the cache.
      - id: namespace
        type: str16_name(255)
        doc: Namespace within the tenant.
      - id: cache
        type: str16_name(255)
        doc: Cache name within the namespace.
      - id: key
        type: str16(1024)
        doc: The entry's key.
      - id: trailing
        size-eos: true
        valid:
          expr: _.length == 0
        -felix-error: trailing_bytes
        doc: "Must be empty: the last field ends exactly at the end of the payload."
  binary_cache_put:
    doc: >-
      Stores a value under a key, expiring after ttl_ms; the binary form of cache_put, for a session
      that negotiated BINARY_CACHE. Answered with binary_cache_ok carrying the same request_id.

      Selected by BINARY_CACHE_PUT (0x1000).
    seq:
      - id: request_id
        type: u8
        doc: Echoed by the answer. First in the payload so a broker can read it even when the rest is
          malformed, and answer with an error the client can match.
      - id: tenant_id
        type: str16_name(255)
        doc: Tenant owning the cache.
      - id: namespace
        type: str16_name(255)
        doc: Namespace within the tenant.
      - id: cache
        type: str16_name(255)
        doc: Cache name within the namespace.
      - id: key
        type: str16(1024)
        doc: The entry's key.
      - id: ttl_ms
        type: u8
        doc: "Time to live in milliseconds. 18446744073709551615 (u64 max, 585 million years) keeps the
          entry until evicted, as JSON's null does: there is no other way to say \"none\", and no
          ttl that long could be told from none."
      - id: value
        type: bytes32
        doc: The value to store, as raw bytes.
      - id: trailing
        size-eos: true
        valid:
          expr: _.length == 0
        -felix-error: trailing_bytes
        doc: "Must be empty: the last field ends exactly at the end of the payload."
  binary_cache_delete:
    doc: >-
      Removes a key; the binary form of cache_delete, for a session that negotiated BINARY_CACHE and
      CACHE_DELETE. Answered with binary_cache_value carrying the removed value, or none when the
      key was not there.

      Selected by BINARY_CACHE_DELETE (0x800).
    seq:
      - id: request_id
        type: u8
        doc: Echoed by the answer. First in the payload so a broker can read it even when the rest is
          malformed, and answer with an error the client can match.
      - id: tenant_id
        type: str16_name(255)
        doc: Tenant owning the cache.
      - id: namespace
        type: str16_name(255)
        doc: Namespace within the tenant.
      - id: cache
        type: str16_name(255)
        doc: Cache name within the namespace.
      - id: key
        type: str16(1024)
        doc: The entry's key.
      - id: trailing
        size-eos: true
        valid:
          expr: _.length == 0
        -felix-error: trailing_bytes
        doc: "Must be empty: the last field ends exactly at the end of the payload."
  binary_cache_value:
    doc: >-
      The answer to a binary cache get or delete. It names only the request: the client knows which
      key it asked for. The status says whether it carries a value; a broker writes the value from
      the cache's own bytes.

      Selected by BINARY_CACHE_VALUE (0x400).
    seq:
      - id: request_id
        type: u8
        doc: The request's id.
      - id: status
        type: u1
        enum: cache_status
        valid:
          any-of:
            - cache_status::missing
            - cache_status::found
        -felix-error: invalid_enum
        doc: Whether the key held a value.
      - id: value
        type: bytes32
        doc: The stored value, as raw bytes; empty when status is missing. A decoder still reads a missing
          answer's value like any bytes field, and a receiver ignores it.
      - id: trailing
        size-eos: true
        valid:
          expr: _.length == 0
        -felix-error: trailing_bytes
        doc: "Must be empty: the last field ends exactly at the end of the payload."
  binary_cache_ok:
    doc: |-
      A binary cache put was stored.
      Selected by BINARY_CACHE_OK (0x200).
    seq:
      - id: request_id
        type: u8
        doc: The request's id.
      - id: trailing
        size-eos: true
        valid:
          expr: _.length == 0
        -felix-error: trailing_bytes
        doc: "Must be empty: the last field ends exactly at the end of the payload."
  str16:
    doc: A u16 byte length and that many bytes of UTF-8 text.
    params:
      - id: max_len
        type: u2
        doc: The field's limit in UTF-8 bytes (spec limits).
    seq:
      - id: len
        type: u2
        valid:
          max: max_len
        -felix-error: string_too_long
      - id: data
        size: len
        type: utf8_text
        doc: The text; its raw bytes are data.raw.
    instances:
      value:
        value: data.value
  utf8_text:
    doc: "Well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or code points above U+10FFFF),
      checked one code point at a time; anything else is invalid_utf8."
    seq:
      - id: code_points
        type: utf8_code_point
        repeat: eos
    instances:
      raw:
        pos: 0
        size: _io.size
        doc: The bytes as sent.
      value:
        value: raw.to_s("UTF-8")
  utf8_code_point:
    doc: "One UTF-8 encoded code point: a lead byte and the continuation bytes it announces."
    seq:
      - id: lead
        type: u1
        valid:
          expr: _ <= 0x7f or (_ >= 0xc2 and _ <= 0xf4)
        -felix-error: invalid_utf8
      - id: complete
        size: 0
        valid:
          expr: "_io.size - _io.pos >= (lead >= 0xf0 ? 3 : (lead >= 0xe0 ? 2 : (lead >= 0xc2 ? 1 : 0)))"
        -felix-error: invalid_utf8
        doc: The text does not end inside the code point.
      - id: second
        type: u1
        if: lead >= 0xc2
        valid:
          expr: "_ >= (lead == 0xe0 ? 0xa0 : (lead == 0xf0 ? 0x90 : 0x80)) and _ <= (lead == 0xed ? 0x9f :
            (lead == 0xf4 ? 0x8f : 0xbf))"
        -felix-error: invalid_utf8
        doc: Its range after E0, F0 (no overlong forms), ED (no surrogates) and F4 (nothing above U+10FFFF)
          is narrower.
      - id: third
        type: u1
        if: lead >= 0xe0
        valid:
          min: 0x80
          max: 0xbf
        -felix-error: invalid_utf8
      - id: fourth
        type: u1
        if: lead >= 0xf0
        valid:
          min: 0x80
          max: 0xbf
        -felix-error: invalid_utf8
  bytes32:
    doc: A u32 byte length and that many opaque bytes.
    seq:
      - id: len
        type: u4
      - id: data
        size: len
  str16_name:
    doc: "A str16 whose text follows format name: Tenant ids, namespaces, stream names and cache names.
      A name is UTF-8 text of at most name_max_bytes bytes that contains no forbidden code point and
      at least one code point outside not_only: \"\", \".\", \"..\" and \"a/b\" are refused, \".a\",
      \"a..b\" and \"Grüße 東京\" are names. Names are compared exactly, without case folding or
      normalisation. A decoder checks the format after the field's length and UTF-8 checks and
      refuses a name that breaks it with invalid_name; a broker applies the same rule to the names
      in its configuration file and admin API, so nothing it registers can be one a client could not
      send."
    params:
      - id: max_len
        type: u2
        doc: The field's limit in UTF-8 bytes (spec limits).
    seq:
      - id: len
        type: u2
        valid:
          max: max_len
        -felix-error: string_too_long
      - id: data
        size: len
        type: name_text
        doc: The text; its raw bytes are data.raw.
    instances:
      value:
        value: data.value
  name_text:
    doc: UTF-8 text (checked as utf8_text is), then checked against format name.
    seq:
      - id: code_points
        type: utf8_code_point
        repeat: eos
      - id: format_ok
        size: 0
        valid:
          expr: format_code_points.size >= 0 and _io.size > 0 and up_to_other.last.other
        -felix-error: invalid_name
        doc: No forbidden code point, and at least one outside not_only (so never empty).
    instances:
      raw:
        pos: 0
        size: _io.size
        doc: The bytes as sent.
      value:
        value: raw.to_s("UTF-8")
      format_code_points:
        pos: 0
        type: name_code_point
        repeat: eos
      up_to_other:
        pos: 0
        type: name_code_point
        repeat: until
        repeat-until: _.other or _io.eof
        doc: The code points up to the first outside not_only, or all of them.
  name_code_point:
    doc: One code point of text already checked as UTF-8, checked against format name.
    seq:
      - id: lead
        type: u1
      - id: tail
        size: "lead >= 0xf0 ? 3 : (lead >= 0xe0 ? 2 : (lead >= 0xc0 ? 1 : 0))"
      - id: allowed
        size: 0
        valid:
          expr: not ((value >= 0x0 and value <= 0x1f) or (value == 0x2f) or (value >= 0x7f and value <= 0x9f))
        -felix-error: invalid_name
        doc: Not a C0 control character (NUL, tab and newline among them). Not "/", which logs, URLs and
          file paths read as a separator. Not DEL or a C1 control character.
    instances:
      value:
        value: "lead < 0x80 ? lead : (lead < 0xe0 ? ((lead & 0x1f) << 6) | (tail[0] & 0x3f) : (lead < 0xf0 ?
          ((lead & 0x0f) << 12) | ((tail[0] & 0x3f) << 6) | (tail[1] & 0x3f) : ((lead & 0x07) << 18)
          | ((tail[0] & 0x3f) << 12) | ((tail[1] & 0x3f) << 6) | (tail[2] & 0x3f)))"
      other:
        value: not ((value == 0x2e))
        doc: Outside not_only.
  list32_bytes32:
    doc: A u32 item count and that many bytes32 items.
    params:
      - id: max_count
        type: u4
        doc: Most items allowed (spec limits).
    seq:
      - id: count
        type: u4
        valid:
          max: max_count
        -felix-error: too_many_items
      - id: items
        type: bytes32
        repeat: expr
        repeat-expr: count
enums:
  binary_ack_mode:
    1:
      id: per_message
      doc: One acknowledgement per payload.
    2:
      id: per_batch
      doc: One acknowledgement for the batch.
  cache_status:
    0:
      id: missing
      doc: The key held no value, or its entry had expired (JSON's value null); the value field is empty.
    1:
      id: found
      doc: The key held a value, which follows (an empty value is a value).
  ack_status:
    0:
      id: ok
      doc: The batch was accepted.
    1:
      id: error
      doc: The batch was refused; message says why.
