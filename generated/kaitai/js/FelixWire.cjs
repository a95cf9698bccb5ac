// generated — do not edit; edit spec/ and run `npm run generate`
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

(function (root, factory) {
  if (typeof define === 'function' && define.amd) {
    define(['kaitai-struct/KaitaiStream'], factory);
  } else if (typeof module === 'object' && module.exports) {
    module.exports = factory(require('kaitai-struct/KaitaiStream'));
  } else {
    root.FelixWire = factory(root.KaitaiStream);
  }
}(typeof self !== 'undefined' ? self : this, function (KaitaiStream) {
/**
 * Felix carries pub/sub, cache and control traffic over any transport that offers reliable, ordered byte streams (TLS over TCP, WebTransport, QUIC). Every message on every stream is a frame: a fixed 12-byte big-endian header followed by a payload whose layout the header's flags select. Flags 0 means the payload is one JSON object with a "type" discriminator; each defined flag bit selects or modifies a binary layout.
 * 
 * A frame is a 12-byte header and `length` payload bytes. Frames follow each other on a stream with nothing between them; a receiver reads the header, checks it, and only then reads (and buffers) the payload.
 * @see spec/protocol.yaml, spec/layouts.yaml
 */

var FelixWire = (function() {
  FelixWire.BinaryAckMode = Object.freeze({
    PER_MESSAGE: 1,
    PER_BATCH: 2,

    1: "PER_MESSAGE",
    2: "PER_BATCH",
  });

  FelixWire.CacheStatus = Object.freeze({
    MISSING: 0,
    FOUND: 1,

    0: "MISSING",
    1: "FOUND",
  });

  FelixWire.AckStatus = Object.freeze({
    OK: 0,
    ERROR: 1,

    0: "OK",
    1: "ERROR",
  });

  function FelixWire(_io, _parent, _root) {
    this._io = _io;
    this._parent = _parent;
    this._root = _root || this;

    this._read();
  }
  FelixWire.prototype._read = function() {
    this._raw_header = this._io.readBytes(12);
    var _io__raw_header = new KaitaiStream(this._raw_header);
    this.header = new Header(_io__raw_header, this, this._root);
    this.frameEnd = this._io.readBytes(0);
    var _ = this.frameEnd;
    if (!((this._io.size - this._io.pos) <= this.header.length)) {
      throw new KaitaiStream.ValidationExprError(this.frameEnd, this._io, "/seq/1");
    }
    switch (this.header.flags) {
    case 2048:
      this._raw_payload = this._io.readBytes(this.header.length);
      var _io__raw_payload = new KaitaiStream(this._raw_payload);
      this.payload = new BinaryCacheDelete(_io__raw_payload, this, this._root);
      break;
    case 0:
      this._raw_payload = this._io.readBytes(this.header.length);
      var _io__raw_payload = new KaitaiStream(this._raw_payload);
      this.payload = new JsonMessage(_io__raw_payload, this, this._root);
      break;
    case 4:
      this._raw_payload = this._io.readBytes(this.header.length);
      var _io__raw_payload = new KaitaiStream(this._raw_payload);
      this.payload = new BinarySharedEventBatch(_io__raw_payload, this, this._root, this.header.flags);
      break;
    case 4096:
      this._raw_payload = this._io.readBytes(this.header.length);
      var _io__raw_payload = new KaitaiStream(this._raw_payload);
      this.payload = new BinaryCachePut(_io__raw_payload, this, this._root);
      break;
    case 1:
      this._raw_payload = this._io.readBytes(this.header.length);
      var _io__raw_payload = new KaitaiStream(this._raw_payload);
      this.payload = new BinaryPublishBatch(_io__raw_payload, this, this._root, this.header.flags);
      break;
    case 8192:
      this._raw_payload = this._io.readBytes(this.header.length);
      var _io__raw_payload = new KaitaiStream(this._raw_payload);
      this.payload = new BinaryCacheGet(_io__raw_payload, this, this._root);
      break;
    case 512:
      this._raw_payload = this._io.readBytes(this.header.length);
      var _io__raw_payload = new KaitaiStream(this._raw_payload);
      this.payload = new BinaryCacheOk(_io__raw_payload, this, this._root);
      break;
    case 1024:
      this._raw_payload = this._io.readBytes(this.header.length);
      var _io__raw_payload = new KaitaiStream(this._raw_payload);
      this.payload = new BinaryCacheValue(_io__raw_payload, this, this._root);
      break;
    case 16384:
      this._raw_payload = this._io.readBytes(this.header.length);
      var _io__raw_payload = new KaitaiStream(this._raw_payload);
      this.payload = new GroupDeliveryBatch(_io__raw_payload, this, this._root);
      break;
    case 9:
      this._raw_payload = this._io.readBytes(this.header.length);
      var _io__raw_payload = new KaitaiStream(this._raw_payload);
      this.payload = new BinaryPublishBatch(_io__raw_payload, this, this._root, this.header.flags);
      break;
    case 36:
      this._raw_payload = this._io.readBytes(this.header.length);
      var _io__raw_payload = new KaitaiStream(this._raw_payload);
      this.payload = new BinarySharedEventBatch(_io__raw_payload, this, this._root, this.header.flags);
      break;
    case 16:
      this._raw_payload = this._io.readBytes(this.header.length);
      var _io__raw_payload = new KaitaiStream(this._raw_payload);
      this.payload = new BinaryPublishAck(_io__raw_payload, this, this._root);
      break;
    case 2:
      this._raw_payload = this._io.readBytes(this.header.length);
      var _io__raw_payload = new KaitaiStream(this._raw_payload);
      this.payload = new BinaryEventBatch(_io__raw_payload, this, this._root, this.header.flags);
      break;
    case 34:
      this._raw_payload = this._io.readBytes(this.header.length);
      var _io__raw_payload = new KaitaiStream(this._raw_payload);
      this.payload = new BinaryEventBatch(_io__raw_payload, this, this._root, this.header.flags);
      break;
    default:
      this.payload = this._io.readBytes(this.header.length);
      break;
    }
  }

  /**
   * A u32 item count and that many bytes32 items.
   */

  var List32Bytes32 = FelixWire.List32Bytes32 = (function() {
    function List32Bytes32(_io, _parent, _root, maxCount) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;
      this.maxCount = maxCount;

      this._read();
    }
    List32Bytes32.prototype._read = function() {
      this.count = this._io.readU4be();
      if (!(this.count <= this.maxCount)) {
        throw new KaitaiStream.ValidationGreaterThanError(this.maxCount, this.count, this._io, "/types/list32_bytes32/seq/0");
      }
      this.items = [];
      for (var i = 0; i < this.count; i++) {
        this.items.push(new Bytes32(this._io, this, this._root));
      }
    }

    /**
     * Most items allowed (spec limits).
     */

    return List32Bytes32;
  })();

  /**
   * Stores a value under a key, expiring after ttl_ms; the binary form of cache_put, for a session that negotiated BINARY_CACHE. Answered with binary_cache_ok carrying the same request_id.
   * Selected by BINARY_CACHE_PUT (0x1000).
   */

  var BinaryCachePut = FelixWire.BinaryCachePut = (function() {
    function BinaryCachePut(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;

      this._read();
    }
    BinaryCachePut.prototype._read = function() {
      this.requestId = this._io.readU8be();
      this.tenantId = new Str16Name(this._io, this, this._root, 255);
      this.namespace = new Str16Name(this._io, this, this._root, 255);
      this.cache = new Str16Name(this._io, this, this._root, 255);
      this.key = new Str16(this._io, this, this._root, 1024);
      this.ttlMs = this._io.readU8be();
      this.value = new Bytes32(this._io, this, this._root);
      this.trailing = this._io.readBytesFull();
      var _ = this.trailing;
      if (!(_.length == 0)) {
        throw new KaitaiStream.ValidationExprError(this.trailing, this._io, "/types/binary_cache_put/seq/7");
      }
    }

    /**
     * Echoed by the answer. First in the payload so a broker can read it even when the rest is malformed, and answer with an error the client can match.
     */

    /**
     * Tenant owning the cache.
     */

    /**
     * Namespace within the tenant.
     */

    /**
     * Cache name within the namespace.
     */

    /**
     * The entry's key.
     */

    /**
     * Time to live in milliseconds. 18446744073709551615 (u64 max, 585 million years) keeps the entry until evicted, as JSON's null does: there is no other way to say "none", and no ttl that long could be told from none.
     */

    /**
     * The value to store, as raw bytes.
     */

    /**
     * Must be empty: the last field ends exactly at the end of the payload.
     */

    return BinaryCachePut;
  })();

  /**
   * A binary cache put was stored.
   * Selected by BINARY_CACHE_OK (0x200).
   */

  var BinaryCacheOk = FelixWire.BinaryCacheOk = (function() {
    function BinaryCacheOk(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;

      this._read();
    }
    BinaryCacheOk.prototype._read = function() {
      this.requestId = this._io.readU8be();
      this.trailing = this._io.readBytesFull();
      var _ = this.trailing;
      if (!(_.length == 0)) {
        throw new KaitaiStream.ValidationExprError(this.trailing, this._io, "/types/binary_cache_ok/seq/1");
      }
    }

    /**
     * The request's id.
     */

    /**
     * Must be empty: the last field ends exactly at the end of the payload.
     */

    return BinaryCacheOk;
  })();

  /**
   * A u32 byte length and that many opaque bytes.
   */

  var Bytes32 = FelixWire.Bytes32 = (function() {
    function Bytes32(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;

      this._read();
    }
    Bytes32.prototype._read = function() {
      this.len = this._io.readU4be();
      this.data = this._io.readBytes(this.len);
    }

    return Bytes32;
  })();

  /**
   * Well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or code points above U+10FFFF), checked one code point at a time; anything else is invalid_utf8.
   */

  var Utf8Text = FelixWire.Utf8Text = (function() {
    function Utf8Text(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;

      this._read();
    }
    Utf8Text.prototype._read = function() {
      this.codePoints = [];
      var i = 0;
      while (!this._io.isEof()) {
        this.codePoints.push(new Utf8CodePoint(this._io, this, this._root));
        i++;
      }
    }

    /**
     * The bytes as sent.
     */
    Object.defineProperty(Utf8Text.prototype, 'raw', {
      get: function() {
        if (this._m_raw !== undefined)
          return this._m_raw;
        var _pos = this._io.pos;
        this._io.seek(0);
        this._m_raw = this._io.readBytes(this._io.size);
        this._io.seek(_pos);
        return this._m_raw;
      }
    });
    Object.defineProperty(Utf8Text.prototype, 'value', {
      get: function() {
        if (this._m_value !== undefined)
          return this._m_value;
        this._m_value = KaitaiStream.bytesToStr(this.raw, "UTF-8");
        return this._m_value;
      }
    });

    return Utf8Text;
  })();

  /**
   * A u16 byte length and that many bytes of UTF-8 text.
   */

  var Str16 = FelixWire.Str16 = (function() {
    function Str16(_io, _parent, _root, maxLen) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;
      this.maxLen = maxLen;

      this._read();
    }
    Str16.prototype._read = function() {
      this.len = this._io.readU2be();
      if (!(this.len <= this.maxLen)) {
        throw new KaitaiStream.ValidationGreaterThanError(this.maxLen, this.len, this._io, "/types/str16/seq/0");
      }
      this._raw_data = this._io.readBytes(this.len);
      var _io__raw_data = new KaitaiStream(this._raw_data);
      this.data = new Utf8Text(_io__raw_data, this, this._root);
    }
    Object.defineProperty(Str16.prototype, 'value', {
      get: function() {
        if (this._m_value !== undefined)
          return this._m_value;
        this._m_value = this.data.value;
        return this._m_value;
      }
    });

    /**
     * The text; its raw bytes are data.raw.
     */

    /**
     * The field's limit in UTF-8 bytes (spec limits).
     */

    return Str16;
  })();

  /**
   * One code point of text already checked as UTF-8, checked against format name.
   */

  var NameCodePoint = FelixWire.NameCodePoint = (function() {
    function NameCodePoint(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;

      this._read();
    }
    NameCodePoint.prototype._read = function() {
      this.lead = this._io.readU1();
      this.tail = this._io.readBytes((this.lead >= 240 ? 3 : (this.lead >= 224 ? 2 : (this.lead >= 192 ? 1 : 0))));
      this.allowed = this._io.readBytes(0);
      var _ = this.allowed;
      if (!(!( (( ((this.value >= 0) && (this.value <= 31)) ) || (this.value == 47) || ( ((this.value >= 127) && (this.value <= 159)) )) ))) {
        throw new KaitaiStream.ValidationExprError(this.allowed, this._io, "/types/name_code_point/seq/2");
      }
    }
    Object.defineProperty(NameCodePoint.prototype, 'value', {
      get: function() {
        if (this._m_value !== undefined)
          return this._m_value;
        this._m_value = (this.lead < 128 ? this.lead : (this.lead < 224 ? (((this.lead & 31) << 6) | (this.tail[0] & 63)) : (this.lead < 240 ? ((((this.lead & 15) << 12) | ((this.tail[0] & 63) << 6)) | (this.tail[1] & 63)) : (((((this.lead & 7) << 18) | ((this.tail[0] & 63) << 12)) | ((this.tail[1] & 63) << 6)) | (this.tail[2] & 63)))));
        return this._m_value;
      }
    });

    /**
     * Outside not_only.
     */
    Object.defineProperty(NameCodePoint.prototype, 'other', {
      get: function() {
        if (this._m_other !== undefined)
          return this._m_other;
        this._m_other = !(this.value == 46);
        return this._m_other;
      }
    });

    /**
     * Not a C0 control character (NUL, tab and newline among them). Not "/", which logs, URLs and file paths read as a separator. Not DEL or a C1 control character.
     */

    return NameCodePoint;
  })();

  /**
   * UTF-8 text (checked as utf8_text is), then checked against format name.
   */

  var NameText = FelixWire.NameText = (function() {
    function NameText(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;

      this._read();
    }
    NameText.prototype._read = function() {
      this.codePoints = [];
      var i = 0;
      while (!this._io.isEof()) {
        this.codePoints.push(new Utf8CodePoint(this._io, this, this._root));
        i++;
      }
      this.formatOk = this._io.readBytes(0);
      var _ = this.formatOk;
      if (!( ((this.formatCodePoints.length >= 0) && (this._io.size > 0) && (this.upToOther[this.upToOther.length - 1].other)) )) {
        throw new KaitaiStream.ValidationExprError(this.formatOk, this._io, "/types/name_text/seq/1");
      }
    }

    /**
     * The bytes as sent.
     */
    Object.defineProperty(NameText.prototype, 'raw', {
      get: function() {
        if (this._m_raw !== undefined)
          return this._m_raw;
        var _pos = this._io.pos;
        this._io.seek(0);
        this._m_raw = this._io.readBytes(this._io.size);
        this._io.seek(_pos);
        return this._m_raw;
      }
    });
    Object.defineProperty(NameText.prototype, 'value', {
      get: function() {
        if (this._m_value !== undefined)
          return this._m_value;
        this._m_value = KaitaiStream.bytesToStr(this.raw, "UTF-8");
        return this._m_value;
      }
    });
    Object.defineProperty(NameText.prototype, 'formatCodePoints', {
      get: function() {
        if (this._m_formatCodePoints !== undefined)
          return this._m_formatCodePoints;
        var _pos = this._io.pos;
        this._io.seek(0);
        this._m_formatCodePoints = [];
        var i = 0;
        while (!this._io.isEof()) {
          this._m_formatCodePoints.push(new NameCodePoint(this._io, this, this._root));
          i++;
        }
        this._io.seek(_pos);
        return this._m_formatCodePoints;
      }
    });

    /**
     * The code points up to the first outside not_only, or all of them.
     */
    Object.defineProperty(NameText.prototype, 'upToOther', {
      get: function() {
        if (this._m_upToOther !== undefined)
          return this._m_upToOther;
        var _pos = this._io.pos;
        this._io.seek(0);
        this._m_upToOther = [];
        var i = 0;
        do {
          var _ = new NameCodePoint(this._io, this, this._root);
          this._m_upToOther.push(_);
          i++;
        } while (!( ((_.other) || (this._io.isEof())) ));
        this._io.seek(_pos);
        return this._m_upToOther;
      }
    });

    /**
     * No forbidden code point, and at least one outside not_only (so never empty).
     */

    return NameText;
  })();

  /**
   * Records of a consumer group handed to one consumer: consecutive offsets from base_offset, each delivered for the delivery_count-th time. A first delivery and a redelivery never share a batch. The broker writes the payloads from the log's own bytes.
   * Selected by GROUP_DELIVERY_BATCH (0x4000).
   */

  var GroupDeliveryBatch = FelixWire.GroupDeliveryBatch = (function() {
    function GroupDeliveryBatch(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;

      this._read();
    }
    GroupDeliveryBatch.prototype._read = function() {
      this.baseOffset = this._io.readU8be();
      this.deliveryCount = this._io.readU4be();
      this.payloads = new List32Bytes32(this._io, this, this._root, 65536);
      this.trailing = this._io.readBytesFull();
      var _ = this.trailing;
      if (!(_.length == 0)) {
        throw new KaitaiStream.ValidationExprError(this.trailing, this._io, "/types/group_delivery_batch/seq/3");
      }
    }

    /**
     * Stream offset of the first payload; payload i is at base_offset + i.
     */

    /**
     * How many times these records have now been delivered (1 the first time).
     */

    /**
     * The records' payloads, in offset order.
     */

    /**
     * Must be empty: the last field ends exactly at the end of the payload.
     */

    return GroupDeliveryBatch;
  })();

  /**
   * The answer to a binary cache get or delete. It names only the request: the client knows which key it asked for. The status says whether it carries a value; a broker writes the value from the cache's own bytes.
   * Selected by BINARY_CACHE_VALUE (0x400).
   */

  var BinaryCacheValue = FelixWire.BinaryCacheValue = (function() {
    function BinaryCacheValue(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;

      this._read();
    }
    BinaryCacheValue.prototype._read = function() {
      this.requestId = this._io.readU8be();
      this.status = this._io.readU1();
      if (!( ((this.status == FelixWire.CacheStatus.MISSING) || (this.status == FelixWire.CacheStatus.FOUND)) )) {
        throw new KaitaiStream.ValidationNotAnyOfError(this.status, this._io, "/types/binary_cache_value/seq/1");
      }
      this.value = new Bytes32(this._io, this, this._root);
      this.trailing = this._io.readBytesFull();
      var _ = this.trailing;
      if (!(_.length == 0)) {
        throw new KaitaiStream.ValidationExprError(this.trailing, this._io, "/types/binary_cache_value/seq/3");
      }
    }

    /**
     * The request's id.
     */

    /**
     * Whether the key held a value.
     */

    /**
     * The stored value, as raw bytes; empty when status is missing. A decoder still reads a missing answer's value like any bytes field, and a receiver ignores it.
     */

    /**
     * Must be empty: the last field ends exactly at the end of the payload.
     */

    return BinaryCacheValue;
  })();

  /**
   * A str16 whose text follows format name: Tenant ids, namespaces, stream names and cache names. A name is UTF-8 text of at most name_max_bytes bytes that contains no forbidden code point and at least one code point outside not_only: "", ".", ".." and "a/b" are refused, ".a", "a..b" and "Grüße 東京" are names. Names are compared exactly, without case folding or normalisation. A decoder checks the format after the field's length and UTF-8 checks and refuses a name that breaks it with invalid_name; a broker applies the same rule to the names in its configuration file and admin API, so nothing it registers can be one a client could not send.
   */

  var Str16Name = FelixWire.Str16Name = (function() {
    function Str16Name(_io, _parent, _root, maxLen) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;
      this.maxLen = maxLen;

      this._read();
    }
    Str16Name.prototype._read = function() {
      this.len = this._io.readU2be();
      if (!(this.len <= this.maxLen)) {
        throw new KaitaiStream.ValidationGreaterThanError(this.maxLen, this.len, this._io, "/types/str16_name/seq/0");
      }
      this._raw_data = this._io.readBytes(this.len);
      var _io__raw_data = new KaitaiStream(this._raw_data);
      this.data = new NameText(_io__raw_data, this, this._root);
    }
    Object.defineProperty(Str16Name.prototype, 'value', {
      get: function() {
        if (this._m_value !== undefined)
          return this._m_value;
        this._m_value = this.data.value;
        return this._m_value;
      }
    });

    /**
     * The text; its raw bytes are data.raw.
     */

    /**
     * The field's limit in UTF-8 bytes (spec limits).
     */

    return Str16Name;
  })();

  /**
   * Reads the value stored under a key; the binary form of cache_get, for a session that negotiated BINARY_CACHE. Answered with binary_cache_value carrying the same request_id.
   * Selected by BINARY_CACHE_GET (0x2000).
   */

  var BinaryCacheGet = FelixWire.BinaryCacheGet = (function() {
    function BinaryCacheGet(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;

      this._read();
    }
    BinaryCacheGet.prototype._read = function() {
      this.requestId = this._io.readU8be();
      this.tenantId = new Str16Name(this._io, this, this._root, 255);
      this.namespace = new Str16Name(this._io, this, this._root, 255);
      this.cache = new Str16Name(this._io, this, this._root, 255);
      this.key = new Str16(this._io, this, this._root, 1024);
      this.trailing = this._io.readBytesFull();
      var _ = this.trailing;
      if (!(_.length == 0)) {
        throw new KaitaiStream.ValidationExprError(this.trailing, this._io, "/types/binary_cache_get/seq/5");
      }
    }

    /**
     * Echoed by the answer. First in the payload so a broker can read it even when the rest is malformed, and answer with an error the client can match.
     */

    /**
     * Tenant owning the cache.
     */

    /**
     * Namespace within the tenant.
     */

    /**
     * Cache name within the namespace.
     */

    /**
     * The entry's key.
     */

    /**
     * Must be empty: the last field ends exactly at the end of the payload.
     */

    return BinaryCacheGet;
  })();

  /**
   * Legacy per-subscriber event batch; names its subscription, so it cannot be shared.
   * Selected by BINARY_EVENT_BATCH (0x2).
   */

  var BinaryEventBatch = FelixWire.BinaryEventBatch = (function() {
    function BinaryEventBatch(_io, _parent, _root, flags) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;
      this.flags = flags;

      this._read();
    }
    BinaryEventBatch.prototype._read = function() {
      this.subscriptionId = this._io.readU8be();
      if ((this.flags & 32) != 0) {
        this.baseOffset = this._io.readU8be();
      }
      this.payloads = new List32Bytes32(this._io, this, this._root, 65536);
      this.trailing = this._io.readBytesFull();
      var _ = this.trailing;
      if (!(_.length == 0)) {
        throw new KaitaiStream.ValidationExprError(this.trailing, this._io, "/types/binary_event_batch/seq/3");
      }
    }

    /**
     * The subscription the events belong to.
     */

    /**
     * Stream offset of the first payload; payload i is at base_offset + i. Present exactly when EVENT_BATCH_OFFSETS is set.
     */

    /**
     * The message bodies, in stream order.
     */

    /**
     * Must be empty: the last field ends exactly at the end of the payload.
     */

    /**
     * The frame's flags; modifier bits (EVENT_BATCH_OFFSETS) add fields.
     */

    return BinaryEventBatch;
  })();

  /**
   * The fixed 12-byte frame header.
   */

  var Header = FelixWire.Header = (function() {
    function Header(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;

      this._read();
    }
    Header.prototype._read = function() {
      this.magic = this._io.readU4be();
      if (!(this.magic == 1179408433)) {
        throw new KaitaiStream.ValidationNotEqualError(1179408433, this.magic, this._io, "/types/header/seq/0");
      }
      this.version = this._io.readU2be();
      if (!(this.version == 1)) {
        throw new KaitaiStream.ValidationNotEqualError(1, this.version, this._io, "/types/header/seq/1");
      }
      this.flags = this._io.readU2be();
      if (!( ((this.flags == 0) || (this.flags == 1) || (this.flags == 2) || (this.flags == 4) || (this.flags == 9) || (this.flags == 16) || (this.flags == 34) || (this.flags == 36) || (this.flags == 512) || (this.flags == 1024) || (this.flags == 2048) || (this.flags == 4096) || (this.flags == 8192) || (this.flags == 16384)) )) {
        throw new KaitaiStream.ValidationNotAnyOfError(this.flags, this._io, "/types/header/seq/2");
      }
      this.length = this._io.readU4be();
      if (!(this.length <= 16777216)) {
        throw new KaitaiStream.ValidationGreaterThanError(16777216, this.length, this._io, "/types/header/seq/3");
      }
    }

    /**
     * The ASCII bytes "FLX1". Anything else is not a Felix frame.
     */

    /**
     * Wire version. Only version 1 exists; a receiver rejects any other.
     */

    /**
     * Selects the payload layout. 0 means a JSON message. Each set bit must be a defined flag, and the set bits must form one of the combinations listed under flags; anything else is rejected, never masked off, because the bits change how the payload parses.
     */

    /**
     * Payload length in bytes. A receiver refuses a length above its configured maximum (limits.max_frame_payload by default) as soon as it has read the header, before it buffers any of the payload.
     */

    return Header;
  })();

  /**
   * Removes a key; the binary form of cache_delete, for a session that negotiated BINARY_CACHE and CACHE_DELETE. Answered with binary_cache_value carrying the removed value, or none when the key was not there.
   * Selected by BINARY_CACHE_DELETE (0x800).
   */

  var BinaryCacheDelete = FelixWire.BinaryCacheDelete = (function() {
    function BinaryCacheDelete(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;

      this._read();
    }
    BinaryCacheDelete.prototype._read = function() {
      this.requestId = this._io.readU8be();
      this.tenantId = new Str16Name(this._io, this, this._root, 255);
      this.namespace = new Str16Name(this._io, this, this._root, 255);
      this.cache = new Str16Name(this._io, this, this._root, 255);
      this.key = new Str16(this._io, this, this._root, 1024);
      this.trailing = this._io.readBytesFull();
      var _ = this.trailing;
      if (!(_.length == 0)) {
        throw new KaitaiStream.ValidationExprError(this.trailing, this._io, "/types/binary_cache_delete/seq/5");
      }
    }

    /**
     * Echoed by the answer. First in the payload so a broker can read it even when the rest is malformed, and answer with an error the client can match.
     */

    /**
     * Tenant owning the cache.
     */

    /**
     * Namespace within the tenant.
     */

    /**
     * Cache name within the namespace.
     */

    /**
     * The entry's key.
     */

    /**
     * Must be empty: the last field ends exactly at the end of the payload.
     */

    return BinaryCacheDelete;
  })();

  /**
   * The publish data path. Without BINARY_PUBLISH_ACKED nothing is acknowledged; with it the broker answers with a binary publish ack carrying the same request_id (or, to a peer that did not negotiate BINARY_PUBLISH_ACK, JSON publish_ok / publish_error).
   * Selected by BINARY_PUBLISH_BATCH (0x1).
   */

  var BinaryPublishBatch = FelixWire.BinaryPublishBatch = (function() {
    function BinaryPublishBatch(_io, _parent, _root, flags) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;
      this.flags = flags;

      this._read();
    }
    BinaryPublishBatch.prototype._read = function() {
      if ((this.flags & 8) != 0) {
        this.requestId = this._io.readU8be();
      }
      if ((this.flags & 8) != 0) {
        this.ackMode = this._io.readU1();
        if (!( ((this.ackMode == FelixWire.BinaryAckMode.PER_MESSAGE) || (this.ackMode == FelixWire.BinaryAckMode.PER_BATCH)) )) {
          throw new KaitaiStream.ValidationNotAnyOfError(this.ackMode, this._io, "/types/binary_publish_batch/seq/1");
        }
      }
      this.tenantId = new Str16Name(this._io, this, this._root, 255);
      this.namespace = new Str16Name(this._io, this, this._root, 255);
      this.stream = new Str16Name(this._io, this, this._root, 255);
      this.payloads = new List32Bytes32(this._io, this, this._root, 65536);
      this.trailing = this._io.readBytesFull();
      var _ = this.trailing;
      if (!(_.length == 0)) {
        throw new KaitaiStream.ValidationExprError(this.trailing, this._io, "/types/binary_publish_batch/seq/6");
      }
    }

    /**
     * Correlates the acknowledgement. First in the payload so a broker can read it even when the rest is malformed, and answer with an error the client can match. Present exactly when BINARY_PUBLISH_ACKED is set.
     */

    /**
     * How the batch is acknowledged. Present exactly when BINARY_PUBLISH_ACKED is set.
     */

    /**
     * Tenant owning the stream.
     */

    /**
     * Namespace within the tenant.
     */

    /**
     * Stream name within the namespace.
     */

    /**
     * The message bodies, in order.
     */

    /**
     * Must be empty: the last field ends exactly at the end of the payload.
     */

    /**
     * The frame's flags; modifier bits (BINARY_PUBLISH_ACKED) add fields.
     */

    return BinaryPublishBatch;
  })();

  /**
   * Flags 0: the payload is one UTF-8 JSON object whose "type" names the message. It is kept raw; a harness decodes it and checks it against generated/schemas/<type>.schema.json.
   */

  var JsonMessage = FelixWire.JsonMessage = (function() {
    function JsonMessage(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;

      this._read();
    }
    JsonMessage.prototype._read = function() {
      this.text = this._io.readBytesFull();
    }

    /**
     * The JSON text.
     */

    return JsonMessage;
  })();

  /**
   * Event batch shared by every subscriber of a stream: the broker encodes it once and writes the same bytes to each subscriber's event stream.
   * Selected by BINARY_EVENT_BATCH_SHARED (0x4).
   */

  var BinarySharedEventBatch = FelixWire.BinarySharedEventBatch = (function() {
    function BinarySharedEventBatch(_io, _parent, _root, flags) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;
      this.flags = flags;

      this._read();
    }
    BinarySharedEventBatch.prototype._read = function() {
      if ((this.flags & 32) != 0) {
        this.baseOffset = this._io.readU8be();
      }
      this.payloads = new List32Bytes32(this._io, this, this._root, 65536);
      this.trailing = this._io.readBytesFull();
      var _ = this.trailing;
      if (!(_.length == 0)) {
        throw new KaitaiStream.ValidationExprError(this.trailing, this._io, "/types/binary_shared_event_batch/seq/2");
      }
    }

    /**
     * Stream offset of the first payload; payload i is at base_offset + i. Present exactly when EVENT_BATCH_OFFSETS is set.
     */

    /**
     * The message bodies, in stream order.
     */

    /**
     * Must be empty: the last field ends exactly at the end of the payload.
     */

    /**
     * The frame's flags; modifier bits (EVENT_BATCH_OFFSETS) add fields.
     */

    return BinarySharedEventBatch;
  })();

  /**
   * Acknowledges a binary acked publish batch.
   * Selected by BINARY_PUBLISH_ACK (0x10).
   */

  var BinaryPublishAck = FelixWire.BinaryPublishAck = (function() {
    function BinaryPublishAck(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;

      this._read();
    }
    BinaryPublishAck.prototype._read = function() {
      this.status = this._io.readU1();
      if (!( ((this.status == FelixWire.AckStatus.OK) || (this.status == FelixWire.AckStatus.ERROR)) )) {
        throw new KaitaiStream.ValidationNotAnyOfError(this.status, this._io, "/types/binary_publish_ack/seq/0");
      }
      this.requestId = this._io.readU8be();
      this.message = new Str16(this._io, this, this._root, 4096);
      this.trailing = this._io.readBytesFull();
      var _ = this.trailing;
      if (!(_.length == 0)) {
        throw new KaitaiStream.ValidationExprError(this.trailing, this._io, "/types/binary_publish_ack/seq/3");
      }
    }

    /**
     * Whether the batch was accepted.
     */

    /**
     * The batch's request_id.
     */

    /**
     * Why the batch was refused; empty when status is ok, as upstream defines it (its writer sends length 0 and its reader discards the message of an ok ack). A decoder here still reads an ok ack's message like any string (length, limit, UTF-8) and reports it, and a receiver ignores it; upstream's reader does not look at those bytes at all, so an ok ack with invalid UTF-8 there is refused here and accepted upstream.
     */

    /**
     * Must be empty: the last field ends exactly at the end of the payload.
     */

    return BinaryPublishAck;
  })();

  /**
   * One UTF-8 encoded code point: a lead byte and the continuation bytes it announces.
   */

  var Utf8CodePoint = FelixWire.Utf8CodePoint = (function() {
    function Utf8CodePoint(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;

      this._read();
    }
    Utf8CodePoint.prototype._read = function() {
      this.lead = this._io.readU1();
      var _ = this.lead;
      if (!( ((_ <= 127) || ( ((_ >= 194) && (_ <= 244)) )) )) {
        throw new KaitaiStream.ValidationExprError(this.lead, this._io, "/types/utf8_code_point/seq/0");
      }
      this.complete = this._io.readBytes(0);
      var _ = this.complete;
      if (!((this._io.size - this._io.pos) >= (this.lead >= 240 ? 3 : (this.lead >= 224 ? 2 : (this.lead >= 194 ? 1 : 0))))) {
        throw new KaitaiStream.ValidationExprError(this.complete, this._io, "/types/utf8_code_point/seq/1");
      }
      if (this.lead >= 194) {
        this.second = this._io.readU1();
        var _ = this.second;
        if (!( ((_ >= (this.lead == 224 ? 160 : (this.lead == 240 ? 144 : 128))) && (_ <= (this.lead == 237 ? 159 : (this.lead == 244 ? 143 : 191)))) )) {
          throw new KaitaiStream.ValidationExprError(this.second, this._io, "/types/utf8_code_point/seq/2");
        }
      }
      if (this.lead >= 224) {
        this.third = this._io.readU1();
        if (!(this.third >= 128)) {
          throw new KaitaiStream.ValidationLessThanError(128, this.third, this._io, "/types/utf8_code_point/seq/3");
        }
        if (!(this.third <= 191)) {
          throw new KaitaiStream.ValidationGreaterThanError(191, this.third, this._io, "/types/utf8_code_point/seq/3");
        }
      }
      if (this.lead >= 240) {
        this.fourth = this._io.readU1();
        if (!(this.fourth >= 128)) {
          throw new KaitaiStream.ValidationLessThanError(128, this.fourth, this._io, "/types/utf8_code_point/seq/4");
        }
        if (!(this.fourth <= 191)) {
          throw new KaitaiStream.ValidationGreaterThanError(191, this.fourth, this._io, "/types/utf8_code_point/seq/4");
        }
      }
    }

    /**
     * The text does not end inside the code point.
     */

    /**
     * Its range after E0, F0 (no overlong forms), ED (no surrogates) and F4 (nothing above U+10FFFF) is narrower.
     */

    return Utf8CodePoint;
  })();

  /**
   * Read as one 12-byte block, so a shorter input fails before any header check (short_header).
   */

  /**
   * The input must hold exactly one frame: checked before the payload is parsed, so bytes after the frame are trailing_bytes (and fewer than `length` truncated, on reading the payload) whatever the payload holds.
   */

  /**
   * The payload, parsed by the layout its flags select. header.flags only admits the listed values: a bit in 0x81c0 is unknown_flags, any other unlisted value invalid_flags.
   */

  return FelixWire;
})();
return FelixWire;
}));
