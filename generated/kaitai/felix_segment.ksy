# generated — do not edit; edit spec/ and run `npm run generate`
meta:
  id: felix_segment
  title: "Felix durable segment format: segment file (.log)"
  file-extension: log
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


  A segment file is its 32-byte header and then records back to back up to the end of the file. The
  header is written and fsynced before any record, so damage to it is never a torn write. Records
  carry offsets base_offset, base_offset + 1, … in file order.


  Checks run in the spec's order as the file parses; every failure is a validation error whose
  srcPath felix_segment.errors.json maps to the spec's error code and field. Not checked while
  parsing: record.checksum (the lazy instance checksum_ok); to find problems in file order, read the
  records one at a time with the record type (start = the stream position, index = its number,
  parent = an object holding the header and the records read so far) and ask each one's check before
  reading the next.
doc-ref: spec/storage.yaml
seq:
  - id: header
    type: segment_header(_io.pos)
    doc: The fixed 32-byte start of every segment file.
  - id: records
    type: record(_io.pos, _index)
    repeat: eos
    doc: "One record: a 28-byte header and the payload. header_crc is verified before any other field is
      used, so payload_len is only acted on once it is known to be intact; that is what tells an
      unfinished write (a verified header claiming more bytes than the file holds) from a rotted
      length field."
types:
  segment_header:
    doc: The fixed 32-byte start of every segment file.
    params:
      - id: start
        type: u8
        doc: Byte position of the struct in its stream (CRC ranges are relative to it).
    instances:
      header_crc_part0:
        pos: start + 0
        size: 24
        type: crc32_24(4294967295)
      header_crc_computed:
        value: header_crc_part0.value
        doc: CRC-32 the header_crc field should hold.
    seq:
      - id: complete
        size: 0
        valid:
          expr: _io.size - _io.pos >= 32
        -felix-error: truncated
        -felix-field: segment_header
        doc: The 32 bytes of the fixed part are there.
      - id: magic
        type: u4
        doc: The ASCII bytes "FLSG" (Felix segment). Distinct from the wire magic "FLX1", so a frame in a
          file or a file on a socket is refused on its first four bytes.
      - id: version
        type: u2
        doc: Format version of both file kinds. A reader refuses any other version, naming the one it found;
          v1 was only ever written by unreleased upstream builds.
      - id: flags
        type: u2
        doc: No flag is defined. Any set bit is refused rather than masked off, because a bit a reader does
          not know may change how the records behind it are laid out.
      - id: base_offset
        type: u8
        doc: Logical offset of the segment's first record.
      - id: created_at_micros
        type: u8
        doc: Wall-clock time the segment was created, in microseconds since the Unix epoch; informational.
      - id: header_crc
        type: u4
        doc: CRC-32 of bytes 0 to 24 (magic to created_at_micros).
      - id: reserved
        type: u4
        doc: Written as 0. Not covered by header_crc and not checked on read.
      - id: magic_valid
        size: 0
        valid:
          expr: (magic == 0x464c5347)
        -felix-error: segment_magic
        -felix-field: segment_header.magic
        doc: 'Checks magic: The ASCII bytes "FLSG" (Felix segment). Distinct from the wire magic "FLX1", so
          a frame in a file or a file on a socket is refused on its first four bytes.'
      - id: version_valid
        size: 0
        valid:
          expr: (version == 2)
        -felix-error: segment_version
        -felix-field: segment_header.version
        doc: "Checks version: Format version of both file kinds. A reader refuses any other version, naming
          the one it found; v1 was only ever written by unreleased upstream builds."
      - id: flags_valid
        size: 0
        valid:
          expr: (flags == 0)
        -felix-error: segment_flags
        -felix-field: segment_header.flags
        doc: "Checks flags: No flag is defined. Any set bit is refused rather than masked off, because a bit
          a reader does not know may change how the records behind it are laid out."
      - id: header_crc_valid
        size: 0
        valid:
          expr: (header_crc == header_crc_computed)
        -felix-error: segment_header_checksum
        -felix-field: segment_header.header_crc
        doc: "Checks header_crc: CRC-32 of bytes 0 to 24 (magic to created_at_micros)."
  record:
    doc: "One record: a 28-byte header and the payload. header_crc is verified before any other field is
      used, so payload_len is only acted on once it is known to be intact; that is what tells an
      unfinished write (a verified header claiming more bytes than the file holds) from a rotted
      length field."
    params:
      - id: start
        type: u8
        doc: Byte position of the struct in its stream (CRC ranges are relative to it).
      - id: index
        type: s8
        doc: Its index in the file, or -1 for a struct read alone (order is then not checked).
    instances:
      header_crc_part0:
        pos: start + 0
        size: 20
        type: crc32_20(4294967295)
      header_crc_computed:
        value: header_crc_part0.value
        doc: CRC-32 the header_crc field should hold.
      checksum_part0:
        pos: start + 0
        size: 24
        type: crc32_24(4294967295)
      checksum_part1:
        pos: start + 28
        size: payload_len
        type: crc32_run(checksum_part0.register)
      checksum_computed:
        value: checksum_part1.value
        doc: CRC-32 the checksum field should hold.
      checksum_ok:
        value: checksum == checksum_computed
        doc: "Whether checksum matches. Lazy: it reads the payload through one Kaitai object per 64 bytes,
          so a reader asks for it only when it verifies (zlib.crc32 or hash/crc32 of the same bytes
          is faster)."
    seq:
      - id: complete
        size: 0
        valid:
          expr: _io.size - _io.pos >= 28
        -felix-error: truncated
        -felix-field: record
        doc: The 28 bytes of the fixed part are there.
      - id: payload_len
        type: u4
        doc: Payload length in bytes. First, and covered by both checksums, so a reader steps to the next
          record at position + 28 + payload_len without reading the payload.
      - id: offset
        type: u8
        doc: "Logical offset: the segment's base_offset for its first record, then one more than the record
          before it."
      - id: timestamp_micros
        type: u8
        doc: Publish time in microseconds since the Unix epoch.
      - id: header_crc
        type: u4
        doc: CRC-32 of bytes 0 to 20 (payload_len, offset, timestamp_micros).
      - id: checksum
        type: u4
        doc: CRC-32 of bytes 0 to 24 (header_crc included) followed by the payload, so a corrupted offset or
          timestamp fails the same check as a corrupted payload.
      - id: header_crc_valid
        size: 0
        valid:
          expr: (header_crc == header_crc_computed)
        -felix-error: record_header_checksum
        -felix-field: record.header_crc
        doc: "Checks header_crc: CRC-32 of bytes 0 to 20 (payload_len, offset, timestamp_micros)."
      - id: payload_len_valid
        size: 0
        valid:
          expr: (payload_len <= 67108864)
        -felix-error: record_too_large
        -felix-field: record.payload_len
        doc: "Checks payload_len: Payload length in bytes. First, and covered by both checksums, so a reader
          steps to the next record at position + 28 + payload_len without reading the payload."
      - id: payload_complete
        size: 0
        valid:
          expr: _io.size - _io.pos >= payload_len
        -felix-error: truncated
        -felix-field: record.payload
        doc: The payload_len bytes of payload are there.
      - id: payload
        size: payload_len
        doc: The record's opaque bytes.
      - id: offset_valid
        size: 0
        valid:
          expr: (index < 0 or offset - _parent.header.base_offset == index)
        -felix-error: offset_out_of_order
        -felix-field: record.offset
        doc: "Checks offset: Logical offset: the segment's base_offset for its first record, then one more
          than the record before it."
  crc32_run:
    doc: "CRC-32 of the whole stream it is parsed from: 64-byte blocks, then single bytes."
    params:
      - id: init
        type: u4
        doc: The register to start from.
    seq:
      - id: blocks
        type: "crc32_64(_index == 0 ? init : blocks[_index - 1].register)"
        repeat: expr
        repeat-expr: _io.size / 64
      - id: tail
        type: "crc32_1(_index == 0 ? (blocks.size == 0 ? init : blocks.last.register) : tail[_index -
          1].register)"
        repeat: expr
        repeat-expr: _io.size % 64
    instances:
      register:
        value: "tail.size > 0 ? tail.last.register : (blocks.size > 0 ? blocks.last.register : init)"
      value:
        value: (register ^ 4294967295) % 4294967296
        doc: The finished CRC-32.
  crc32_1:
    doc: CRC-32 of exactly 1 bytes, unrolled (Kaitai expressions have no loops).
    params:
      - id: init
        type: u4
        doc: "The register to start from: 4294967295 for a new CRC."
    seq:
      - id: data
        size: 1
    instances:
      table:
        value: "[0, 1996959894, 3993919788, 2567524794, 124634137, 1886057615, 3915621685, 2657392035,
          249268274, 2044508324, 3772115230, 2547177864, 162941995, 2125561021, 3887607047,
          2428444049, 498536548, 1789927666, 4089016648, 2227061214, 450548861, 1843258603,
          4107580753, 2211677639, 325883990, 1684777152, 4251122042, 2321926636, 335633487,
          1661365465, 4195302755, 2366115317, 997073096, 1281953886, 3579855332, 2724688242,
          1006888145, 1258607687, 3524101629, 2768942443, 901097722, 1119000684, 3686517206,
          2898065728, 853044451, 1172266101, 3705015759, 2882616665, 651767980, 1373503546,
          3369554304, 3218104598, 565507253, 1454621731, 3485111705, 3099436303, 671266974,
          1594198024, 3322730930, 2970347812, 795835527, 1483230225, 3244367275, 3060149565,
          1994146192, 31158534, 2563907772, 4023717930, 1907459465, 112637215, 2680153253,
          3904427059, 2013776290, 251722036, 2517215374, 3775830040, 2137656763, 141376813,
          2439277719, 3865271297, 1802195444, 476864866, 2238001368, 4066508878, 1812370925,
          453092731, 2181625025, 4111451223, 1706088902, 314042704, 2344532202, 4240017532,
          1658658271, 366619977, 2362670323, 4224994405, 1303535960, 984961486, 2747007092,
          3569037538, 1256170817, 1037604311, 2765210733, 3554079995, 1131014506, 879679996,
          2909243462, 3663771856, 1141124467, 855842277, 2852801631, 3708648649, 1342533948,
          654459306, 3188396048, 3373015174, 1466479909, 544179635, 3110523913, 3462522015,
          1591671054, 702138776, 2966460450, 3352799412, 1504918807, 783551873, 3082640443,
          3233442989, 3988292384, 2596254646, 62317068, 1957810842, 3939845945, 2647816111,
          81470997, 1943803523, 3814918930, 2489596804, 225274430, 2053790376, 3826175755,
          2466906013, 167816743, 2097651377, 4027552580, 2265490386, 503444072, 1762050814,
          4150417245, 2154129355, 426522225, 1852507879, 4275313526, 2312317920, 282753626,
          1742555852, 4189708143, 2394877945, 397917763, 1622183637, 3604390888, 2714866558,
          953729732, 1340076626, 3518719985, 2797360999, 1068828381, 1219638859, 3624741850,
          2936675148, 906185462, 1090812512, 3747672003, 2825379669, 829329135, 1181335161,
          3412177804, 3160834842, 628085408, 1382605366, 3423369109, 3138078467, 570562233,
          1426400815, 3317316542, 2998733608, 733239954, 1555261956, 3268935591, 3050360625,
          752459403, 1541320221, 2607071920, 3965973030, 1969922972, 40735498, 2617837225,
          3943577151, 1913087877, 83908371, 2512341634, 3803740692, 2075208622, 213261112,
          2463272603, 3855990285, 2094854071, 198958881, 2262029012, 4057260610, 1759359992,
          534414190, 2176718541, 4139329115, 1873836001, 414664567, 2282248934, 4279200368,
          1711684554, 285281116, 2405801727, 4167216745, 1634467795, 376229701, 2685067896,
          3608007406, 1308918612, 956543938, 2808555105, 3495958263, 1231636301, 1047427035,
          2932959818, 3654703836, 1088359270, 936918000, 2847714899, 3736837829, 1202900863,
          817233897, 3183342108, 3401237130, 1404277552, 615818150, 3134207493, 3453421203,
          1423857449, 601450431, 3009837614, 3294710456, 1567103746, 711928724, 3020668471,
          3272380065, 1510334235, 755167117]"
      s1:
        value: (table[(init ^ data[0]) & 0xff] ^ (init / 256)) % 4294967296
      register:
        value: s1
        doc: The CRC register after these bytes, to continue with.
      value:
        value: (s1 ^ 4294967295) % 4294967296
        doc: The finished CRC-32.
  crc32_20:
    doc: CRC-32 of exactly 20 bytes, unrolled (Kaitai expressions have no loops).
    params:
      - id: init
        type: u4
        doc: "The register to start from: 4294967295 for a new CRC."
    seq:
      - id: data
        size: 20
    instances:
      table:
        value: "[0, 1996959894, 3993919788, 2567524794, 124634137, 1886057615, 3915621685, 2657392035,
          249268274, 2044508324, 3772115230, 2547177864, 162941995, 2125561021, 3887607047,
          2428444049, 498536548, 1789927666, 4089016648, 2227061214, 450548861, 1843258603,
          4107580753, 2211677639, 325883990, 1684777152, 4251122042, 2321926636, 335633487,
          1661365465, 4195302755, 2366115317, 997073096, 1281953886, 3579855332, 2724688242,
          1006888145, 1258607687, 3524101629, 2768942443, 901097722, 1119000684, 3686517206,
          2898065728, 853044451, 1172266101, 3705015759, 2882616665, 651767980, 1373503546,
          3369554304, 3218104598, 565507253, 1454621731, 3485111705, 3099436303, 671266974,
          1594198024, 3322730930, 2970347812, 795835527, 1483230225, 3244367275, 3060149565,
          1994146192, 31158534, 2563907772, 4023717930, 1907459465, 112637215, 2680153253,
          3904427059, 2013776290, 251722036, 2517215374, 3775830040, 2137656763, 141376813,
          2439277719, 3865271297, 1802195444, 476864866, 2238001368, 4066508878, 1812370925,
          453092731, 2181625025, 4111451223, 1706088902, 314042704, 2344532202, 4240017532,
          1658658271, 366619977, 2362670323, 4224994405, 1303535960, 984961486, 2747007092,
          3569037538, 1256170817, 1037604311, 2765210733, 3554079995, 1131014506, 879679996,
          2909243462, 3663771856, 1141124467, 855842277, 2852801631, 3708648649, 1342533948,
          654459306, 3188396048, 3373015174, 1466479909, 544179635, 3110523913, 3462522015,
          1591671054, 702138776, 2966460450, 3352799412, 1504918807, 783551873, 3082640443,
          3233442989, 3988292384, 2596254646, 62317068, 1957810842, 3939845945, 2647816111,
          81470997, 1943803523, 3814918930, 2489596804, 225274430, 2053790376, 3826175755,
          2466906013, 167816743, 2097651377, 4027552580, 2265490386, 503444072, 1762050814,
          4150417245, 2154129355, 426522225, 1852507879, 4275313526, 2312317920, 282753626,
          1742555852, 4189708143, 2394877945, 397917763, 1622183637, 3604390888, 2714866558,
          953729732, 1340076626, 3518719985, 2797360999, 1068828381, 1219638859, 3624741850,
          2936675148, 906185462, 1090812512, 3747672003, 2825379669, 829329135, 1181335161,
          3412177804, 3160834842, 628085408, 1382605366, 3423369109, 3138078467, 570562233,
          1426400815, 3317316542, 2998733608, 733239954, 1555261956, 3268935591, 3050360625,
          752459403, 1541320221, 2607071920, 3965973030, 1969922972, 40735498, 2617837225,
          3943577151, 1913087877, 83908371, 2512341634, 3803740692, 2075208622, 213261112,
          2463272603, 3855990285, 2094854071, 198958881, 2262029012, 4057260610, 1759359992,
          534414190, 2176718541, 4139329115, 1873836001, 414664567, 2282248934, 4279200368,
          1711684554, 285281116, 2405801727, 4167216745, 1634467795, 376229701, 2685067896,
          3608007406, 1308918612, 956543938, 2808555105, 3495958263, 1231636301, 1047427035,
          2932959818, 3654703836, 1088359270, 936918000, 2847714899, 3736837829, 1202900863,
          817233897, 3183342108, 3401237130, 1404277552, 615818150, 3134207493, 3453421203,
          1423857449, 601450431, 3009837614, 3294710456, 1567103746, 711928724, 3020668471,
          3272380065, 1510334235, 755167117]"
      s1:
        value: (table[(init ^ data[0]) & 0xff] ^ (init / 256)) % 4294967296
      s2:
        value: (table[(s1 ^ data[1]) & 0xff] ^ (s1 / 256)) % 4294967296
      s3:
        value: (table[(s2 ^ data[2]) & 0xff] ^ (s2 / 256)) % 4294967296
      s4:
        value: (table[(s3 ^ data[3]) & 0xff] ^ (s3 / 256)) % 4294967296
      s5:
        value: (table[(s4 ^ data[4]) & 0xff] ^ (s4 / 256)) % 4294967296
      s6:
        value: (table[(s5 ^ data[5]) & 0xff] ^ (s5 / 256)) % 4294967296
      s7:
        value: (table[(s6 ^ data[6]) & 0xff] ^ (s6 / 256)) % 4294967296
      s8:
        value: (table[(s7 ^ data[7]) & 0xff] ^ (s7 / 256)) % 4294967296
      s9:
        value: (table[(s8 ^ data[8]) & 0xff] ^ (s8 / 256)) % 4294967296
      s10:
        value: (table[(s9 ^ data[9]) & 0xff] ^ (s9 / 256)) % 4294967296
      s11:
        value: (table[(s10 ^ data[10]) & 0xff] ^ (s10 / 256)) % 4294967296
      s12:
        value: (table[(s11 ^ data[11]) & 0xff] ^ (s11 / 256)) % 4294967296
      s13:
        value: (table[(s12 ^ data[12]) & 0xff] ^ (s12 / 256)) % 4294967296
      s14:
        value: (table[(s13 ^ data[13]) & 0xff] ^ (s13 / 256)) % 4294967296
      s15:
        value: (table[(s14 ^ data[14]) & 0xff] ^ (s14 / 256)) % 4294967296
      s16:
        value: (table[(s15 ^ data[15]) & 0xff] ^ (s15 / 256)) % 4294967296
      s17:
        value: (table[(s16 ^ data[16]) & 0xff] ^ (s16 / 256)) % 4294967296
      s18:
        value: (table[(s17 ^ data[17]) & 0xff] ^ (s17 / 256)) % 4294967296
      s19:
        value: (table[(s18 ^ data[18]) & 0xff] ^ (s18 / 256)) % 4294967296
      s20:
        value: (table[(s19 ^ data[19]) & 0xff] ^ (s19 / 256)) % 4294967296
      register:
        value: s20
        doc: The CRC register after these bytes, to continue with.
      value:
        value: (s20 ^ 4294967295) % 4294967296
        doc: The finished CRC-32.
  crc32_24:
    doc: CRC-32 of exactly 24 bytes, unrolled (Kaitai expressions have no loops).
    params:
      - id: init
        type: u4
        doc: "The register to start from: 4294967295 for a new CRC."
    seq:
      - id: data
        size: 24
    instances:
      table:
        value: "[0, 1996959894, 3993919788, 2567524794, 124634137, 1886057615, 3915621685, 2657392035,
          249268274, 2044508324, 3772115230, 2547177864, 162941995, 2125561021, 3887607047,
          2428444049, 498536548, 1789927666, 4089016648, 2227061214, 450548861, 1843258603,
          4107580753, 2211677639, 325883990, 1684777152, 4251122042, 2321926636, 335633487,
          1661365465, 4195302755, 2366115317, 997073096, 1281953886, 3579855332, 2724688242,
          1006888145, 1258607687, 3524101629, 2768942443, 901097722, 1119000684, 3686517206,
          2898065728, 853044451, 1172266101, 3705015759, 2882616665, 651767980, 1373503546,
          3369554304, 3218104598, 565507253, 1454621731, 3485111705, 3099436303, 671266974,
          1594198024, 3322730930, 2970347812, 795835527, 1483230225, 3244367275, 3060149565,
          1994146192, 31158534, 2563907772, 4023717930, 1907459465, 112637215, 2680153253,
          3904427059, 2013776290, 251722036, 2517215374, 3775830040, 2137656763, 141376813,
          2439277719, 3865271297, 1802195444, 476864866, 2238001368, 4066508878, 1812370925,
          453092731, 2181625025, 4111451223, 1706088902, 314042704, 2344532202, 4240017532,
          1658658271, 366619977, 2362670323, 4224994405, 1303535960, 984961486, 2747007092,
          3569037538, 1256170817, 1037604311, 2765210733, 3554079995, 1131014506, 879679996,
          2909243462, 3663771856, 1141124467, 855842277, 2852801631, 3708648649, 1342533948,
          654459306, 3188396048, 3373015174, 1466479909, 544179635, 3110523913, 3462522015,
          1591671054, 702138776, 2966460450, 3352799412, 1504918807, 783551873, 3082640443,
          3233442989, 3988292384, 2596254646, 62317068, 1957810842, 3939845945, 2647816111,
          81470997, 1943803523, 3814918930, 2489596804, 225274430, 2053790376, 3826175755,
          2466906013, 167816743, 2097651377, 4027552580, 2265490386, 503444072, 1762050814,
          4150417245, 2154129355, 426522225, 1852507879, 4275313526, 2312317920, 282753626,
          1742555852, 4189708143, 2394877945, 397917763, 1622183637, 3604390888, 2714866558,
          953729732, 1340076626, 3518719985, 2797360999, 1068828381, 1219638859, 3624741850,
          2936675148, 906185462, 1090812512, 3747672003, 2825379669, 829329135, 1181335161,
          3412177804, 3160834842, 628085408, 1382605366, 3423369109, 3138078467, 570562233,
          1426400815, 3317316542, 2998733608, 733239954, 1555261956, 3268935591, 3050360625,
          752459403, 1541320221, 2607071920, 3965973030, 1969922972, 40735498, 2617837225,
          3943577151, 1913087877, 83908371, 2512341634, 3803740692, 2075208622, 213261112,
          2463272603, 3855990285, 2094854071, 198958881, 2262029012, 4057260610, 1759359992,
          534414190, 2176718541, 4139329115, 1873836001, 414664567, 2282248934, 4279200368,
          1711684554, 285281116, 2405801727, 4167216745, 1634467795, 376229701, 2685067896,
          3608007406, 1308918612, 956543938, 2808555105, 3495958263, 1231636301, 1047427035,
          2932959818, 3654703836, 1088359270, 936918000, 2847714899, 3736837829, 1202900863,
          817233897, 3183342108, 3401237130, 1404277552, 615818150, 3134207493, 3453421203,
          1423857449, 601450431, 3009837614, 3294710456, 1567103746, 711928724, 3020668471,
          3272380065, 1510334235, 755167117]"
      s1:
        value: (table[(init ^ data[0]) & 0xff] ^ (init / 256)) % 4294967296
      s2:
        value: (table[(s1 ^ data[1]) & 0xff] ^ (s1 / 256)) % 4294967296
      s3:
        value: (table[(s2 ^ data[2]) & 0xff] ^ (s2 / 256)) % 4294967296
      s4:
        value: (table[(s3 ^ data[3]) & 0xff] ^ (s3 / 256)) % 4294967296
      s5:
        value: (table[(s4 ^ data[4]) & 0xff] ^ (s4 / 256)) % 4294967296
      s6:
        value: (table[(s5 ^ data[5]) & 0xff] ^ (s5 / 256)) % 4294967296
      s7:
        value: (table[(s6 ^ data[6]) & 0xff] ^ (s6 / 256)) % 4294967296
      s8:
        value: (table[(s7 ^ data[7]) & 0xff] ^ (s7 / 256)) % 4294967296
      s9:
        value: (table[(s8 ^ data[8]) & 0xff] ^ (s8 / 256)) % 4294967296
      s10:
        value: (table[(s9 ^ data[9]) & 0xff] ^ (s9 / 256)) % 4294967296
      s11:
        value: (table[(s10 ^ data[10]) & 0xff] ^ (s10 / 256)) % 4294967296
      s12:
        value: (table[(s11 ^ data[11]) & 0xff] ^ (s11 / 256)) % 4294967296
      s13:
        value: (table[(s12 ^ data[12]) & 0xff] ^ (s12 / 256)) % 4294967296
      s14:
        value: (table[(s13 ^ data[13]) & 0xff] ^ (s13 / 256)) % 4294967296
      s15:
        value: (table[(s14 ^ data[14]) & 0xff] ^ (s14 / 256)) % 4294967296
      s16:
        value: (table[(s15 ^ data[15]) & 0xff] ^ (s15 / 256)) % 4294967296
      s17:
        value: (table[(s16 ^ data[16]) & 0xff] ^ (s16 / 256)) % 4294967296
      s18:
        value: (table[(s17 ^ data[17]) & 0xff] ^ (s17 / 256)) % 4294967296
      s19:
        value: (table[(s18 ^ data[18]) & 0xff] ^ (s18 / 256)) % 4294967296
      s20:
        value: (table[(s19 ^ data[19]) & 0xff] ^ (s19 / 256)) % 4294967296
      s21:
        value: (table[(s20 ^ data[20]) & 0xff] ^ (s20 / 256)) % 4294967296
      s22:
        value: (table[(s21 ^ data[21]) & 0xff] ^ (s21 / 256)) % 4294967296
      s23:
        value: (table[(s22 ^ data[22]) & 0xff] ^ (s22 / 256)) % 4294967296
      s24:
        value: (table[(s23 ^ data[23]) & 0xff] ^ (s23 / 256)) % 4294967296
      register:
        value: s24
        doc: The CRC register after these bytes, to continue with.
      value:
        value: (s24 ^ 4294967295) % 4294967296
        doc: The finished CRC-32.
  crc32_64:
    doc: CRC-32 of exactly 64 bytes, unrolled (Kaitai expressions have no loops).
    params:
      - id: init
        type: u4
        doc: "The register to start from: 4294967295 for a new CRC."
    seq:
      - id: data
        size: 64
    instances:
      table:
        value: "[0, 1996959894, 3993919788, 2567524794, 124634137, 1886057615, 3915621685, 2657392035,
          249268274, 2044508324, 3772115230, 2547177864, 162941995, 2125561021, 3887607047,
          2428444049, 498536548, 1789927666, 4089016648, 2227061214, 450548861, 1843258603,
          4107580753, 2211677639, 325883990, 1684777152, 4251122042, 2321926636, 335633487,
          1661365465, 4195302755, 2366115317, 997073096, 1281953886, 3579855332, 2724688242,
          1006888145, 1258607687, 3524101629, 2768942443, 901097722, 1119000684, 3686517206,
          2898065728, 853044451, 1172266101, 3705015759, 2882616665, 651767980, 1373503546,
          3369554304, 3218104598, 565507253, 1454621731, 3485111705, 3099436303, 671266974,
          1594198024, 3322730930, 2970347812, 795835527, 1483230225, 3244367275, 3060149565,
          1994146192, 31158534, 2563907772, 4023717930, 1907459465, 112637215, 2680153253,
          3904427059, 2013776290, 251722036, 2517215374, 3775830040, 2137656763, 141376813,
          2439277719, 3865271297, 1802195444, 476864866, 2238001368, 4066508878, 1812370925,
          453092731, 2181625025, 4111451223, 1706088902, 314042704, 2344532202, 4240017532,
          1658658271, 366619977, 2362670323, 4224994405, 1303535960, 984961486, 2747007092,
          3569037538, 1256170817, 1037604311, 2765210733, 3554079995, 1131014506, 879679996,
          2909243462, 3663771856, 1141124467, 855842277, 2852801631, 3708648649, 1342533948,
          654459306, 3188396048, 3373015174, 1466479909, 544179635, 3110523913, 3462522015,
          1591671054, 702138776, 2966460450, 3352799412, 1504918807, 783551873, 3082640443,
          3233442989, 3988292384, 2596254646, 62317068, 1957810842, 3939845945, 2647816111,
          81470997, 1943803523, 3814918930, 2489596804, 225274430, 2053790376, 3826175755,
          2466906013, 167816743, 2097651377, 4027552580, 2265490386, 503444072, 1762050814,
          4150417245, 2154129355, 426522225, 1852507879, 4275313526, 2312317920, 282753626,
          1742555852, 4189708143, 2394877945, 397917763, 1622183637, 3604390888, 2714866558,
          953729732, 1340076626, 3518719985, 2797360999, 1068828381, 1219638859, 3624741850,
          2936675148, 906185462, 1090812512, 3747672003, 2825379669, 829329135, 1181335161,
          3412177804, 3160834842, 628085408, 1382605366, 3423369109, 3138078467, 570562233,
          1426400815, 3317316542, 2998733608, 733239954, 1555261956, 3268935591, 3050360625,
          752459403, 1541320221, 2607071920, 3965973030, 1969922972, 40735498, 2617837225,
          3943577151, 1913087877, 83908371, 2512341634, 3803740692, 2075208622, 213261112,
          2463272603, 3855990285, 2094854071, 198958881, 2262029012, 4057260610, 1759359992,
          534414190, 2176718541, 4139329115, 1873836001, 414664567, 2282248934, 4279200368,
          1711684554, 285281116, 2405801727, 4167216745, 1634467795, 376229701, 2685067896,
          3608007406, 1308918612, 956543938, 2808555105, 3495958263, 1231636301, 1047427035,
          2932959818, 3654703836, 1088359270, 936918000, 2847714899, 3736837829, 1202900863,
          817233897, 3183342108, 3401237130, 1404277552, 615818150, 3134207493, 3453421203,
          1423857449, 601450431, 3009837614, 3294710456, 1567103746, 711928724, 3020668471,
          3272380065, 1510334235, 755167117]"
      s1:
        value: (table[(init ^ data[0]) & 0xff] ^ (init / 256)) % 4294967296
      s2:
        value: (table[(s1 ^ data[1]) & 0xff] ^ (s1 / 256)) % 4294967296
      s3:
        value: (table[(s2 ^ data[2]) & 0xff] ^ (s2 / 256)) % 4294967296
      s4:
        value: (table[(s3 ^ data[3]) & 0xff] ^ (s3 / 256)) % 4294967296
      s5:
        value: (table[(s4 ^ data[4]) & 0xff] ^ (s4 / 256)) % 4294967296
      s6:
        value: (table[(s5 ^ data[5]) & 0xff] ^ (s5 / 256)) % 4294967296
      s7:
        value: (table[(s6 ^ data[6]) & 0xff] ^ (s6 / 256)) % 4294967296
      s8:
        value: (table[(s7 ^ data[7]) & 0xff] ^ (s7 / 256)) % 4294967296
      s9:
        value: (table[(s8 ^ data[8]) & 0xff] ^ (s8 / 256)) % 4294967296
      s10:
        value: (table[(s9 ^ data[9]) & 0xff] ^ (s9 / 256)) % 4294967296
      s11:
        value: (table[(s10 ^ data[10]) & 0xff] ^ (s10 / 256)) % 4294967296
      s12:
        value: (table[(s11 ^ data[11]) & 0xff] ^ (s11 / 256)) % 4294967296
      s13:
        value: (table[(s12 ^ data[12]) & 0xff] ^ (s12 / 256)) % 4294967296
      s14:
        value: (table[(s13 ^ data[13]) & 0xff] ^ (s13 / 256)) % 4294967296
      s15:
        value: (table[(s14 ^ data[14]) & 0xff] ^ (s14 / 256)) % 4294967296
      s16:
        value: (table[(s15 ^ data[15]) & 0xff] ^ (s15 / 256)) % 4294967296
      s17:
        value: (table[(s16 ^ data[16]) & 0xff] ^ (s16 / 256)) % 4294967296
      s18:
        value: (table[(s17 ^ data[17]) & 0xff] ^ (s17 / 256)) % 4294967296
      s19:
        value: (table[(s18 ^ data[18]) & 0xff] ^ (s18 / 256)) % 4294967296
      s20:
        value: (table[(s19 ^ data[19]) & 0xff] ^ (s19 / 256)) % 4294967296
      s21:
        value: (table[(s20 ^ data[20]) & 0xff] ^ (s20 / 256)) % 4294967296
      s22:
        value: (table[(s21 ^ data[21]) & 0xff] ^ (s21 / 256)) % 4294967296
      s23:
        value: (table[(s22 ^ data[22]) & 0xff] ^ (s22 / 256)) % 4294967296
      s24:
        value: (table[(s23 ^ data[23]) & 0xff] ^ (s23 / 256)) % 4294967296
      s25:
        value: (table[(s24 ^ data[24]) & 0xff] ^ (s24 / 256)) % 4294967296
      s26:
        value: (table[(s25 ^ data[25]) & 0xff] ^ (s25 / 256)) % 4294967296
      s27:
        value: (table[(s26 ^ data[26]) & 0xff] ^ (s26 / 256)) % 4294967296
      s28:
        value: (table[(s27 ^ data[27]) & 0xff] ^ (s27 / 256)) % 4294967296
      s29:
        value: (table[(s28 ^ data[28]) & 0xff] ^ (s28 / 256)) % 4294967296
      s30:
        value: (table[(s29 ^ data[29]) & 0xff] ^ (s29 / 256)) % 4294967296
      s31:
        value: (table[(s30 ^ data[30]) & 0xff] ^ (s30 / 256)) % 4294967296
      s32:
        value: (table[(s31 ^ data[31]) & 0xff] ^ (s31 / 256)) % 4294967296
      s33:
        value: (table[(s32 ^ data[32]) & 0xff] ^ (s32 / 256)) % 4294967296
      s34:
        value: (table[(s33 ^ data[33]) & 0xff] ^ (s33 / 256)) % 4294967296
      s35:
        value: (table[(s34 ^ data[34]) & 0xff] ^ (s34 / 256)) % 4294967296
      s36:
        value: (table[(s35 ^ data[35]) & 0xff] ^ (s35 / 256)) % 4294967296
      s37:
        value: (table[(s36 ^ data[36]) & 0xff] ^ (s36 / 256)) % 4294967296
      s38:
        value: (table[(s37 ^ data[37]) & 0xff] ^ (s37 / 256)) % 4294967296
      s39:
        value: (table[(s38 ^ data[38]) & 0xff] ^ (s38 / 256)) % 4294967296
      s40:
        value: (table[(s39 ^ data[39]) & 0xff] ^ (s39 / 256)) % 4294967296
      s41:
        value: (table[(s40 ^ data[40]) & 0xff] ^ (s40 / 256)) % 4294967296
      s42:
        value: (table[(s41 ^ data[41]) & 0xff] ^ (s41 / 256)) % 4294967296
      s43:
        value: (table[(s42 ^ data[42]) & 0xff] ^ (s42 / 256)) % 4294967296
      s44:
        value: (table[(s43 ^ data[43]) & 0xff] ^ (s43 / 256)) % 4294967296
      s45:
        value: (table[(s44 ^ data[44]) & 0xff] ^ (s44 / 256)) % 4294967296
      s46:
        value: (table[(s45 ^ data[45]) & 0xff] ^ (s45 / 256)) % 4294967296
      s47:
        value: (table[(s46 ^ data[46]) & 0xff] ^ (s46 / 256)) % 4294967296
      s48:
        value: (table[(s47 ^ data[47]) & 0xff] ^ (s47 / 256)) % 4294967296
      s49:
        value: (table[(s48 ^ data[48]) & 0xff] ^ (s48 / 256)) % 4294967296
      s50:
        value: (table[(s49 ^ data[49]) & 0xff] ^ (s49 / 256)) % 4294967296
      s51:
        value: (table[(s50 ^ data[50]) & 0xff] ^ (s50 / 256)) % 4294967296
      s52:
        value: (table[(s51 ^ data[51]) & 0xff] ^ (s51 / 256)) % 4294967296
      s53:
        value: (table[(s52 ^ data[52]) & 0xff] ^ (s52 / 256)) % 4294967296
      s54:
        value: (table[(s53 ^ data[53]) & 0xff] ^ (s53 / 256)) % 4294967296
      s55:
        value: (table[(s54 ^ data[54]) & 0xff] ^ (s54 / 256)) % 4294967296
      s56:
        value: (table[(s55 ^ data[55]) & 0xff] ^ (s55 / 256)) % 4294967296
      s57:
        value: (table[(s56 ^ data[56]) & 0xff] ^ (s56 / 256)) % 4294967296
      s58:
        value: (table[(s57 ^ data[57]) & 0xff] ^ (s57 / 256)) % 4294967296
      s59:
        value: (table[(s58 ^ data[58]) & 0xff] ^ (s58 / 256)) % 4294967296
      s60:
        value: (table[(s59 ^ data[59]) & 0xff] ^ (s59 / 256)) % 4294967296
      s61:
        value: (table[(s60 ^ data[60]) & 0xff] ^ (s60 / 256)) % 4294967296
      s62:
        value: (table[(s61 ^ data[61]) & 0xff] ^ (s61 / 256)) % 4294967296
      s63:
        value: (table[(s62 ^ data[62]) & 0xff] ^ (s62 / 256)) % 4294967296
      s64:
        value: (table[(s63 ^ data[63]) & 0xff] ^ (s63 / 256)) % 4294967296
      register:
        value: s64
        doc: The CRC register after these bytes, to continue with.
      value:
        value: (s64 ^ 4294967295) % 4294967296
        doc: The finished CRC-32.
