# generated — do not edit; edit spec/ and run `npm run generate`
# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

import kaitaistruct
from kaitaistruct import KaitaiStruct, KaitaiStream, BytesIO
from enum import Enum


if getattr(kaitaistruct, 'API_VERSION', (0, 9)) < (0, 9):
    raise Exception("Incompatible Kaitai Struct Python API: 0.9 or later is required, but you have %s" % (kaitaistruct.__version__))

class FelixWire(KaitaiStruct):
    """Felix carries pub/sub, cache and control traffic over any transport that offers reliable, ordered byte streams (TLS over TCP, WebTransport, QUIC). Every message on every stream is a frame: a fixed 12-byte big-endian header followed by a payload whose layout the header's flags select. Flags 0 means the payload is one JSON object with a "type" discriminator; each defined flag bit selects or modifies a binary layout.
    
    A frame is a 12-byte header and `length` payload bytes. Frames follow each other on a stream with nothing between them; a receiver reads the header, checks it, and only then reads (and buffers) the payload.
    
    .. seealso::
       spec/protocol.yaml, spec/layouts.yaml
    """

    class BinaryAckMode(Enum):
        per_message = 1
        per_batch = 2

    class CacheStatus(Enum):
        missing = 0
        found = 1

    class AckStatus(Enum):
        ok = 0
        error = 1
    def __init__(self, _io, _parent=None, _root=None):
        self._io = _io
        self._parent = _parent
        self._root = _root if _root else self
        self._read()

    def _read(self):
        self._raw_header = self._io.read_bytes(12)
        _io__raw_header = KaitaiStream(BytesIO(self._raw_header))
        self.header = FelixWire.Header(_io__raw_header, self, self._root)
        self.frame_end = self._io.read_bytes(0)
        _ = self.frame_end
        if not (self._io.size() - self._io.pos()) <= self.header.length:
            raise kaitaistruct.ValidationExprError(self.frame_end, self._io, u"/seq/1")
        _on = self.header.flags
        if _on == 2048:
            self._raw_payload = self._io.read_bytes(self.header.length)
            _io__raw_payload = KaitaiStream(BytesIO(self._raw_payload))
            self.payload = FelixWire.BinaryCacheDelete(_io__raw_payload, self, self._root)
        elif _on == 0:
            self._raw_payload = self._io.read_bytes(self.header.length)
            _io__raw_payload = KaitaiStream(BytesIO(self._raw_payload))
            self.payload = FelixWire.JsonMessage(_io__raw_payload, self, self._root)
        elif _on == 4:
            self._raw_payload = self._io.read_bytes(self.header.length)
            _io__raw_payload = KaitaiStream(BytesIO(self._raw_payload))
            self.payload = FelixWire.BinarySharedEventBatch(self.header.flags, _io__raw_payload, self, self._root)
        elif _on == 4096:
            self._raw_payload = self._io.read_bytes(self.header.length)
            _io__raw_payload = KaitaiStream(BytesIO(self._raw_payload))
            self.payload = FelixWire.BinaryCachePut(_io__raw_payload, self, self._root)
        elif _on == 1:
            self._raw_payload = self._io.read_bytes(self.header.length)
            _io__raw_payload = KaitaiStream(BytesIO(self._raw_payload))
            self.payload = FelixWire.BinaryPublishBatch(self.header.flags, _io__raw_payload, self, self._root)
        elif _on == 8192:
            self._raw_payload = self._io.read_bytes(self.header.length)
            _io__raw_payload = KaitaiStream(BytesIO(self._raw_payload))
            self.payload = FelixWire.BinaryCacheGet(_io__raw_payload, self, self._root)
        elif _on == 512:
            self._raw_payload = self._io.read_bytes(self.header.length)
            _io__raw_payload = KaitaiStream(BytesIO(self._raw_payload))
            self.payload = FelixWire.BinaryCacheOk(_io__raw_payload, self, self._root)
        elif _on == 1024:
            self._raw_payload = self._io.read_bytes(self.header.length)
            _io__raw_payload = KaitaiStream(BytesIO(self._raw_payload))
            self.payload = FelixWire.BinaryCacheValue(_io__raw_payload, self, self._root)
        elif _on == 16384:
            self._raw_payload = self._io.read_bytes(self.header.length)
            _io__raw_payload = KaitaiStream(BytesIO(self._raw_payload))
            self.payload = FelixWire.GroupDeliveryBatch(_io__raw_payload, self, self._root)
        elif _on == 9:
            self._raw_payload = self._io.read_bytes(self.header.length)
            _io__raw_payload = KaitaiStream(BytesIO(self._raw_payload))
            self.payload = FelixWire.BinaryPublishBatch(self.header.flags, _io__raw_payload, self, self._root)
        elif _on == 36:
            self._raw_payload = self._io.read_bytes(self.header.length)
            _io__raw_payload = KaitaiStream(BytesIO(self._raw_payload))
            self.payload = FelixWire.BinarySharedEventBatch(self.header.flags, _io__raw_payload, self, self._root)
        elif _on == 16:
            self._raw_payload = self._io.read_bytes(self.header.length)
            _io__raw_payload = KaitaiStream(BytesIO(self._raw_payload))
            self.payload = FelixWire.BinaryPublishAck(_io__raw_payload, self, self._root)
        elif _on == 2:
            self._raw_payload = self._io.read_bytes(self.header.length)
            _io__raw_payload = KaitaiStream(BytesIO(self._raw_payload))
            self.payload = FelixWire.BinaryEventBatch(self.header.flags, _io__raw_payload, self, self._root)
        elif _on == 34:
            self._raw_payload = self._io.read_bytes(self.header.length)
            _io__raw_payload = KaitaiStream(BytesIO(self._raw_payload))
            self.payload = FelixWire.BinaryEventBatch(self.header.flags, _io__raw_payload, self, self._root)
        else:
            self.payload = self._io.read_bytes(self.header.length)

    class List32Bytes32(KaitaiStruct):
        """A u32 item count and that many bytes32 items."""
        def __init__(self, max_count, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self.max_count = max_count
            self._read()

        def _read(self):
            self.count = self._io.read_u4be()
            if not self.count <= self.max_count:
                raise kaitaistruct.ValidationGreaterThanError(self.max_count, self.count, self._io, u"/types/list32_bytes32/seq/0")
            self.items = []
            for i in range(self.count):
                self.items.append(FelixWire.Bytes32(self._io, self, self._root))



    class BinaryCachePut(KaitaiStruct):
        """Stores a value under a key, expiring after ttl_ms; the binary form of cache_put, for a session that negotiated BINARY_CACHE. Answered with binary_cache_ok carrying the same request_id.
        Selected by BINARY_CACHE_PUT (0x1000)."""
        def __init__(self, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self._read()

        def _read(self):
            self.request_id = self._io.read_u8be()
            self.tenant_id = FelixWire.Str16Name(255, self._io, self, self._root)
            self.namespace = FelixWire.Str16Name(255, self._io, self, self._root)
            self.cache = FelixWire.Str16Name(255, self._io, self, self._root)
            self.key = FelixWire.Str16(1024, self._io, self, self._root)
            self.ttl_ms = self._io.read_u8be()
            self.value = FelixWire.Bytes32(self._io, self, self._root)
            self.trailing = self._io.read_bytes_full()
            _ = self.trailing
            if not len(_) == 0:
                raise kaitaistruct.ValidationExprError(self.trailing, self._io, u"/types/binary_cache_put/seq/7")


    class BinaryCacheOk(KaitaiStruct):
        """A binary cache put was stored.
        Selected by BINARY_CACHE_OK (0x200)."""
        def __init__(self, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self._read()

        def _read(self):
            self.request_id = self._io.read_u8be()
            self.trailing = self._io.read_bytes_full()
            _ = self.trailing
            if not len(_) == 0:
                raise kaitaistruct.ValidationExprError(self.trailing, self._io, u"/types/binary_cache_ok/seq/1")


    class Bytes32(KaitaiStruct):
        """A u32 byte length and that many opaque bytes."""
        def __init__(self, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self._read()

        def _read(self):
            self.len = self._io.read_u4be()
            self.data = self._io.read_bytes(self.len)


    class Utf8Text(KaitaiStruct):
        """Well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or code points above U+10FFFF), checked one code point at a time; anything else is invalid_utf8."""
        def __init__(self, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self._read()

        def _read(self):
            self.code_points = []
            i = 0
            while not self._io.is_eof():
                self.code_points.append(FelixWire.Utf8CodePoint(self._io, self, self._root))
                i += 1


        @property
        def raw(self):
            """The bytes as sent."""
            if hasattr(self, '_m_raw'):
                return self._m_raw

            _pos = self._io.pos()
            self._io.seek(0)
            self._m_raw = self._io.read_bytes(self._io.size())
            self._io.seek(_pos)
            return getattr(self, '_m_raw', None)

        @property
        def value(self):
            if hasattr(self, '_m_value'):
                return self._m_value

            self._m_value = (self.raw).decode(u"UTF-8")
            return getattr(self, '_m_value', None)


    class Str16(KaitaiStruct):
        """A u16 byte length and that many bytes of UTF-8 text."""
        def __init__(self, max_len, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self.max_len = max_len
            self._read()

        def _read(self):
            self.len = self._io.read_u2be()
            if not self.len <= self.max_len:
                raise kaitaistruct.ValidationGreaterThanError(self.max_len, self.len, self._io, u"/types/str16/seq/0")
            self._raw_data = self._io.read_bytes(self.len)
            _io__raw_data = KaitaiStream(BytesIO(self._raw_data))
            self.data = FelixWire.Utf8Text(_io__raw_data, self, self._root)

        @property
        def value(self):
            if hasattr(self, '_m_value'):
                return self._m_value

            self._m_value = self.data.value
            return getattr(self, '_m_value', None)


    class NameCodePoint(KaitaiStruct):
        """One code point of text already checked as UTF-8, checked against format name."""
        def __init__(self, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self._read()

        def _read(self):
            self.lead = self._io.read_u1()
            self.tail = self._io.read_bytes((3 if self.lead >= 240 else (2 if self.lead >= 224 else (1 if self.lead >= 192 else 0))))
            self.allowed = self._io.read_bytes(0)
            _ = self.allowed
            if not not ( (( ((self.value >= 0) and (self.value <= 31)) ) or (self.value == 47) or ( ((self.value >= 127) and (self.value <= 159)) )) ):
                raise kaitaistruct.ValidationExprError(self.allowed, self._io, u"/types/name_code_point/seq/2")

        @property
        def value(self):
            if hasattr(self, '_m_value'):
                return self._m_value

            self._m_value = (self.lead if self.lead < 128 else ((((self.lead & 31) << 6) | (KaitaiStream.byte_array_index(self.tail, 0) & 63)) if self.lead < 224 else (((((self.lead & 15) << 12) | ((KaitaiStream.byte_array_index(self.tail, 0) & 63) << 6)) | (KaitaiStream.byte_array_index(self.tail, 1) & 63)) if self.lead < 240 else (((((self.lead & 7) << 18) | ((KaitaiStream.byte_array_index(self.tail, 0) & 63) << 12)) | ((KaitaiStream.byte_array_index(self.tail, 1) & 63) << 6)) | (KaitaiStream.byte_array_index(self.tail, 2) & 63)))))
            return getattr(self, '_m_value', None)

        @property
        def other(self):
            """Outside not_only."""
            if hasattr(self, '_m_other'):
                return self._m_other

            self._m_other = not (self.value == 46)
            return getattr(self, '_m_other', None)


    class NameText(KaitaiStruct):
        """UTF-8 text (checked as utf8_text is), then checked against format name."""
        def __init__(self, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self._read()

        def _read(self):
            self.code_points = []
            i = 0
            while not self._io.is_eof():
                self.code_points.append(FelixWire.Utf8CodePoint(self._io, self, self._root))
                i += 1

            self.format_ok = self._io.read_bytes(0)
            _ = self.format_ok
            if not  ((len(self.format_code_points) >= 0) and (self._io.size() > 0) and (self.up_to_other[-1].other)) :
                raise kaitaistruct.ValidationExprError(self.format_ok, self._io, u"/types/name_text/seq/1")

        @property
        def raw(self):
            """The bytes as sent."""
            if hasattr(self, '_m_raw'):
                return self._m_raw

            _pos = self._io.pos()
            self._io.seek(0)
            self._m_raw = self._io.read_bytes(self._io.size())
            self._io.seek(_pos)
            return getattr(self, '_m_raw', None)

        @property
        def value(self):
            if hasattr(self, '_m_value'):
                return self._m_value

            self._m_value = (self.raw).decode(u"UTF-8")
            return getattr(self, '_m_value', None)

        @property
        def format_code_points(self):
            if hasattr(self, '_m_format_code_points'):
                return self._m_format_code_points

            _pos = self._io.pos()
            self._io.seek(0)
            self._m_format_code_points = []
            i = 0
            while not self._io.is_eof():
                self._m_format_code_points.append(FelixWire.NameCodePoint(self._io, self, self._root))
                i += 1

            self._io.seek(_pos)
            return getattr(self, '_m_format_code_points', None)

        @property
        def up_to_other(self):
            """The code points up to the first outside not_only, or all of them."""
            if hasattr(self, '_m_up_to_other'):
                return self._m_up_to_other

            _pos = self._io.pos()
            self._io.seek(0)
            self._m_up_to_other = []
            i = 0
            while True:
                _ = FelixWire.NameCodePoint(self._io, self, self._root)
                self._m_up_to_other.append(_)
                if  ((_.other) or (self._io.is_eof())) :
                    break
                i += 1
            self._io.seek(_pos)
            return getattr(self, '_m_up_to_other', None)


    class GroupDeliveryBatch(KaitaiStruct):
        """Records of a consumer group handed to one consumer: consecutive offsets from base_offset, each delivered for the delivery_count-th time. A first delivery and a redelivery never share a batch. The broker writes the payloads from the log's own bytes.
        Selected by GROUP_DELIVERY_BATCH (0x4000)."""
        def __init__(self, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self._read()

        def _read(self):
            self.base_offset = self._io.read_u8be()
            self.delivery_count = self._io.read_u4be()
            self.payloads = FelixWire.List32Bytes32(65536, self._io, self, self._root)
            self.trailing = self._io.read_bytes_full()
            _ = self.trailing
            if not len(_) == 0:
                raise kaitaistruct.ValidationExprError(self.trailing, self._io, u"/types/group_delivery_batch/seq/3")


    class BinaryCacheValue(KaitaiStruct):
        """The answer to a binary cache get or delete. It names only the request: the client knows which key it asked for. The status says whether it carries a value; a broker writes the value from the cache's own bytes.
        Selected by BINARY_CACHE_VALUE (0x400)."""
        def __init__(self, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self._read()

        def _read(self):
            self.request_id = self._io.read_u8be()
            self.status = KaitaiStream.resolve_enum(FelixWire.CacheStatus, self._io.read_u1())
            if not  ((self.status == FelixWire.CacheStatus.missing) or (self.status == FelixWire.CacheStatus.found)) :
                raise kaitaistruct.ValidationNotAnyOfError(self.status, self._io, u"/types/binary_cache_value/seq/1")
            self.value = FelixWire.Bytes32(self._io, self, self._root)
            self.trailing = self._io.read_bytes_full()
            _ = self.trailing
            if not len(_) == 0:
                raise kaitaistruct.ValidationExprError(self.trailing, self._io, u"/types/binary_cache_value/seq/3")


    class Str16Name(KaitaiStruct):
        """A str16 whose text follows format name: Tenant ids, namespaces, stream names and cache names. A name is UTF-8 text of at most name_max_bytes bytes that contains no forbidden code point and at least one code point outside not_only: "", ".", ".." and "a/b" are refused, ".a", "a..b" and "Grüße 東京" are names. Names are compared exactly, without case folding or normalisation. A decoder checks the format after the field's length and UTF-8 checks and refuses a name that breaks it with invalid_name; a broker applies the same rule to the names in its configuration file and admin API, so nothing it registers can be one a client could not send."""
        def __init__(self, max_len, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self.max_len = max_len
            self._read()

        def _read(self):
            self.len = self._io.read_u2be()
            if not self.len <= self.max_len:
                raise kaitaistruct.ValidationGreaterThanError(self.max_len, self.len, self._io, u"/types/str16_name/seq/0")
            self._raw_data = self._io.read_bytes(self.len)
            _io__raw_data = KaitaiStream(BytesIO(self._raw_data))
            self.data = FelixWire.NameText(_io__raw_data, self, self._root)

        @property
        def value(self):
            if hasattr(self, '_m_value'):
                return self._m_value

            self._m_value = self.data.value
            return getattr(self, '_m_value', None)


    class BinaryCacheGet(KaitaiStruct):
        """Reads the value stored under a key; the binary form of cache_get, for a session that negotiated BINARY_CACHE. Answered with binary_cache_value carrying the same request_id.
        Selected by BINARY_CACHE_GET (0x2000)."""
        def __init__(self, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self._read()

        def _read(self):
            self.request_id = self._io.read_u8be()
            self.tenant_id = FelixWire.Str16Name(255, self._io, self, self._root)
            self.namespace = FelixWire.Str16Name(255, self._io, self, self._root)
            self.cache = FelixWire.Str16Name(255, self._io, self, self._root)
            self.key = FelixWire.Str16(1024, self._io, self, self._root)
            self.trailing = self._io.read_bytes_full()
            _ = self.trailing
            if not len(_) == 0:
                raise kaitaistruct.ValidationExprError(self.trailing, self._io, u"/types/binary_cache_get/seq/5")


    class BinaryEventBatch(KaitaiStruct):
        """Legacy per-subscriber event batch; names its subscription, so it cannot be shared.
        Selected by BINARY_EVENT_BATCH (0x2)."""
        def __init__(self, flags, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self.flags = flags
            self._read()

        def _read(self):
            self.subscription_id = self._io.read_u8be()
            if (self.flags & 32) != 0:
                self.base_offset = self._io.read_u8be()

            self.payloads = FelixWire.List32Bytes32(65536, self._io, self, self._root)
            self.trailing = self._io.read_bytes_full()
            _ = self.trailing
            if not len(_) == 0:
                raise kaitaistruct.ValidationExprError(self.trailing, self._io, u"/types/binary_event_batch/seq/3")


    class Header(KaitaiStruct):
        """The fixed 12-byte frame header."""
        def __init__(self, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self._read()

        def _read(self):
            self.magic = self._io.read_u4be()
            if not self.magic == 1179408433:
                raise kaitaistruct.ValidationNotEqualError(1179408433, self.magic, self._io, u"/types/header/seq/0")
            self.version = self._io.read_u2be()
            if not self.version == 1:
                raise kaitaistruct.ValidationNotEqualError(1, self.version, self._io, u"/types/header/seq/1")
            self.flags = self._io.read_u2be()
            if not  ((self.flags == 0) or (self.flags == 1) or (self.flags == 2) or (self.flags == 4) or (self.flags == 9) or (self.flags == 16) or (self.flags == 34) or (self.flags == 36) or (self.flags == 512) or (self.flags == 1024) or (self.flags == 2048) or (self.flags == 4096) or (self.flags == 8192) or (self.flags == 16384)) :
                raise kaitaistruct.ValidationNotAnyOfError(self.flags, self._io, u"/types/header/seq/2")
            self.length = self._io.read_u4be()
            if not self.length <= 16777216:
                raise kaitaistruct.ValidationGreaterThanError(16777216, self.length, self._io, u"/types/header/seq/3")


    class BinaryCacheDelete(KaitaiStruct):
        """Removes a key; the binary form of cache_delete, for a session that negotiated BINARY_CACHE and CACHE_DELETE. Answered with binary_cache_value carrying the removed value, or none when the key was not there.
        Selected by BINARY_CACHE_DELETE (0x800)."""
        def __init__(self, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self._read()

        def _read(self):
            self.request_id = self._io.read_u8be()
            self.tenant_id = FelixWire.Str16Name(255, self._io, self, self._root)
            self.namespace = FelixWire.Str16Name(255, self._io, self, self._root)
            self.cache = FelixWire.Str16Name(255, self._io, self, self._root)
            self.key = FelixWire.Str16(1024, self._io, self, self._root)
            self.trailing = self._io.read_bytes_full()
            _ = self.trailing
            if not len(_) == 0:
                raise kaitaistruct.ValidationExprError(self.trailing, self._io, u"/types/binary_cache_delete/seq/5")


    class BinaryPublishBatch(KaitaiStruct):
        """The publish data path. Without BINARY_PUBLISH_ACKED nothing is acknowledged; with it the broker answers with a binary publish ack carrying the same request_id (or, to a peer that did not negotiate BINARY_PUBLISH_ACK, JSON publish_ok / publish_error).
        Selected by BINARY_PUBLISH_BATCH (0x1)."""
        def __init__(self, flags, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self.flags = flags
            self._read()

        def _read(self):
            if (self.flags & 8) != 0:
                self.request_id = self._io.read_u8be()

            if (self.flags & 8) != 0:
                self.ack_mode = KaitaiStream.resolve_enum(FelixWire.BinaryAckMode, self._io.read_u1())
                if not  ((self.ack_mode == FelixWire.BinaryAckMode.per_message) or (self.ack_mode == FelixWire.BinaryAckMode.per_batch)) :
                    raise kaitaistruct.ValidationNotAnyOfError(self.ack_mode, self._io, u"/types/binary_publish_batch/seq/1")

            self.tenant_id = FelixWire.Str16Name(255, self._io, self, self._root)
            self.namespace = FelixWire.Str16Name(255, self._io, self, self._root)
            self.stream = FelixWire.Str16Name(255, self._io, self, self._root)
            self.payloads = FelixWire.List32Bytes32(65536, self._io, self, self._root)
            self.trailing = self._io.read_bytes_full()
            _ = self.trailing
            if not len(_) == 0:
                raise kaitaistruct.ValidationExprError(self.trailing, self._io, u"/types/binary_publish_batch/seq/6")


    class JsonMessage(KaitaiStruct):
        """Flags 0: the payload is one UTF-8 JSON object whose "type" names the message. It is kept raw; a harness decodes it and checks it against generated/schemas/<type>.schema.json."""
        def __init__(self, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self._read()

        def _read(self):
            self.text = self._io.read_bytes_full()


    class BinarySharedEventBatch(KaitaiStruct):
        """Event batch shared by every subscriber of a stream: the broker encodes it once and writes the same bytes to each subscriber's event stream.
        Selected by BINARY_EVENT_BATCH_SHARED (0x4)."""
        def __init__(self, flags, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self.flags = flags
            self._read()

        def _read(self):
            if (self.flags & 32) != 0:
                self.base_offset = self._io.read_u8be()

            self.payloads = FelixWire.List32Bytes32(65536, self._io, self, self._root)
            self.trailing = self._io.read_bytes_full()
            _ = self.trailing
            if not len(_) == 0:
                raise kaitaistruct.ValidationExprError(self.trailing, self._io, u"/types/binary_shared_event_batch/seq/2")


    class BinaryPublishAck(KaitaiStruct):
        """Acknowledges a binary acked publish batch.
        Selected by BINARY_PUBLISH_ACK (0x10)."""
        def __init__(self, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self._read()

        def _read(self):
            self.status = KaitaiStream.resolve_enum(FelixWire.AckStatus, self._io.read_u1())
            if not  ((self.status == FelixWire.AckStatus.ok) or (self.status == FelixWire.AckStatus.error)) :
                raise kaitaistruct.ValidationNotAnyOfError(self.status, self._io, u"/types/binary_publish_ack/seq/0")
            self.request_id = self._io.read_u8be()
            self.message = FelixWire.Str16(4096, self._io, self, self._root)
            self.trailing = self._io.read_bytes_full()
            _ = self.trailing
            if not len(_) == 0:
                raise kaitaistruct.ValidationExprError(self.trailing, self._io, u"/types/binary_publish_ack/seq/3")


    class Utf8CodePoint(KaitaiStruct):
        """One UTF-8 encoded code point: a lead byte and the continuation bytes it announces."""
        def __init__(self, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self._read()

        def _read(self):
            self.lead = self._io.read_u1()
            _ = self.lead
            if not  ((_ <= 127) or ( ((_ >= 194) and (_ <= 244)) )) :
                raise kaitaistruct.ValidationExprError(self.lead, self._io, u"/types/utf8_code_point/seq/0")
            self.complete = self._io.read_bytes(0)
            _ = self.complete
            if not (self._io.size() - self._io.pos()) >= (3 if self.lead >= 240 else (2 if self.lead >= 224 else (1 if self.lead >= 194 else 0))):
                raise kaitaistruct.ValidationExprError(self.complete, self._io, u"/types/utf8_code_point/seq/1")
            if self.lead >= 194:
                self.second = self._io.read_u1()
                _ = self.second
                if not  ((_ >= (160 if self.lead == 224 else (144 if self.lead == 240 else 128))) and (_ <= (159 if self.lead == 237 else (143 if self.lead == 244 else 191)))) :
                    raise kaitaistruct.ValidationExprError(self.second, self._io, u"/types/utf8_code_point/seq/2")

            if self.lead >= 224:
                self.third = self._io.read_u1()
                if not self.third >= 128:
                    raise kaitaistruct.ValidationLessThanError(128, self.third, self._io, u"/types/utf8_code_point/seq/3")
                if not self.third <= 191:
                    raise kaitaistruct.ValidationGreaterThanError(191, self.third, self._io, u"/types/utf8_code_point/seq/3")

            if self.lead >= 240:
                self.fourth = self._io.read_u1()
                if not self.fourth >= 128:
                    raise kaitaistruct.ValidationLessThanError(128, self.fourth, self._io, u"/types/utf8_code_point/seq/4")
                if not self.fourth <= 191:
                    raise kaitaistruct.ValidationGreaterThanError(191, self.fourth, self._io, u"/types/utf8_code_point/seq/4")




