// generated — do not edit; edit spec/ and run `npm run generate`
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

(function (root, factory) {
  if (typeof define === 'function' && define.amd) {
    define(['kaitai-struct/KaitaiStream'], factory);
  } else if (typeof module === 'object' && module.exports) {
    module.exports = factory(require('kaitai-struct/KaitaiStream'));
  } else {
    root.FelixIndex = factory(root.KaitaiStream);
  }
}(typeof self !== 'undefined' ? self : this, function (KaitaiStream) {
/**
 * A durable stream shard is a directory of segment files, each an append-only run of records with contiguous logical offsets, and beside each segment a sparse index from offsets to byte positions. The format is versioned independently of the wire protocol: frames may change shape for latency, while bytes already on disk must stay readable by every later build. Every record carries checksums over its own header and payload, so bit rot and torn writes are detected when read rather than inferred; a reader can step from record to record with `position + 28 + payload_len` without touching payload bytes; and no length read from disk sizes an allocation before it has been range-checked.
 * 
 * A sparse index file is its 24-byte header and then 16-byte entries. Indexes carry no checksum and are never trusted: an entry is only ever a place to start a scan that verifies real records, and an index that fails to decode is rebuilt from its segment. A torn last entry (fewer than 16 bytes at the end, left by a crash while appending) is ignored, not an error.
 * 
 * Checks run in the spec's order as the file parses; every failure is a validation error whose srcPath felix_index.errors.json maps to the spec's error code and field. Left to the reader, who knows the companion file: index_header.base_offset must equal segment_header.base_offset.
 * @see spec/storage.yaml
 */

var FelixIndex = (function() {
  function FelixIndex(_io, _parent, _root) {
    this._io = _io;
    this._parent = _parent;
    this._root = _root || this;

    this._read();
  }
  FelixIndex.prototype._read = function() {
    this.header = new IndexHeader(this._io, this, this._root);
    this.entries = [];
    for (var i = 0; i < Math.floor((this._io.size - 24) / 16); i++) {
      this.entries.push(new IndexEntry(this._io, this, this._root, i));
    }
    this.torn = this._io.readBytesFull();
  }

  /**
   * The fixed 24-byte start of every index file.
   */

  var IndexHeader = FelixIndex.IndexHeader = (function() {
    function IndexHeader(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;

      this._read();
    }
    IndexHeader.prototype._read = function() {
      this.complete = this._io.readBytes(0);
      var _ = this.complete;
      if (!((this._io.size - this._io.pos) >= 24)) {
        throw new KaitaiStream.ValidationExprError(this.complete, this._io, "/types/index_header/seq/0");
      }
      this.magic = this._io.readU4be();
      this.version = this._io.readU2be();
      this.flags = this._io.readU2be();
      this.baseOffset = this._io.readU8be();
      this.reserved = this._io.readU8be();
      this.magicValid = this._io.readBytes(0);
      var _ = this.magicValid;
      if (!(this.magic == 1179407177)) {
        throw new KaitaiStream.ValidationExprError(this.magicValid, this._io, "/types/index_header/seq/6");
      }
      this.versionValid = this._io.readBytes(0);
      var _ = this.versionValid;
      if (!(this.version == 2)) {
        throw new KaitaiStream.ValidationExprError(this.versionValid, this._io, "/types/index_header/seq/7");
      }
      this.flagsValid = this._io.readBytes(0);
      var _ = this.flagsValid;
      if (!(this.flags == 0)) {
        throw new KaitaiStream.ValidationExprError(this.flagsValid, this._io, "/types/index_header/seq/8");
      }
    }

    /**
     * The 24 bytes of the fixed part are there.
     */

    /**
     * The ASCII bytes "FLSI" (Felix segment index).
     */

    /**
     * Format version; the same number as the segment's.
     */

    /**
     * No flag is defined; written as 0. Upstream's reader does not look at it; this spec refuses a set bit, as for a segment, and the index is rebuilt.
     */

    /**
     * Must equal its segment's base_offset; an index of another segment generation is rebuilt.
     */

    /**
     * Written as 0 and not checked on read.
     */

    /**
     * Checks magic: The ASCII bytes "FLSI" (Felix segment index).
     */

    /**
     * Checks version: Format version; the same number as the segment's.
     */

    /**
     * Checks flags: No flag is defined; written as 0. Upstream's reader does not look at it; this spec refuses a set bit, as for a segment, and the index is rebuilt.
     */

    return IndexHeader;
  })();

  /**
   * One sparse index entry: the record with logical offset `offset` starts at byte `position` of the segment. Entries ascend strictly in both, which the binary search of a seek relies on.
   */

  var IndexEntry = FelixIndex.IndexEntry = (function() {
    function IndexEntry(_io, _parent, _root, index) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;
      this.index = index;

      this._read();
    }
    IndexEntry.prototype._read = function() {
      this.complete = this._io.readBytes(0);
      var _ = this.complete;
      if (!((this._io.size - this._io.pos) >= 16)) {
        throw new KaitaiStream.ValidationExprError(this.complete, this._io, "/types/index_entry/seq/0");
      }
      this.offset = this._io.readU8be();
      this.position = this._io.readU8be();
      this.offsetValid = this._io.readBytes(0);
      var _ = this.offsetValid;
      if (!( ((this.index < 1) || (this.offset > this._parent.entries[(this.index - 1)].offset)) )) {
        throw new KaitaiStream.ValidationExprError(this.offsetValid, this._io, "/types/index_entry/seq/3");
      }
      this.positionValid = this._io.readBytes(0);
      var _ = this.positionValid;
      if (!( ((this.position >= 32) && ( ((this.index < 1) || (this.position > this._parent.entries[(this.index - 1)].position)) )) )) {
        throw new KaitaiStream.ValidationExprError(this.positionValid, this._io, "/types/index_entry/seq/4");
      }
    }

    /**
     * The 16 bytes of the fixed part are there.
     */

    /**
     * Logical offset of the indexed record; above the previous entry's.
     */

    /**
     * Byte position of the record in its segment: past the 32-byte segment header, and above the previous entry's.
     */

    /**
     * Checks offset: Logical offset of the indexed record; above the previous entry's.
     */

    /**
     * Checks position: Byte position of the record in its segment: past the 32-byte segment header, and above the previous entry's.
     */

    /**
     * Its index in the file, or -1 for a struct read alone (order is then not checked).
     */

    return IndexEntry;
  })();

  /**
   * The fixed 24-byte start of every index file.
   */

  /**
   * One sparse index entry: the record with logical offset `offset` starts at byte `position` of the segment. Entries ascend strictly in both, which the binary search of a seek relies on.
   */

  /**
   * A torn last entry (fewer bytes than one), ignored.
   */

  return FelixIndex;
})();
return FelixIndex;
}));
