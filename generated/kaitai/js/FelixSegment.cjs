// generated — do not edit; edit spec/ and run `npm run generate`
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

(function (root, factory) {
  if (typeof define === 'function' && define.amd) {
    define(['kaitai-struct/KaitaiStream'], factory);
  } else if (typeof module === 'object' && module.exports) {
    module.exports = factory(require('kaitai-struct/KaitaiStream'));
  } else {
    root.FelixSegment = factory(root.KaitaiStream);
  }
}(typeof self !== 'undefined' ? self : this, function (KaitaiStream) {
/**
 * A durable stream shard is a directory of segment files, each an append-only run of records with contiguous logical offsets, and beside each segment a sparse index from offsets to byte positions. The format is versioned independently of the wire protocol: frames may change shape for latency, while bytes already on disk must stay readable by every later build. Every record carries checksums over its own header and payload, so bit rot and torn writes are detected when read rather than inferred; a reader can step from record to record with `position + 28 + payload_len` without touching payload bytes; and no length read from disk sizes an allocation before it has been range-checked.
 * 
 * A segment file is its 32-byte header and then records back to back up to the end of the file. The header is written and fsynced before any record, so damage to it is never a torn write. Records carry offsets base_offset, base_offset + 1, … in file order.
 * 
 * Checks run in the spec's order as the file parses; every failure is a validation error whose srcPath felix_segment.errors.json maps to the spec's error code and field. Not checked while parsing: record.checksum (the lazy instance checksum_ok); to find problems in file order, read the records one at a time with the record type (start = the stream position, index = its number, parent = an object holding the header and the records read so far) and ask each one's check before reading the next.
 * @see spec/storage.yaml
 */

var FelixSegment = (function() {
  function FelixSegment(_io, _parent, _root) {
    this._io = _io;
    this._parent = _parent;
    this._root = _root || this;

    this._read();
  }
  FelixSegment.prototype._read = function() {
    this.header = new SegmentHeader(this._io, this, this._root, this._io.pos);
    this.records = [];
    var i = 0;
    while (!this._io.isEof()) {
      this.records.push(new Record(this._io, this, this._root, this._io.pos, i));
      i++;
    }
  }

  /**
   * CRC-32 of the whole stream it is parsed from: 64-byte blocks, then single bytes.
   */

  var Crc32Run = FelixSegment.Crc32Run = (function() {
    function Crc32Run(_io, _parent, _root, init) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;
      this.init = init;

      this._read();
    }
    Crc32Run.prototype._read = function() {
      this.blocks = [];
      for (var i = 0; i < Math.floor(this._io.size / 64); i++) {
        this.blocks.push(new Crc3264(this._io, this, this._root, (i == 0 ? this.init : this.blocks[(i - 1)].register)));
      }
      this.tail = [];
      for (var i = 0; i < KaitaiStream.mod(this._io.size, 64); i++) {
        this.tail.push(new Crc321(this._io, this, this._root, (i == 0 ? (this.blocks.length == 0 ? this.init : this.blocks[this.blocks.length - 1].register) : this.tail[(i - 1)].register)));
      }
    }
    Object.defineProperty(Crc32Run.prototype, 'register', {
      get: function() {
        if (this._m_register !== undefined)
          return this._m_register;
        this._m_register = (this.tail.length > 0 ? this.tail[this.tail.length - 1].register : (this.blocks.length > 0 ? this.blocks[this.blocks.length - 1].register : this.init));
        return this._m_register;
      }
    });

    /**
     * The finished CRC-32.
     */
    Object.defineProperty(Crc32Run.prototype, 'value', {
      get: function() {
        if (this._m_value !== undefined)
          return this._m_value;
        this._m_value = KaitaiStream.mod((this.register ^ 4294967295), 4294967296);
        return this._m_value;
      }
    });

    /**
     * The register to start from.
     */

    return Crc32Run;
  })();

  /**
   * CRC-32 of exactly 1 bytes, unrolled (Kaitai expressions have no loops).
   */

  var Crc321 = FelixSegment.Crc321 = (function() {
    function Crc321(_io, _parent, _root, init) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;
      this.init = init;

      this._read();
    }
    Crc321.prototype._read = function() {
      this.data = this._io.readBytes(1);
    }
    Object.defineProperty(Crc321.prototype, 'table', {
      get: function() {
        if (this._m_table !== undefined)
          return this._m_table;
        this._m_table = [0, 1996959894, 3993919788, 2567524794, 124634137, 1886057615, 3915621685, 2657392035, 249268274, 2044508324, 3772115230, 2547177864, 162941995, 2125561021, 3887607047, 2428444049, 498536548, 1789927666, 4089016648, 2227061214, 450548861, 1843258603, 4107580753, 2211677639, 325883990, 1684777152, 4251122042, 2321926636, 335633487, 1661365465, 4195302755, 2366115317, 997073096, 1281953886, 3579855332, 2724688242, 1006888145, 1258607687, 3524101629, 2768942443, 901097722, 1119000684, 3686517206, 2898065728, 853044451, 1172266101, 3705015759, 2882616665, 651767980, 1373503546, 3369554304, 3218104598, 565507253, 1454621731, 3485111705, 3099436303, 671266974, 1594198024, 3322730930, 2970347812, 795835527, 1483230225, 3244367275, 3060149565, 1994146192, 31158534, 2563907772, 4023717930, 1907459465, 112637215, 2680153253, 3904427059, 2013776290, 251722036, 2517215374, 3775830040, 2137656763, 141376813, 2439277719, 3865271297, 1802195444, 476864866, 2238001368, 4066508878, 1812370925, 453092731, 2181625025, 4111451223, 1706088902, 314042704, 2344532202, 4240017532, 1658658271, 366619977, 2362670323, 4224994405, 1303535960, 984961486, 2747007092, 3569037538, 1256170817, 1037604311, 2765210733, 3554079995, 1131014506, 879679996, 2909243462, 3663771856, 1141124467, 855842277, 2852801631, 3708648649, 1342533948, 654459306, 3188396048, 3373015174, 1466479909, 544179635, 3110523913, 3462522015, 1591671054, 702138776, 2966460450, 3352799412, 1504918807, 783551873, 3082640443, 3233442989, 3988292384, 2596254646, 62317068, 1957810842, 3939845945, 2647816111, 81470997, 1943803523, 3814918930, 2489596804, 225274430, 2053790376, 3826175755, 2466906013, 167816743, 2097651377, 4027552580, 2265490386, 503444072, 1762050814, 4150417245, 2154129355, 426522225, 1852507879, 4275313526, 2312317920, 282753626, 1742555852, 4189708143, 2394877945, 397917763, 1622183637, 3604390888, 2714866558, 953729732, 1340076626, 3518719985, 2797360999, 1068828381, 1219638859, 3624741850, 2936675148, 906185462, 1090812512, 3747672003, 2825379669, 829329135, 1181335161, 3412177804, 3160834842, 628085408, 1382605366, 3423369109, 3138078467, 570562233, 1426400815, 3317316542, 2998733608, 733239954, 1555261956, 3268935591, 3050360625, 752459403, 1541320221, 2607071920, 3965973030, 1969922972, 40735498, 2617837225, 3943577151, 1913087877, 83908371, 2512341634, 3803740692, 2075208622, 213261112, 2463272603, 3855990285, 2094854071, 198958881, 2262029012, 4057260610, 1759359992, 534414190, 2176718541, 4139329115, 1873836001, 414664567, 2282248934, 4279200368, 1711684554, 285281116, 2405801727, 4167216745, 1634467795, 376229701, 2685067896, 3608007406, 1308918612, 956543938, 2808555105, 3495958263, 1231636301, 1047427035, 2932959818, 3654703836, 1088359270, 936918000, 2847714899, 3736837829, 1202900863, 817233897, 3183342108, 3401237130, 1404277552, 615818150, 3134207493, 3453421203, 1423857449, 601450431, 3009837614, 3294710456, 1567103746, 711928724, 3020668471, 3272380065, 1510334235, 755167117];
        return this._m_table;
      }
    });
    Object.defineProperty(Crc321.prototype, 's1', {
      get: function() {
        if (this._m_s1 !== undefined)
          return this._m_s1;
        this._m_s1 = KaitaiStream.mod((this.table[((this.init ^ this.data[0]) & 255)] ^ Math.floor(this.init / 256)), 4294967296);
        return this._m_s1;
      }
    });

    /**
     * The CRC register after these bytes, to continue with.
     */
    Object.defineProperty(Crc321.prototype, 'register', {
      get: function() {
        if (this._m_register !== undefined)
          return this._m_register;
        this._m_register = this.s1;
        return this._m_register;
      }
    });

    /**
     * The finished CRC-32.
     */
    Object.defineProperty(Crc321.prototype, 'value', {
      get: function() {
        if (this._m_value !== undefined)
          return this._m_value;
        this._m_value = KaitaiStream.mod((this.s1 ^ 4294967295), 4294967296);
        return this._m_value;
      }
    });

    /**
     * The register to start from: 4294967295 for a new CRC.
     */

    return Crc321;
  })();

  /**
   * CRC-32 of exactly 64 bytes, unrolled (Kaitai expressions have no loops).
   */

  var Crc3264 = FelixSegment.Crc3264 = (function() {
    function Crc3264(_io, _parent, _root, init) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;
      this.init = init;

      this._read();
    }
    Crc3264.prototype._read = function() {
      this.data = this._io.readBytes(64);
    }
    Object.defineProperty(Crc3264.prototype, 's4', {
      get: function() {
        if (this._m_s4 !== undefined)
          return this._m_s4;
        this._m_s4 = KaitaiStream.mod((this.table[((this.s3 ^ this.data[3]) & 255)] ^ Math.floor(this.s3 / 256)), 4294967296);
        return this._m_s4;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's25', {
      get: function() {
        if (this._m_s25 !== undefined)
          return this._m_s25;
        this._m_s25 = KaitaiStream.mod((this.table[((this.s24 ^ this.data[24]) & 255)] ^ Math.floor(this.s24 / 256)), 4294967296);
        return this._m_s25;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's64', {
      get: function() {
        if (this._m_s64 !== undefined)
          return this._m_s64;
        this._m_s64 = KaitaiStream.mod((this.table[((this.s63 ^ this.data[63]) & 255)] ^ Math.floor(this.s63 / 256)), 4294967296);
        return this._m_s64;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's46', {
      get: function() {
        if (this._m_s46 !== undefined)
          return this._m_s46;
        this._m_s46 = KaitaiStream.mod((this.table[((this.s45 ^ this.data[45]) & 255)] ^ Math.floor(this.s45 / 256)), 4294967296);
        return this._m_s46;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's20', {
      get: function() {
        if (this._m_s20 !== undefined)
          return this._m_s20;
        this._m_s20 = KaitaiStream.mod((this.table[((this.s19 ^ this.data[19]) & 255)] ^ Math.floor(this.s19 / 256)), 4294967296);
        return this._m_s20;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's1', {
      get: function() {
        if (this._m_s1 !== undefined)
          return this._m_s1;
        this._m_s1 = KaitaiStream.mod((this.table[((this.init ^ this.data[0]) & 255)] ^ Math.floor(this.init / 256)), 4294967296);
        return this._m_s1;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's29', {
      get: function() {
        if (this._m_s29 !== undefined)
          return this._m_s29;
        this._m_s29 = KaitaiStream.mod((this.table[((this.s28 ^ this.data[28]) & 255)] ^ Math.floor(this.s28 / 256)), 4294967296);
        return this._m_s29;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's34', {
      get: function() {
        if (this._m_s34 !== undefined)
          return this._m_s34;
        this._m_s34 = KaitaiStream.mod((this.table[((this.s33 ^ this.data[33]) & 255)] ^ Math.floor(this.s33 / 256)), 4294967296);
        return this._m_s34;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's51', {
      get: function() {
        if (this._m_s51 !== undefined)
          return this._m_s51;
        this._m_s51 = KaitaiStream.mod((this.table[((this.s50 ^ this.data[50]) & 255)] ^ Math.floor(this.s50 / 256)), 4294967296);
        return this._m_s51;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's39', {
      get: function() {
        if (this._m_s39 !== undefined)
          return this._m_s39;
        this._m_s39 = KaitaiStream.mod((this.table[((this.s38 ^ this.data[38]) & 255)] ^ Math.floor(this.s38 / 256)), 4294967296);
        return this._m_s39;
      }
    });

    /**
     * The CRC register after these bytes, to continue with.
     */
    Object.defineProperty(Crc3264.prototype, 'register', {
      get: function() {
        if (this._m_register !== undefined)
          return this._m_register;
        this._m_register = this.s64;
        return this._m_register;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's21', {
      get: function() {
        if (this._m_s21 !== undefined)
          return this._m_s21;
        this._m_s21 = KaitaiStream.mod((this.table[((this.s20 ^ this.data[20]) & 255)] ^ Math.floor(this.s20 / 256)), 4294967296);
        return this._m_s21;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's53', {
      get: function() {
        if (this._m_s53 !== undefined)
          return this._m_s53;
        this._m_s53 = KaitaiStream.mod((this.table[((this.s52 ^ this.data[52]) & 255)] ^ Math.floor(this.s52 / 256)), 4294967296);
        return this._m_s53;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's59', {
      get: function() {
        if (this._m_s59 !== undefined)
          return this._m_s59;
        this._m_s59 = KaitaiStream.mod((this.table[((this.s58 ^ this.data[58]) & 255)] ^ Math.floor(this.s58 / 256)), 4294967296);
        return this._m_s59;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's30', {
      get: function() {
        if (this._m_s30 !== undefined)
          return this._m_s30;
        this._m_s30 = KaitaiStream.mod((this.table[((this.s29 ^ this.data[29]) & 255)] ^ Math.floor(this.s29 / 256)), 4294967296);
        return this._m_s30;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's44', {
      get: function() {
        if (this._m_s44 !== undefined)
          return this._m_s44;
        this._m_s44 = KaitaiStream.mod((this.table[((this.s43 ^ this.data[43]) & 255)] ^ Math.floor(this.s43 / 256)), 4294967296);
        return this._m_s44;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's60', {
      get: function() {
        if (this._m_s60 !== undefined)
          return this._m_s60;
        this._m_s60 = KaitaiStream.mod((this.table[((this.s59 ^ this.data[59]) & 255)] ^ Math.floor(this.s59 / 256)), 4294967296);
        return this._m_s60;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's32', {
      get: function() {
        if (this._m_s32 !== undefined)
          return this._m_s32;
        this._m_s32 = KaitaiStream.mod((this.table[((this.s31 ^ this.data[31]) & 255)] ^ Math.floor(this.s31 / 256)), 4294967296);
        return this._m_s32;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's38', {
      get: function() {
        if (this._m_s38 !== undefined)
          return this._m_s38;
        this._m_s38 = KaitaiStream.mod((this.table[((this.s37 ^ this.data[37]) & 255)] ^ Math.floor(this.s37 / 256)), 4294967296);
        return this._m_s38;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's57', {
      get: function() {
        if (this._m_s57 !== undefined)
          return this._m_s57;
        this._m_s57 = KaitaiStream.mod((this.table[((this.s56 ^ this.data[56]) & 255)] ^ Math.floor(this.s56 / 256)), 4294967296);
        return this._m_s57;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's19', {
      get: function() {
        if (this._m_s19 !== undefined)
          return this._m_s19;
        this._m_s19 = KaitaiStream.mod((this.table[((this.s18 ^ this.data[18]) & 255)] ^ Math.floor(this.s18 / 256)), 4294967296);
        return this._m_s19;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's27', {
      get: function() {
        if (this._m_s27 !== undefined)
          return this._m_s27;
        this._m_s27 = KaitaiStream.mod((this.table[((this.s26 ^ this.data[26]) & 255)] ^ Math.floor(this.s26 / 256)), 4294967296);
        return this._m_s27;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's31', {
      get: function() {
        if (this._m_s31 !== undefined)
          return this._m_s31;
        this._m_s31 = KaitaiStream.mod((this.table[((this.s30 ^ this.data[30]) & 255)] ^ Math.floor(this.s30 / 256)), 4294967296);
        return this._m_s31;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's2', {
      get: function() {
        if (this._m_s2 !== undefined)
          return this._m_s2;
        this._m_s2 = KaitaiStream.mod((this.table[((this.s1 ^ this.data[1]) & 255)] ^ Math.floor(this.s1 / 256)), 4294967296);
        return this._m_s2;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's8', {
      get: function() {
        if (this._m_s8 !== undefined)
          return this._m_s8;
        this._m_s8 = KaitaiStream.mod((this.table[((this.s7 ^ this.data[7]) & 255)] ^ Math.floor(this.s7 / 256)), 4294967296);
        return this._m_s8;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's54', {
      get: function() {
        if (this._m_s54 !== undefined)
          return this._m_s54;
        this._m_s54 = KaitaiStream.mod((this.table[((this.s53 ^ this.data[53]) & 255)] ^ Math.floor(this.s53 / 256)), 4294967296);
        return this._m_s54;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's26', {
      get: function() {
        if (this._m_s26 !== undefined)
          return this._m_s26;
        this._m_s26 = KaitaiStream.mod((this.table[((this.s25 ^ this.data[25]) & 255)] ^ Math.floor(this.s25 / 256)), 4294967296);
        return this._m_s26;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's62', {
      get: function() {
        if (this._m_s62 !== undefined)
          return this._m_s62;
        this._m_s62 = KaitaiStream.mod((this.table[((this.s61 ^ this.data[61]) & 255)] ^ Math.floor(this.s61 / 256)), 4294967296);
        return this._m_s62;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's6', {
      get: function() {
        if (this._m_s6 !== undefined)
          return this._m_s6;
        this._m_s6 = KaitaiStream.mod((this.table[((this.s5 ^ this.data[5]) & 255)] ^ Math.floor(this.s5 / 256)), 4294967296);
        return this._m_s6;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's47', {
      get: function() {
        if (this._m_s47 !== undefined)
          return this._m_s47;
        this._m_s47 = KaitaiStream.mod((this.table[((this.s46 ^ this.data[46]) & 255)] ^ Math.floor(this.s46 / 256)), 4294967296);
        return this._m_s47;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's11', {
      get: function() {
        if (this._m_s11 !== undefined)
          return this._m_s11;
        this._m_s11 = KaitaiStream.mod((this.table[((this.s10 ^ this.data[10]) & 255)] ^ Math.floor(this.s10 / 256)), 4294967296);
        return this._m_s11;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's42', {
      get: function() {
        if (this._m_s42 !== undefined)
          return this._m_s42;
        this._m_s42 = KaitaiStream.mod((this.table[((this.s41 ^ this.data[41]) & 255)] ^ Math.floor(this.s41 / 256)), 4294967296);
        return this._m_s42;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's23', {
      get: function() {
        if (this._m_s23 !== undefined)
          return this._m_s23;
        this._m_s23 = KaitaiStream.mod((this.table[((this.s22 ^ this.data[22]) & 255)] ^ Math.floor(this.s22 / 256)), 4294967296);
        return this._m_s23;
      }
    });

    /**
     * The finished CRC-32.
     */
    Object.defineProperty(Crc3264.prototype, 'value', {
      get: function() {
        if (this._m_value !== undefined)
          return this._m_value;
        this._m_value = KaitaiStream.mod((this.s64 ^ 4294967295), 4294967296);
        return this._m_value;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's37', {
      get: function() {
        if (this._m_s37 !== undefined)
          return this._m_s37;
        this._m_s37 = KaitaiStream.mod((this.table[((this.s36 ^ this.data[36]) & 255)] ^ Math.floor(this.s36 / 256)), 4294967296);
        return this._m_s37;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's61', {
      get: function() {
        if (this._m_s61 !== undefined)
          return this._m_s61;
        this._m_s61 = KaitaiStream.mod((this.table[((this.s60 ^ this.data[60]) & 255)] ^ Math.floor(this.s60 / 256)), 4294967296);
        return this._m_s61;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's58', {
      get: function() {
        if (this._m_s58 !== undefined)
          return this._m_s58;
        this._m_s58 = KaitaiStream.mod((this.table[((this.s57 ^ this.data[57]) & 255)] ^ Math.floor(this.s57 / 256)), 4294967296);
        return this._m_s58;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's28', {
      get: function() {
        if (this._m_s28 !== undefined)
          return this._m_s28;
        this._m_s28 = KaitaiStream.mod((this.table[((this.s27 ^ this.data[27]) & 255)] ^ Math.floor(this.s27 / 256)), 4294967296);
        return this._m_s28;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's49', {
      get: function() {
        if (this._m_s49 !== undefined)
          return this._m_s49;
        this._m_s49 = KaitaiStream.mod((this.table[((this.s48 ^ this.data[48]) & 255)] ^ Math.floor(this.s48 / 256)), 4294967296);
        return this._m_s49;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's17', {
      get: function() {
        if (this._m_s17 !== undefined)
          return this._m_s17;
        this._m_s17 = KaitaiStream.mod((this.table[((this.s16 ^ this.data[16]) & 255)] ^ Math.floor(this.s16 / 256)), 4294967296);
        return this._m_s17;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's40', {
      get: function() {
        if (this._m_s40 !== undefined)
          return this._m_s40;
        this._m_s40 = KaitaiStream.mod((this.table[((this.s39 ^ this.data[39]) & 255)] ^ Math.floor(this.s39 / 256)), 4294967296);
        return this._m_s40;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's41', {
      get: function() {
        if (this._m_s41 !== undefined)
          return this._m_s41;
        this._m_s41 = KaitaiStream.mod((this.table[((this.s40 ^ this.data[40]) & 255)] ^ Math.floor(this.s40 / 256)), 4294967296);
        return this._m_s41;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's22', {
      get: function() {
        if (this._m_s22 !== undefined)
          return this._m_s22;
        this._m_s22 = KaitaiStream.mod((this.table[((this.s21 ^ this.data[21]) & 255)] ^ Math.floor(this.s21 / 256)), 4294967296);
        return this._m_s22;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's55', {
      get: function() {
        if (this._m_s55 !== undefined)
          return this._m_s55;
        this._m_s55 = KaitaiStream.mod((this.table[((this.s54 ^ this.data[54]) & 255)] ^ Math.floor(this.s54 / 256)), 4294967296);
        return this._m_s55;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's50', {
      get: function() {
        if (this._m_s50 !== undefined)
          return this._m_s50;
        this._m_s50 = KaitaiStream.mod((this.table[((this.s49 ^ this.data[49]) & 255)] ^ Math.floor(this.s49 / 256)), 4294967296);
        return this._m_s50;
      }
    });
    Object.defineProperty(Crc3264.prototype, 'table', {
      get: function() {
        if (this._m_table !== undefined)
          return this._m_table;
        this._m_table = [0, 1996959894, 3993919788, 2567524794, 124634137, 1886057615, 3915621685, 2657392035, 249268274, 2044508324, 3772115230, 2547177864, 162941995, 2125561021, 3887607047, 2428444049, 498536548, 1789927666, 4089016648, 2227061214, 450548861, 1843258603, 4107580753, 2211677639, 325883990, 1684777152, 4251122042, 2321926636, 335633487, 1661365465, 4195302755, 2366115317, 997073096, 1281953886, 3579855332, 2724688242, 1006888145, 1258607687, 3524101629, 2768942443, 901097722, 1119000684, 3686517206, 2898065728, 853044451, 1172266101, 3705015759, 2882616665, 651767980, 1373503546, 3369554304, 3218104598, 565507253, 1454621731, 3485111705, 3099436303, 671266974, 1594198024, 3322730930, 2970347812, 795835527, 1483230225, 3244367275, 3060149565, 1994146192, 31158534, 2563907772, 4023717930, 1907459465, 112637215, 2680153253, 3904427059, 2013776290, 251722036, 2517215374, 3775830040, 2137656763, 141376813, 2439277719, 3865271297, 1802195444, 476864866, 2238001368, 4066508878, 1812370925, 453092731, 2181625025, 4111451223, 1706088902, 314042704, 2344532202, 4240017532, 1658658271, 366619977, 2362670323, 4224994405, 1303535960, 984961486, 2747007092, 3569037538, 1256170817, 1037604311, 2765210733, 3554079995, 1131014506, 879679996, 2909243462, 3663771856, 1141124467, 855842277, 2852801631, 3708648649, 1342533948, 654459306, 3188396048, 3373015174, 1466479909, 544179635, 3110523913, 3462522015, 1591671054, 702138776, 2966460450, 3352799412, 1504918807, 783551873, 3082640443, 3233442989, 3988292384, 2596254646, 62317068, 1957810842, 3939845945, 2647816111, 81470997, 1943803523, 3814918930, 2489596804, 225274430, 2053790376, 3826175755, 2466906013, 167816743, 2097651377, 4027552580, 2265490386, 503444072, 1762050814, 4150417245, 2154129355, 426522225, 1852507879, 4275313526, 2312317920, 282753626, 1742555852, 4189708143, 2394877945, 397917763, 1622183637, 3604390888, 2714866558, 953729732, 1340076626, 3518719985, 2797360999, 1068828381, 1219638859, 3624741850, 2936675148, 906185462, 1090812512, 3747672003, 2825379669, 829329135, 1181335161, 3412177804, 3160834842, 628085408, 1382605366, 3423369109, 3138078467, 570562233, 1426400815, 3317316542, 2998733608, 733239954, 1555261956, 3268935591, 3050360625, 752459403, 1541320221, 2607071920, 3965973030, 1969922972, 40735498, 2617837225, 3943577151, 1913087877, 83908371, 2512341634, 3803740692, 2075208622, 213261112, 2463272603, 3855990285, 2094854071, 198958881, 2262029012, 4057260610, 1759359992, 534414190, 2176718541, 4139329115, 1873836001, 414664567, 2282248934, 4279200368, 1711684554, 285281116, 2405801727, 4167216745, 1634467795, 376229701, 2685067896, 3608007406, 1308918612, 956543938, 2808555105, 3495958263, 1231636301, 1047427035, 2932959818, 3654703836, 1088359270, 936918000, 2847714899, 3736837829, 1202900863, 817233897, 3183342108, 3401237130, 1404277552, 615818150, 3134207493, 3453421203, 1423857449, 601450431, 3009837614, 3294710456, 1567103746, 711928724, 3020668471, 3272380065, 1510334235, 755167117];
        return this._m_table;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's5', {
      get: function() {
        if (this._m_s5 !== undefined)
          return this._m_s5;
        this._m_s5 = KaitaiStream.mod((this.table[((this.s4 ^ this.data[4]) & 255)] ^ Math.floor(this.s4 / 256)), 4294967296);
        return this._m_s5;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's24', {
      get: function() {
        if (this._m_s24 !== undefined)
          return this._m_s24;
        this._m_s24 = KaitaiStream.mod((this.table[((this.s23 ^ this.data[23]) & 255)] ^ Math.floor(this.s23 / 256)), 4294967296);
        return this._m_s24;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's56', {
      get: function() {
        if (this._m_s56 !== undefined)
          return this._m_s56;
        this._m_s56 = KaitaiStream.mod((this.table[((this.s55 ^ this.data[55]) & 255)] ^ Math.floor(this.s55 / 256)), 4294967296);
        return this._m_s56;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's63', {
      get: function() {
        if (this._m_s63 !== undefined)
          return this._m_s63;
        this._m_s63 = KaitaiStream.mod((this.table[((this.s62 ^ this.data[62]) & 255)] ^ Math.floor(this.s62 / 256)), 4294967296);
        return this._m_s63;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's13', {
      get: function() {
        if (this._m_s13 !== undefined)
          return this._m_s13;
        this._m_s13 = KaitaiStream.mod((this.table[((this.s12 ^ this.data[12]) & 255)] ^ Math.floor(this.s12 / 256)), 4294967296);
        return this._m_s13;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's3', {
      get: function() {
        if (this._m_s3 !== undefined)
          return this._m_s3;
        this._m_s3 = KaitaiStream.mod((this.table[((this.s2 ^ this.data[2]) & 255)] ^ Math.floor(this.s2 / 256)), 4294967296);
        return this._m_s3;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's9', {
      get: function() {
        if (this._m_s9 !== undefined)
          return this._m_s9;
        this._m_s9 = KaitaiStream.mod((this.table[((this.s8 ^ this.data[8]) & 255)] ^ Math.floor(this.s8 / 256)), 4294967296);
        return this._m_s9;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's18', {
      get: function() {
        if (this._m_s18 !== undefined)
          return this._m_s18;
        this._m_s18 = KaitaiStream.mod((this.table[((this.s17 ^ this.data[17]) & 255)] ^ Math.floor(this.s17 / 256)), 4294967296);
        return this._m_s18;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's7', {
      get: function() {
        if (this._m_s7 !== undefined)
          return this._m_s7;
        this._m_s7 = KaitaiStream.mod((this.table[((this.s6 ^ this.data[6]) & 255)] ^ Math.floor(this.s6 / 256)), 4294967296);
        return this._m_s7;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's12', {
      get: function() {
        if (this._m_s12 !== undefined)
          return this._m_s12;
        this._m_s12 = KaitaiStream.mod((this.table[((this.s11 ^ this.data[11]) & 255)] ^ Math.floor(this.s11 / 256)), 4294967296);
        return this._m_s12;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's14', {
      get: function() {
        if (this._m_s14 !== undefined)
          return this._m_s14;
        this._m_s14 = KaitaiStream.mod((this.table[((this.s13 ^ this.data[13]) & 255)] ^ Math.floor(this.s13 / 256)), 4294967296);
        return this._m_s14;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's16', {
      get: function() {
        if (this._m_s16 !== undefined)
          return this._m_s16;
        this._m_s16 = KaitaiStream.mod((this.table[((this.s15 ^ this.data[15]) & 255)] ^ Math.floor(this.s15 / 256)), 4294967296);
        return this._m_s16;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's15', {
      get: function() {
        if (this._m_s15 !== undefined)
          return this._m_s15;
        this._m_s15 = KaitaiStream.mod((this.table[((this.s14 ^ this.data[14]) & 255)] ^ Math.floor(this.s14 / 256)), 4294967296);
        return this._m_s15;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's35', {
      get: function() {
        if (this._m_s35 !== undefined)
          return this._m_s35;
        this._m_s35 = KaitaiStream.mod((this.table[((this.s34 ^ this.data[34]) & 255)] ^ Math.floor(this.s34 / 256)), 4294967296);
        return this._m_s35;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's33', {
      get: function() {
        if (this._m_s33 !== undefined)
          return this._m_s33;
        this._m_s33 = KaitaiStream.mod((this.table[((this.s32 ^ this.data[32]) & 255)] ^ Math.floor(this.s32 / 256)), 4294967296);
        return this._m_s33;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's10', {
      get: function() {
        if (this._m_s10 !== undefined)
          return this._m_s10;
        this._m_s10 = KaitaiStream.mod((this.table[((this.s9 ^ this.data[9]) & 255)] ^ Math.floor(this.s9 / 256)), 4294967296);
        return this._m_s10;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's52', {
      get: function() {
        if (this._m_s52 !== undefined)
          return this._m_s52;
        this._m_s52 = KaitaiStream.mod((this.table[((this.s51 ^ this.data[51]) & 255)] ^ Math.floor(this.s51 / 256)), 4294967296);
        return this._m_s52;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's43', {
      get: function() {
        if (this._m_s43 !== undefined)
          return this._m_s43;
        this._m_s43 = KaitaiStream.mod((this.table[((this.s42 ^ this.data[42]) & 255)] ^ Math.floor(this.s42 / 256)), 4294967296);
        return this._m_s43;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's48', {
      get: function() {
        if (this._m_s48 !== undefined)
          return this._m_s48;
        this._m_s48 = KaitaiStream.mod((this.table[((this.s47 ^ this.data[47]) & 255)] ^ Math.floor(this.s47 / 256)), 4294967296);
        return this._m_s48;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's45', {
      get: function() {
        if (this._m_s45 !== undefined)
          return this._m_s45;
        this._m_s45 = KaitaiStream.mod((this.table[((this.s44 ^ this.data[44]) & 255)] ^ Math.floor(this.s44 / 256)), 4294967296);
        return this._m_s45;
      }
    });
    Object.defineProperty(Crc3264.prototype, 's36', {
      get: function() {
        if (this._m_s36 !== undefined)
          return this._m_s36;
        this._m_s36 = KaitaiStream.mod((this.table[((this.s35 ^ this.data[35]) & 255)] ^ Math.floor(this.s35 / 256)), 4294967296);
        return this._m_s36;
      }
    });

    /**
     * The register to start from: 4294967295 for a new CRC.
     */

    return Crc3264;
  })();

  /**
   * The fixed 32-byte start of every segment file.
   */

  var SegmentHeader = FelixSegment.SegmentHeader = (function() {
    function SegmentHeader(_io, _parent, _root, start) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;
      this.start = start;

      this._read();
    }
    SegmentHeader.prototype._read = function() {
      this.complete = this._io.readBytes(0);
      var _ = this.complete;
      if (!((this._io.size - this._io.pos) >= 32)) {
        throw new KaitaiStream.ValidationExprError(this.complete, this._io, "/types/segment_header/seq/0");
      }
      this.magic = this._io.readU4be();
      this.version = this._io.readU2be();
      this.flags = this._io.readU2be();
      this.baseOffset = this._io.readU8be();
      this.createdAtMicros = this._io.readU8be();
      this.headerCrc = this._io.readU4be();
      this.reserved = this._io.readU4be();
      this.magicValid = this._io.readBytes(0);
      var _ = this.magicValid;
      if (!(this.magic == 1179407175)) {
        throw new KaitaiStream.ValidationExprError(this.magicValid, this._io, "/types/segment_header/seq/8");
      }
      this.versionValid = this._io.readBytes(0);
      var _ = this.versionValid;
      if (!(this.version == 2)) {
        throw new KaitaiStream.ValidationExprError(this.versionValid, this._io, "/types/segment_header/seq/9");
      }
      this.flagsValid = this._io.readBytes(0);
      var _ = this.flagsValid;
      if (!(this.flags == 0)) {
        throw new KaitaiStream.ValidationExprError(this.flagsValid, this._io, "/types/segment_header/seq/10");
      }
      this.headerCrcValid = this._io.readBytes(0);
      var _ = this.headerCrcValid;
      if (!(this.headerCrc == this.headerCrcComputed)) {
        throw new KaitaiStream.ValidationExprError(this.headerCrcValid, this._io, "/types/segment_header/seq/11");
      }
    }
    Object.defineProperty(SegmentHeader.prototype, 'headerCrcPart0', {
      get: function() {
        if (this._m_headerCrcPart0 !== undefined)
          return this._m_headerCrcPart0;
        var _pos = this._io.pos;
        this._io.seek((this.start + 0));
        this._raw__m_headerCrcPart0 = this._io.readBytes(24);
        var _io__raw__m_headerCrcPart0 = new KaitaiStream(this._raw__m_headerCrcPart0);
        this._m_headerCrcPart0 = new Crc3224(_io__raw__m_headerCrcPart0, this, this._root, 4294967295);
        this._io.seek(_pos);
        return this._m_headerCrcPart0;
      }
    });

    /**
     * CRC-32 the header_crc field should hold.
     */
    Object.defineProperty(SegmentHeader.prototype, 'headerCrcComputed', {
      get: function() {
        if (this._m_headerCrcComputed !== undefined)
          return this._m_headerCrcComputed;
        this._m_headerCrcComputed = this.headerCrcPart0.value;
        return this._m_headerCrcComputed;
      }
    });

    /**
     * The 32 bytes of the fixed part are there.
     */

    /**
     * The ASCII bytes "FLSG" (Felix segment). Distinct from the wire magic "FLX1", so a frame in a file or a file on a socket is refused on its first four bytes.
     */

    /**
     * Format version of both file kinds. A reader refuses any other version, naming the one it found; v1 was only ever written by unreleased upstream builds.
     */

    /**
     * No flag is defined. Any set bit is refused rather than masked off, because a bit a reader does not know may change how the records behind it are laid out.
     */

    /**
     * Logical offset of the segment's first record.
     */

    /**
     * Wall-clock time the segment was created, in microseconds since the Unix epoch; informational.
     */

    /**
     * CRC-32 of bytes 0 to 24 (magic to created_at_micros).
     */

    /**
     * Written as 0. Not covered by header_crc and not checked on read.
     */

    /**
     * Checks magic: The ASCII bytes "FLSG" (Felix segment). Distinct from the wire magic "FLX1", so a frame in a file or a file on a socket is refused on its first four bytes.
     */

    /**
     * Checks version: Format version of both file kinds. A reader refuses any other version, naming the one it found; v1 was only ever written by unreleased upstream builds.
     */

    /**
     * Checks flags: No flag is defined. Any set bit is refused rather than masked off, because a bit a reader does not know may change how the records behind it are laid out.
     */

    /**
     * Checks header_crc: CRC-32 of bytes 0 to 24 (magic to created_at_micros).
     */

    /**
     * Byte position of the struct in its stream (CRC ranges are relative to it).
     */

    return SegmentHeader;
  })();

  /**
   * CRC-32 of exactly 20 bytes, unrolled (Kaitai expressions have no loops).
   */

  var Crc3220 = FelixSegment.Crc3220 = (function() {
    function Crc3220(_io, _parent, _root, init) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;
      this.init = init;

      this._read();
    }
    Crc3220.prototype._read = function() {
      this.data = this._io.readBytes(20);
    }
    Object.defineProperty(Crc3220.prototype, 's4', {
      get: function() {
        if (this._m_s4 !== undefined)
          return this._m_s4;
        this._m_s4 = KaitaiStream.mod((this.table[((this.s3 ^ this.data[3]) & 255)] ^ Math.floor(this.s3 / 256)), 4294967296);
        return this._m_s4;
      }
    });
    Object.defineProperty(Crc3220.prototype, 's20', {
      get: function() {
        if (this._m_s20 !== undefined)
          return this._m_s20;
        this._m_s20 = KaitaiStream.mod((this.table[((this.s19 ^ this.data[19]) & 255)] ^ Math.floor(this.s19 / 256)), 4294967296);
        return this._m_s20;
      }
    });
    Object.defineProperty(Crc3220.prototype, 's1', {
      get: function() {
        if (this._m_s1 !== undefined)
          return this._m_s1;
        this._m_s1 = KaitaiStream.mod((this.table[((this.init ^ this.data[0]) & 255)] ^ Math.floor(this.init / 256)), 4294967296);
        return this._m_s1;
      }
    });

    /**
     * The CRC register after these bytes, to continue with.
     */
    Object.defineProperty(Crc3220.prototype, 'register', {
      get: function() {
        if (this._m_register !== undefined)
          return this._m_register;
        this._m_register = this.s20;
        return this._m_register;
      }
    });
    Object.defineProperty(Crc3220.prototype, 's19', {
      get: function() {
        if (this._m_s19 !== undefined)
          return this._m_s19;
        this._m_s19 = KaitaiStream.mod((this.table[((this.s18 ^ this.data[18]) & 255)] ^ Math.floor(this.s18 / 256)), 4294967296);
        return this._m_s19;
      }
    });
    Object.defineProperty(Crc3220.prototype, 's2', {
      get: function() {
        if (this._m_s2 !== undefined)
          return this._m_s2;
        this._m_s2 = KaitaiStream.mod((this.table[((this.s1 ^ this.data[1]) & 255)] ^ Math.floor(this.s1 / 256)), 4294967296);
        return this._m_s2;
      }
    });
    Object.defineProperty(Crc3220.prototype, 's8', {
      get: function() {
        if (this._m_s8 !== undefined)
          return this._m_s8;
        this._m_s8 = KaitaiStream.mod((this.table[((this.s7 ^ this.data[7]) & 255)] ^ Math.floor(this.s7 / 256)), 4294967296);
        return this._m_s8;
      }
    });
    Object.defineProperty(Crc3220.prototype, 's6', {
      get: function() {
        if (this._m_s6 !== undefined)
          return this._m_s6;
        this._m_s6 = KaitaiStream.mod((this.table[((this.s5 ^ this.data[5]) & 255)] ^ Math.floor(this.s5 / 256)), 4294967296);
        return this._m_s6;
      }
    });
    Object.defineProperty(Crc3220.prototype, 's11', {
      get: function() {
        if (this._m_s11 !== undefined)
          return this._m_s11;
        this._m_s11 = KaitaiStream.mod((this.table[((this.s10 ^ this.data[10]) & 255)] ^ Math.floor(this.s10 / 256)), 4294967296);
        return this._m_s11;
      }
    });

    /**
     * The finished CRC-32.
     */
    Object.defineProperty(Crc3220.prototype, 'value', {
      get: function() {
        if (this._m_value !== undefined)
          return this._m_value;
        this._m_value = KaitaiStream.mod((this.s20 ^ 4294967295), 4294967296);
        return this._m_value;
      }
    });
    Object.defineProperty(Crc3220.prototype, 's17', {
      get: function() {
        if (this._m_s17 !== undefined)
          return this._m_s17;
        this._m_s17 = KaitaiStream.mod((this.table[((this.s16 ^ this.data[16]) & 255)] ^ Math.floor(this.s16 / 256)), 4294967296);
        return this._m_s17;
      }
    });
    Object.defineProperty(Crc3220.prototype, 'table', {
      get: function() {
        if (this._m_table !== undefined)
          return this._m_table;
        this._m_table = [0, 1996959894, 3993919788, 2567524794, 124634137, 1886057615, 3915621685, 2657392035, 249268274, 2044508324, 3772115230, 2547177864, 162941995, 2125561021, 3887607047, 2428444049, 498536548, 1789927666, 4089016648, 2227061214, 450548861, 1843258603, 4107580753, 2211677639, 325883990, 1684777152, 4251122042, 2321926636, 335633487, 1661365465, 4195302755, 2366115317, 997073096, 1281953886, 3579855332, 2724688242, 1006888145, 1258607687, 3524101629, 2768942443, 901097722, 1119000684, 3686517206, 2898065728, 853044451, 1172266101, 3705015759, 2882616665, 651767980, 1373503546, 3369554304, 3218104598, 565507253, 1454621731, 3485111705, 3099436303, 671266974, 1594198024, 3322730930, 2970347812, 795835527, 1483230225, 3244367275, 3060149565, 1994146192, 31158534, 2563907772, 4023717930, 1907459465, 112637215, 2680153253, 3904427059, 2013776290, 251722036, 2517215374, 3775830040, 2137656763, 141376813, 2439277719, 3865271297, 1802195444, 476864866, 2238001368, 4066508878, 1812370925, 453092731, 2181625025, 4111451223, 1706088902, 314042704, 2344532202, 4240017532, 1658658271, 366619977, 2362670323, 4224994405, 1303535960, 984961486, 2747007092, 3569037538, 1256170817, 1037604311, 2765210733, 3554079995, 1131014506, 879679996, 2909243462, 3663771856, 1141124467, 855842277, 2852801631, 3708648649, 1342533948, 654459306, 3188396048, 3373015174, 1466479909, 544179635, 3110523913, 3462522015, 1591671054, 702138776, 2966460450, 3352799412, 1504918807, 783551873, 3082640443, 3233442989, 3988292384, 2596254646, 62317068, 1957810842, 3939845945, 2647816111, 81470997, 1943803523, 3814918930, 2489596804, 225274430, 2053790376, 3826175755, 2466906013, 167816743, 2097651377, 4027552580, 2265490386, 503444072, 1762050814, 4150417245, 2154129355, 426522225, 1852507879, 4275313526, 2312317920, 282753626, 1742555852, 4189708143, 2394877945, 397917763, 1622183637, 3604390888, 2714866558, 953729732, 1340076626, 3518719985, 2797360999, 1068828381, 1219638859, 3624741850, 2936675148, 906185462, 1090812512, 3747672003, 2825379669, 829329135, 1181335161, 3412177804, 3160834842, 628085408, 1382605366, 3423369109, 3138078467, 570562233, 1426400815, 3317316542, 2998733608, 733239954, 1555261956, 3268935591, 3050360625, 752459403, 1541320221, 2607071920, 3965973030, 1969922972, 40735498, 2617837225, 3943577151, 1913087877, 83908371, 2512341634, 3803740692, 2075208622, 213261112, 2463272603, 3855990285, 2094854071, 198958881, 2262029012, 4057260610, 1759359992, 534414190, 2176718541, 4139329115, 1873836001, 414664567, 2282248934, 4279200368, 1711684554, 285281116, 2405801727, 4167216745, 1634467795, 376229701, 2685067896, 3608007406, 1308918612, 956543938, 2808555105, 3495958263, 1231636301, 1047427035, 2932959818, 3654703836, 1088359270, 936918000, 2847714899, 3736837829, 1202900863, 817233897, 3183342108, 3401237130, 1404277552, 615818150, 3134207493, 3453421203, 1423857449, 601450431, 3009837614, 3294710456, 1567103746, 711928724, 3020668471, 3272380065, 1510334235, 755167117];
        return this._m_table;
      }
    });
    Object.defineProperty(Crc3220.prototype, 's5', {
      get: function() {
        if (this._m_s5 !== undefined)
          return this._m_s5;
        this._m_s5 = KaitaiStream.mod((this.table[((this.s4 ^ this.data[4]) & 255)] ^ Math.floor(this.s4 / 256)), 4294967296);
        return this._m_s5;
      }
    });
    Object.defineProperty(Crc3220.prototype, 's13', {
      get: function() {
        if (this._m_s13 !== undefined)
          return this._m_s13;
        this._m_s13 = KaitaiStream.mod((this.table[((this.s12 ^ this.data[12]) & 255)] ^ Math.floor(this.s12 / 256)), 4294967296);
        return this._m_s13;
      }
    });
    Object.defineProperty(Crc3220.prototype, 's3', {
      get: function() {
        if (this._m_s3 !== undefined)
          return this._m_s3;
        this._m_s3 = KaitaiStream.mod((this.table[((this.s2 ^ this.data[2]) & 255)] ^ Math.floor(this.s2 / 256)), 4294967296);
        return this._m_s3;
      }
    });
    Object.defineProperty(Crc3220.prototype, 's9', {
      get: function() {
        if (this._m_s9 !== undefined)
          return this._m_s9;
        this._m_s9 = KaitaiStream.mod((this.table[((this.s8 ^ this.data[8]) & 255)] ^ Math.floor(this.s8 / 256)), 4294967296);
        return this._m_s9;
      }
    });
    Object.defineProperty(Crc3220.prototype, 's18', {
      get: function() {
        if (this._m_s18 !== undefined)
          return this._m_s18;
        this._m_s18 = KaitaiStream.mod((this.table[((this.s17 ^ this.data[17]) & 255)] ^ Math.floor(this.s17 / 256)), 4294967296);
        return this._m_s18;
      }
    });
    Object.defineProperty(Crc3220.prototype, 's7', {
      get: function() {
        if (this._m_s7 !== undefined)
          return this._m_s7;
        this._m_s7 = KaitaiStream.mod((this.table[((this.s6 ^ this.data[6]) & 255)] ^ Math.floor(this.s6 / 256)), 4294967296);
        return this._m_s7;
      }
    });
    Object.defineProperty(Crc3220.prototype, 's12', {
      get: function() {
        if (this._m_s12 !== undefined)
          return this._m_s12;
        this._m_s12 = KaitaiStream.mod((this.table[((this.s11 ^ this.data[11]) & 255)] ^ Math.floor(this.s11 / 256)), 4294967296);
        return this._m_s12;
      }
    });
    Object.defineProperty(Crc3220.prototype, 's14', {
      get: function() {
        if (this._m_s14 !== undefined)
          return this._m_s14;
        this._m_s14 = KaitaiStream.mod((this.table[((this.s13 ^ this.data[13]) & 255)] ^ Math.floor(this.s13 / 256)), 4294967296);
        return this._m_s14;
      }
    });
    Object.defineProperty(Crc3220.prototype, 's16', {
      get: function() {
        if (this._m_s16 !== undefined)
          return this._m_s16;
        this._m_s16 = KaitaiStream.mod((this.table[((this.s15 ^ this.data[15]) & 255)] ^ Math.floor(this.s15 / 256)), 4294967296);
        return this._m_s16;
      }
    });
    Object.defineProperty(Crc3220.prototype, 's15', {
      get: function() {
        if (this._m_s15 !== undefined)
          return this._m_s15;
        this._m_s15 = KaitaiStream.mod((this.table[((this.s14 ^ this.data[14]) & 255)] ^ Math.floor(this.s14 / 256)), 4294967296);
        return this._m_s15;
      }
    });
    Object.defineProperty(Crc3220.prototype, 's10', {
      get: function() {
        if (this._m_s10 !== undefined)
          return this._m_s10;
        this._m_s10 = KaitaiStream.mod((this.table[((this.s9 ^ this.data[9]) & 255)] ^ Math.floor(this.s9 / 256)), 4294967296);
        return this._m_s10;
      }
    });

    /**
     * The register to start from: 4294967295 for a new CRC.
     */

    return Crc3220;
  })();

  /**
   * CRC-32 of exactly 24 bytes, unrolled (Kaitai expressions have no loops).
   */

  var Crc3224 = FelixSegment.Crc3224 = (function() {
    function Crc3224(_io, _parent, _root, init) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;
      this.init = init;

      this._read();
    }
    Crc3224.prototype._read = function() {
      this.data = this._io.readBytes(24);
    }
    Object.defineProperty(Crc3224.prototype, 's4', {
      get: function() {
        if (this._m_s4 !== undefined)
          return this._m_s4;
        this._m_s4 = KaitaiStream.mod((this.table[((this.s3 ^ this.data[3]) & 255)] ^ Math.floor(this.s3 / 256)), 4294967296);
        return this._m_s4;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's20', {
      get: function() {
        if (this._m_s20 !== undefined)
          return this._m_s20;
        this._m_s20 = KaitaiStream.mod((this.table[((this.s19 ^ this.data[19]) & 255)] ^ Math.floor(this.s19 / 256)), 4294967296);
        return this._m_s20;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's1', {
      get: function() {
        if (this._m_s1 !== undefined)
          return this._m_s1;
        this._m_s1 = KaitaiStream.mod((this.table[((this.init ^ this.data[0]) & 255)] ^ Math.floor(this.init / 256)), 4294967296);
        return this._m_s1;
      }
    });

    /**
     * The CRC register after these bytes, to continue with.
     */
    Object.defineProperty(Crc3224.prototype, 'register', {
      get: function() {
        if (this._m_register !== undefined)
          return this._m_register;
        this._m_register = this.s24;
        return this._m_register;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's21', {
      get: function() {
        if (this._m_s21 !== undefined)
          return this._m_s21;
        this._m_s21 = KaitaiStream.mod((this.table[((this.s20 ^ this.data[20]) & 255)] ^ Math.floor(this.s20 / 256)), 4294967296);
        return this._m_s21;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's19', {
      get: function() {
        if (this._m_s19 !== undefined)
          return this._m_s19;
        this._m_s19 = KaitaiStream.mod((this.table[((this.s18 ^ this.data[18]) & 255)] ^ Math.floor(this.s18 / 256)), 4294967296);
        return this._m_s19;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's2', {
      get: function() {
        if (this._m_s2 !== undefined)
          return this._m_s2;
        this._m_s2 = KaitaiStream.mod((this.table[((this.s1 ^ this.data[1]) & 255)] ^ Math.floor(this.s1 / 256)), 4294967296);
        return this._m_s2;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's8', {
      get: function() {
        if (this._m_s8 !== undefined)
          return this._m_s8;
        this._m_s8 = KaitaiStream.mod((this.table[((this.s7 ^ this.data[7]) & 255)] ^ Math.floor(this.s7 / 256)), 4294967296);
        return this._m_s8;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's6', {
      get: function() {
        if (this._m_s6 !== undefined)
          return this._m_s6;
        this._m_s6 = KaitaiStream.mod((this.table[((this.s5 ^ this.data[5]) & 255)] ^ Math.floor(this.s5 / 256)), 4294967296);
        return this._m_s6;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's11', {
      get: function() {
        if (this._m_s11 !== undefined)
          return this._m_s11;
        this._m_s11 = KaitaiStream.mod((this.table[((this.s10 ^ this.data[10]) & 255)] ^ Math.floor(this.s10 / 256)), 4294967296);
        return this._m_s11;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's23', {
      get: function() {
        if (this._m_s23 !== undefined)
          return this._m_s23;
        this._m_s23 = KaitaiStream.mod((this.table[((this.s22 ^ this.data[22]) & 255)] ^ Math.floor(this.s22 / 256)), 4294967296);
        return this._m_s23;
      }
    });

    /**
     * The finished CRC-32.
     */
    Object.defineProperty(Crc3224.prototype, 'value', {
      get: function() {
        if (this._m_value !== undefined)
          return this._m_value;
        this._m_value = KaitaiStream.mod((this.s24 ^ 4294967295), 4294967296);
        return this._m_value;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's17', {
      get: function() {
        if (this._m_s17 !== undefined)
          return this._m_s17;
        this._m_s17 = KaitaiStream.mod((this.table[((this.s16 ^ this.data[16]) & 255)] ^ Math.floor(this.s16 / 256)), 4294967296);
        return this._m_s17;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's22', {
      get: function() {
        if (this._m_s22 !== undefined)
          return this._m_s22;
        this._m_s22 = KaitaiStream.mod((this.table[((this.s21 ^ this.data[21]) & 255)] ^ Math.floor(this.s21 / 256)), 4294967296);
        return this._m_s22;
      }
    });
    Object.defineProperty(Crc3224.prototype, 'table', {
      get: function() {
        if (this._m_table !== undefined)
          return this._m_table;
        this._m_table = [0, 1996959894, 3993919788, 2567524794, 124634137, 1886057615, 3915621685, 2657392035, 249268274, 2044508324, 3772115230, 2547177864, 162941995, 2125561021, 3887607047, 2428444049, 498536548, 1789927666, 4089016648, 2227061214, 450548861, 1843258603, 4107580753, 2211677639, 325883990, 1684777152, 4251122042, 2321926636, 335633487, 1661365465, 4195302755, 2366115317, 997073096, 1281953886, 3579855332, 2724688242, 1006888145, 1258607687, 3524101629, 2768942443, 901097722, 1119000684, 3686517206, 2898065728, 853044451, 1172266101, 3705015759, 2882616665, 651767980, 1373503546, 3369554304, 3218104598, 565507253, 1454621731, 3485111705, 3099436303, 671266974, 1594198024, 3322730930, 2970347812, 795835527, 1483230225, 3244367275, 3060149565, 1994146192, 31158534, 2563907772, 4023717930, 1907459465, 112637215, 2680153253, 3904427059, 2013776290, 251722036, 2517215374, 3775830040, 2137656763, 141376813, 2439277719, 3865271297, 1802195444, 476864866, 2238001368, 4066508878, 1812370925, 453092731, 2181625025, 4111451223, 1706088902, 314042704, 2344532202, 4240017532, 1658658271, 366619977, 2362670323, 4224994405, 1303535960, 984961486, 2747007092, 3569037538, 1256170817, 1037604311, 2765210733, 3554079995, 1131014506, 879679996, 2909243462, 3663771856, 1141124467, 855842277, 2852801631, 3708648649, 1342533948, 654459306, 3188396048, 3373015174, 1466479909, 544179635, 3110523913, 3462522015, 1591671054, 702138776, 2966460450, 3352799412, 1504918807, 783551873, 3082640443, 3233442989, 3988292384, 2596254646, 62317068, 1957810842, 3939845945, 2647816111, 81470997, 1943803523, 3814918930, 2489596804, 225274430, 2053790376, 3826175755, 2466906013, 167816743, 2097651377, 4027552580, 2265490386, 503444072, 1762050814, 4150417245, 2154129355, 426522225, 1852507879, 4275313526, 2312317920, 282753626, 1742555852, 4189708143, 2394877945, 397917763, 1622183637, 3604390888, 2714866558, 953729732, 1340076626, 3518719985, 2797360999, 1068828381, 1219638859, 3624741850, 2936675148, 906185462, 1090812512, 3747672003, 2825379669, 829329135, 1181335161, 3412177804, 3160834842, 628085408, 1382605366, 3423369109, 3138078467, 570562233, 1426400815, 3317316542, 2998733608, 733239954, 1555261956, 3268935591, 3050360625, 752459403, 1541320221, 2607071920, 3965973030, 1969922972, 40735498, 2617837225, 3943577151, 1913087877, 83908371, 2512341634, 3803740692, 2075208622, 213261112, 2463272603, 3855990285, 2094854071, 198958881, 2262029012, 4057260610, 1759359992, 534414190, 2176718541, 4139329115, 1873836001, 414664567, 2282248934, 4279200368, 1711684554, 285281116, 2405801727, 4167216745, 1634467795, 376229701, 2685067896, 3608007406, 1308918612, 956543938, 2808555105, 3495958263, 1231636301, 1047427035, 2932959818, 3654703836, 1088359270, 936918000, 2847714899, 3736837829, 1202900863, 817233897, 3183342108, 3401237130, 1404277552, 615818150, 3134207493, 3453421203, 1423857449, 601450431, 3009837614, 3294710456, 1567103746, 711928724, 3020668471, 3272380065, 1510334235, 755167117];
        return this._m_table;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's5', {
      get: function() {
        if (this._m_s5 !== undefined)
          return this._m_s5;
        this._m_s5 = KaitaiStream.mod((this.table[((this.s4 ^ this.data[4]) & 255)] ^ Math.floor(this.s4 / 256)), 4294967296);
        return this._m_s5;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's24', {
      get: function() {
        if (this._m_s24 !== undefined)
          return this._m_s24;
        this._m_s24 = KaitaiStream.mod((this.table[((this.s23 ^ this.data[23]) & 255)] ^ Math.floor(this.s23 / 256)), 4294967296);
        return this._m_s24;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's13', {
      get: function() {
        if (this._m_s13 !== undefined)
          return this._m_s13;
        this._m_s13 = KaitaiStream.mod((this.table[((this.s12 ^ this.data[12]) & 255)] ^ Math.floor(this.s12 / 256)), 4294967296);
        return this._m_s13;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's3', {
      get: function() {
        if (this._m_s3 !== undefined)
          return this._m_s3;
        this._m_s3 = KaitaiStream.mod((this.table[((this.s2 ^ this.data[2]) & 255)] ^ Math.floor(this.s2 / 256)), 4294967296);
        return this._m_s3;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's9', {
      get: function() {
        if (this._m_s9 !== undefined)
          return this._m_s9;
        this._m_s9 = KaitaiStream.mod((this.table[((this.s8 ^ this.data[8]) & 255)] ^ Math.floor(this.s8 / 256)), 4294967296);
        return this._m_s9;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's18', {
      get: function() {
        if (this._m_s18 !== undefined)
          return this._m_s18;
        this._m_s18 = KaitaiStream.mod((this.table[((this.s17 ^ this.data[17]) & 255)] ^ Math.floor(this.s17 / 256)), 4294967296);
        return this._m_s18;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's7', {
      get: function() {
        if (this._m_s7 !== undefined)
          return this._m_s7;
        this._m_s7 = KaitaiStream.mod((this.table[((this.s6 ^ this.data[6]) & 255)] ^ Math.floor(this.s6 / 256)), 4294967296);
        return this._m_s7;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's12', {
      get: function() {
        if (this._m_s12 !== undefined)
          return this._m_s12;
        this._m_s12 = KaitaiStream.mod((this.table[((this.s11 ^ this.data[11]) & 255)] ^ Math.floor(this.s11 / 256)), 4294967296);
        return this._m_s12;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's14', {
      get: function() {
        if (this._m_s14 !== undefined)
          return this._m_s14;
        this._m_s14 = KaitaiStream.mod((this.table[((this.s13 ^ this.data[13]) & 255)] ^ Math.floor(this.s13 / 256)), 4294967296);
        return this._m_s14;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's16', {
      get: function() {
        if (this._m_s16 !== undefined)
          return this._m_s16;
        this._m_s16 = KaitaiStream.mod((this.table[((this.s15 ^ this.data[15]) & 255)] ^ Math.floor(this.s15 / 256)), 4294967296);
        return this._m_s16;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's15', {
      get: function() {
        if (this._m_s15 !== undefined)
          return this._m_s15;
        this._m_s15 = KaitaiStream.mod((this.table[((this.s14 ^ this.data[14]) & 255)] ^ Math.floor(this.s14 / 256)), 4294967296);
        return this._m_s15;
      }
    });
    Object.defineProperty(Crc3224.prototype, 's10', {
      get: function() {
        if (this._m_s10 !== undefined)
          return this._m_s10;
        this._m_s10 = KaitaiStream.mod((this.table[((this.s9 ^ this.data[9]) & 255)] ^ Math.floor(this.s9 / 256)), 4294967296);
        return this._m_s10;
      }
    });

    /**
     * The register to start from: 4294967295 for a new CRC.
     */

    return Crc3224;
  })();

  /**
   * One record: a 28-byte header and the payload. header_crc is verified before any other field is used, so payload_len is only acted on once it is known to be intact; that is what tells an unfinished write (a verified header claiming more bytes than the file holds) from a rotted length field.
   */

  var Record = FelixSegment.Record = (function() {
    function Record(_io, _parent, _root, start, index) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root || this;
      this.start = start;
      this.index = index;

      this._read();
    }
    Record.prototype._read = function() {
      this.complete = this._io.readBytes(0);
      var _ = this.complete;
      if (!((this._io.size - this._io.pos) >= 28)) {
        throw new KaitaiStream.ValidationExprError(this.complete, this._io, "/types/record/seq/0");
      }
      this.payloadLen = this._io.readU4be();
      this.offset = this._io.readU8be();
      this.timestampMicros = this._io.readU8be();
      this.headerCrc = this._io.readU4be();
      this.checksum = this._io.readU4be();
      this.headerCrcValid = this._io.readBytes(0);
      var _ = this.headerCrcValid;
      if (!(this.headerCrc == this.headerCrcComputed)) {
        throw new KaitaiStream.ValidationExprError(this.headerCrcValid, this._io, "/types/record/seq/6");
      }
      this.payloadLenValid = this._io.readBytes(0);
      var _ = this.payloadLenValid;
      if (!(this.payloadLen <= 67108864)) {
        throw new KaitaiStream.ValidationExprError(this.payloadLenValid, this._io, "/types/record/seq/7");
      }
      this.payloadComplete = this._io.readBytes(0);
      var _ = this.payloadComplete;
      if (!((this._io.size - this._io.pos) >= this.payloadLen)) {
        throw new KaitaiStream.ValidationExprError(this.payloadComplete, this._io, "/types/record/seq/8");
      }
      this.payload = this._io.readBytes(this.payloadLen);
      this.offsetValid = this._io.readBytes(0);
      var _ = this.offsetValid;
      if (!( ((this.index < 0) || ((this.offset - this._parent.header.baseOffset) == this.index)) )) {
        throw new KaitaiStream.ValidationExprError(this.offsetValid, this._io, "/types/record/seq/10");
      }
    }
    Object.defineProperty(Record.prototype, 'checksumPart1', {
      get: function() {
        if (this._m_checksumPart1 !== undefined)
          return this._m_checksumPart1;
        var _pos = this._io.pos;
        this._io.seek((this.start + 28));
        this._raw__m_checksumPart1 = this._io.readBytes(this.payloadLen);
        var _io__raw__m_checksumPart1 = new KaitaiStream(this._raw__m_checksumPart1);
        this._m_checksumPart1 = new Crc32Run(_io__raw__m_checksumPart1, this, this._root, this.checksumPart0.register);
        this._io.seek(_pos);
        return this._m_checksumPart1;
      }
    });

    /**
     * Whether checksum matches. Lazy: it reads the payload through one Kaitai object per 64 bytes, so a reader asks for it only when it verifies (zlib.crc32 or hash/crc32 of the same bytes is faster).
     */
    Object.defineProperty(Record.prototype, 'checksumOk', {
      get: function() {
        if (this._m_checksumOk !== undefined)
          return this._m_checksumOk;
        this._m_checksumOk = this.checksum == this.checksumComputed;
        return this._m_checksumOk;
      }
    });
    Object.defineProperty(Record.prototype, 'checksumPart0', {
      get: function() {
        if (this._m_checksumPart0 !== undefined)
          return this._m_checksumPart0;
        var _pos = this._io.pos;
        this._io.seek((this.start + 0));
        this._raw__m_checksumPart0 = this._io.readBytes(24);
        var _io__raw__m_checksumPart0 = new KaitaiStream(this._raw__m_checksumPart0);
        this._m_checksumPart0 = new Crc3224(_io__raw__m_checksumPart0, this, this._root, 4294967295);
        this._io.seek(_pos);
        return this._m_checksumPart0;
      }
    });

    /**
     * CRC-32 the checksum field should hold.
     */
    Object.defineProperty(Record.prototype, 'checksumComputed', {
      get: function() {
        if (this._m_checksumComputed !== undefined)
          return this._m_checksumComputed;
        this._m_checksumComputed = this.checksumPart1.value;
        return this._m_checksumComputed;
      }
    });
    Object.defineProperty(Record.prototype, 'headerCrcPart0', {
      get: function() {
        if (this._m_headerCrcPart0 !== undefined)
          return this._m_headerCrcPart0;
        var _pos = this._io.pos;
        this._io.seek((this.start + 0));
        this._raw__m_headerCrcPart0 = this._io.readBytes(20);
        var _io__raw__m_headerCrcPart0 = new KaitaiStream(this._raw__m_headerCrcPart0);
        this._m_headerCrcPart0 = new Crc3220(_io__raw__m_headerCrcPart0, this, this._root, 4294967295);
        this._io.seek(_pos);
        return this._m_headerCrcPart0;
      }
    });

    /**
     * CRC-32 the header_crc field should hold.
     */
    Object.defineProperty(Record.prototype, 'headerCrcComputed', {
      get: function() {
        if (this._m_headerCrcComputed !== undefined)
          return this._m_headerCrcComputed;
        this._m_headerCrcComputed = this.headerCrcPart0.value;
        return this._m_headerCrcComputed;
      }
    });

    /**
     * The 28 bytes of the fixed part are there.
     */

    /**
     * Payload length in bytes. First, and covered by both checksums, so a reader steps to the next record at position + 28 + payload_len without reading the payload.
     */

    /**
     * Logical offset: the segment's base_offset for its first record, then one more than the record before it.
     */

    /**
     * Publish time in microseconds since the Unix epoch.
     */

    /**
     * CRC-32 of bytes 0 to 20 (payload_len, offset, timestamp_micros).
     */

    /**
     * CRC-32 of bytes 0 to 24 (header_crc included) followed by the payload, so a corrupted offset or timestamp fails the same check as a corrupted payload.
     */

    /**
     * Checks header_crc: CRC-32 of bytes 0 to 20 (payload_len, offset, timestamp_micros).
     */

    /**
     * Checks payload_len: Payload length in bytes. First, and covered by both checksums, so a reader steps to the next record at position + 28 + payload_len without reading the payload.
     */

    /**
     * The payload_len bytes of payload are there.
     */

    /**
     * The record's opaque bytes.
     */

    /**
     * Checks offset: Logical offset: the segment's base_offset for its first record, then one more than the record before it.
     */

    /**
     * Byte position of the struct in its stream (CRC ranges are relative to it).
     */

    /**
     * Its index in the file, or -1 for a struct read alone (order is then not checked).
     */

    return Record;
  })();

  /**
   * The fixed 32-byte start of every segment file.
   */

  /**
   * One record: a 28-byte header and the payload. header_crc is verified before any other field is used, so payload_len is only acted on once it is known to be intact; that is what tells an unfinished write (a verified header claiming more bytes than the file holds) from a rotted length field.
   */

  return FelixSegment;
})();
return FelixSegment;
}));
