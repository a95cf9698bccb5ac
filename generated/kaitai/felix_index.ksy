# generated — do not edit; edit spec/ and run `npm run generate`
meta:
  id: felix_index
  title: "Felix durable segment format: index file (.index)"
  file-extension: index
  ks-version: "0.10"
  endian: be
doc: >-
  A durable stream shard is a directory of segment files, each an append-only run of records with
  contiguous logical offsets, and beside each segment a sparse index from offsets to byte positions.
  The format is versioned independently of the wire protocol: frames may change shape for latency,
  while bytes already on disk must stay readable by every later build. Every record carries
  checksums over its own header and payload, so bit rot and torn writes are detected when read
  rather than inferred; a reader can step from record to record with `position + 28 + payload_len`
  without touching payload bytes; and no length read from disk sizes an allocation before it has
  been range-checked.


  A sparse index file is its 24-byte header and then 16-byte entries. Indexes carry no checksum and
  are never trusted: an entry is only ever a place to start a scan that verifies real records, and
  an index that fails to decode is rebuilt from its segment. A torn last entry (fewer than 16 bytes
  at the end, left by a crash while appending) is ignored, not an error.


  Checks run in the spec's order as the file parses; every failure is a validation error whose
  srcPath felix_index.errors.json maps to the spec's error code and field. Left to the reader, who
  knows the companion file: index_header.base_offset must equal segment_header.base_offset.
doc-ref: spec/storage.yaml
seq:
  - id: header
    type: index_header
    doc: The fixed 24-byte start of every index file.
  - id: entries
    type: index_entry(_index)
    repeat: expr
    repeat-expr: (_io.size - 24) / 16
    doc: "One sparse index entry: the record with logical offset `offset` starts at byte `position` of
      the segment. Entries ascend strictly in both, which the binary search of a seek relies on."
  - id: torn
    size-eos: true
    doc: A torn last entry (fewer bytes than one), ignored.
types:
  index_header:
    doc: The fixed 24-byte start of every index file.
    seq:
      - id: complete
        size: 0
        valid:
          expr: _io.size - _io.pos >= 24
        -felix-error: truncated
        -felix-field: index_header
        doc: The 24 bytes of the fixed part are there.
      - id: magic
        type: u4
        doc: The ASCII bytes "FLSI" (Felix segment index).
      - id: version
        type: u2
        doc: Format version; the same number as the segment's.
      - id: flags
        type: u2
        doc: No flag is defined; written as 0. Upstream's reader does not look at it; this spec refuses a
          set bit, as for a segment, and the index is rebuilt.
      - id: base_offset
        type: u8
        doc: Must equal its segment's base_offset; an index of another segment generation is rebuilt.
      - id: reserved
        type: u8
        doc: Written as 0 and not checked on read.
      - id: magic_valid
        size: 0
        valid:
          expr: (magic == 0x464c5349)
        -felix-error: index_magic
        -felix-field: index_header.magic
        doc: 'Checks magic: The ASCII bytes "FLSI" (Felix segment index).'
      - id: version_valid
        size: 0
        valid:
          expr: (version == 2)
        -felix-error: index_version
        -felix-field: index_header.version
        doc: "Checks version: Format version; the same number as the segment's."
      - id: flags_valid
        size: 0
        valid:
          expr: (flags == 0)
        -felix-error: index_flags
        -felix-field: index_header.flags
        doc: "Checks flags: No flag is defined; written as 0. Upstream's reader does not look at it; this
          spec refuses a set bit, as for a segment, and the index is rebuilt."
  index_entry:
    doc: "One sparse index entry: the record with logical offset `offset` starts at byte `position` of
      the segment. Entries ascend strictly in both, which the binary search of a seek relies on."
    params:
      - id: index
        type: s8
        doc: Its index in the file, or -1 for a struct read alone (order is then not checked).
    seq:
      - id: complete
        size: 0
        valid:
          expr: _io.size - _io.pos >= 16
        -felix-error: truncated
        -felix-field: index_entry
        doc: The 16 bytes of the fixed part are there.
      - id: offset
        type: u8
        doc: Logical offset of the indexed record; above the previous entry's.
      - id: position
        type: u8
        doc: "Byte position of the record in its segment: past the 32-byte segment header, and above the
          previous entry's."
      - id: offset_valid
        size: 0
        valid:
          expr: (index < 1 or offset > _parent.entries[index - 1].offset)
        -felix-error: index_entry_order
        -felix-field: index_entry.offset
        doc: "Checks offset: Logical offset of the indexed record; above the previous entry's."
      - id: position_valid
        size: 0
        valid:
          expr: (position >= 32) and (index < 1 or position > _parent.entries[index - 1].position)
        -felix-error: index_entry_order
        -felix-field: index_entry.position
        doc: "Checks position: Byte position of the record in its segment: past the 32-byte segment header,
          and above the previous entry's."
