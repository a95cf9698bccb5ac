# generated — do not edit; edit spec/ and run `npm run generate`
# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

import kaitaistruct
from kaitaistruct import KaitaiStruct, KaitaiStream, BytesIO


if getattr(kaitaistruct, 'API_VERSION', (0, 9)) < (0, 9):
    raise Exception("Incompatible Kaitai Struct Python API: 0.9 or later is required, but you have %s" % (kaitaistruct.__version__))

class FelixIndex(KaitaiStruct):
    """A durable stream shard is a directory of segment files, each an append-only run of records with contiguous logical offsets, and beside each segment a sparse index from offsets to byte positions. The format is versioned independently of the wire protocol: frames may change shape for latency, while bytes already on disk must stay readable by every later build. Every record carries checksums over its own header and payload, so bit rot and torn writes are detected when read rather than inferred; a reader can step from record to record with `position + 28 + payload_len` without touching payload bytes; and no length read from disk sizes an allocation before it has been range-checked.
    
    A sparse index file is its 24-byte header and then 16-byte entries. Indexes carry no checksum and are never trusted: an entry is only ever a place to start a scan that verifies real records, and an index that fails to decode is rebuilt from its segment. A torn last entry (fewer than 16 bytes at the end, left by a crash while appending) is ignored, not an error.
    
    Checks run in the spec's order as the file parses; every failure is a validation error whose srcPath felix_index.errors.json maps to the spec's error code and field. Left to the reader, who knows the companion file: index_header.base_offset must equal segment_header.base_offset.
    
    .. seealso::
       spec/storage.yaml
    """
    def __init__(self, _io, _parent=None, _root=None):
        self._io = _io
        self._parent = _parent
        self._root = _root if _root else self
        self._read()

    def _read(self):
        self.header = FelixIndex.IndexHeader(self._io, self, self._root)
        self.entries = []
        for i in range((self._io.size() - 24) // 16):
            self.entries.append(FelixIndex.IndexEntry(i, self._io, self, self._root))

        self.torn = self._io.read_bytes_full()

    class IndexHeader(KaitaiStruct):
        """The fixed 24-byte start of every index file."""
        def __init__(self, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self._read()

        def _read(self):
            self.complete = self._io.read_bytes(0)
            _ = self.complete
            if not (self._io.size() - self._io.pos()) >= 24:
                raise kaitaistruct.ValidationExprError(self.complete, self._io, u"/types/index_header/seq/0")
            self.magic = self._io.read_u4be()
            self.version = self._io.read_u2be()
            self.flags = self._io.read_u2be()
            self.base_offset = self._io.read_u8be()
            self.reserved = self._io.read_u8be()
            self.magic_valid = self._io.read_bytes(0)
            _ = self.magic_valid
            if not self.magic == 1179407177:
                raise kaitaistruct.ValidationExprError(self.magic_valid, self._io, u"/types/index_header/seq/6")
            self.version_valid = self._io.read_bytes(0)
            _ = self.version_valid
            if not self.version == 2:
                raise kaitaistruct.ValidationExprError(self.version_valid, self._io, u"/types/index_header/seq/7")
            self.flags_valid = self._io.read_bytes(0)
            _ = self.flags_valid
            if not self.flags == 0:
                raise kaitaistruct.ValidationExprError(self.flags_valid, self._io, u"/types/index_header/seq/8")


    class IndexEntry(KaitaiStruct):
        """One sparse index entry: the record with logical offset `offset` starts at byte `position` of the segment. Entries ascend strictly in both, which the binary search of a seek relies on."""
        def __init__(self, index, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self.index = index
            self._read()

        def _read(self):
            self.complete = self._io.read_bytes(0)
            _ = self.complete
            if not (self._io.size() - self._io.pos()) >= 16:
                raise kaitaistruct.ValidationExprError(self.complete, self._io, u"/types/index_entry/seq/0")
            self.offset = self._io.read_u8be()
            self.position = self._io.read_u8be()
            self.offset_valid = self._io.read_bytes(0)
            _ = self.offset_valid
            if not  ((self.index < 1) or (self.offset > self._parent.entries[(self.index - 1)].offset)) :
                raise kaitaistruct.ValidationExprError(self.offset_valid, self._io, u"/types/index_entry/seq/3")
            self.position_valid = self._io.read_bytes(0)
            _ = self.position_valid
            if not  ((self.position >= 32) and ( ((self.index < 1) or (self.position > self._parent.entries[(self.index - 1)].position)) )) :
                raise kaitaistruct.ValidationExprError(self.position_valid, self._io, u"/types/index_entry/seq/4")



