# generated — do not edit; edit spec/ and run `npm run generate`
# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

import kaitaistruct
from kaitaistruct import KaitaiStruct, KaitaiStream, BytesIO


if getattr(kaitaistruct, 'API_VERSION', (0, 9)) < (0, 9):
    raise Exception("Incompatible Kaitai Struct Python API: 0.9 or later is required, but you have %s" % (kaitaistruct.__version__))

class FelixSegment(KaitaiStruct):
    """A durable stream shard is a directory of segment files, each an append-only run of records with contiguous logical offsets, and beside each segment a sparse index from offsets to byte positions. The format is versioned independently of the wire protocol: frames may change shape for latency, while bytes already on disk must stay readable by every later build. Every record carries checksums over its own header and payload, so bit rot and torn writes are detected when read rather than inferred; a reader can step from record to record with `position + 28 + payload_len` without touching payload bytes; and no length read from disk sizes an allocation before it has been range-checked.
    
    A segment file is its 32-byte header and then records back to back up to the end of the file. The header is written and fsynced before any record, so damage to it is never a torn write. Records carry offsets base_offset, base_offset + 1, … in file order.
    
    Checks run in the spec's order as the file parses; every failure is a validation error whose srcPath felix_segment.errors.json maps to the spec's error code and field. Not checked while parsing: record.checksum (the lazy instance checksum_ok); to find problems in file order, read the records one at a time with the record type (start = the stream position, index = its number, parent = an object holding the header and the records read so far) and ask each one's check before reading the next.
    
    .. seealso::
       spec/storage.yaml
    """
    def __init__(self, _io, _parent=None, _root=None):
        self._io = _io
        self._parent = _parent
        self._root = _root if _root else self
        self._read()

    def _read(self):
        self.header = FelixSegment.SegmentHeader(self._io.pos(), self._io, self, self._root)
        self.records = []
        i = 0
        while not self._io.is_eof():
            self.records.append(FelixSegment.Record(self._io.pos(), i, self._io, self, self._root))
            i += 1


    class Crc32Run(KaitaiStruct):
        """CRC-32 of the whole stream it is parsed from: 64-byte blocks, then single bytes."""
        def __init__(self, init, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self.init = init
            self._read()

        def _read(self):
            self.blocks = []
            for i in range(self._io.size() // 64):
                self.blocks.append(FelixSegment.Crc3264((self.init if i == 0 else self.blocks[(i - 1)].register), self._io, self, self._root))

            self.tail = []
            for i in range((self._io.size() % 64)):
                self.tail.append(FelixSegment.Crc321(((self.init if len(self.blocks) == 0 else self.blocks[-1].register) if i == 0 else self.tail[(i - 1)].register), self._io, self, self._root))


        @property
        def register(self):
            if hasattr(self, '_m_register'):
                return self._m_register

            self._m_register = (self.tail[-1].register if len(self.tail) > 0 else (self.blocks[-1].register if len(self.blocks) > 0 else self.init))
            return getattr(self, '_m_register', None)

        @property
        def value(self):
            """The finished CRC-32."""
            if hasattr(self, '_m_value'):
                return self._m_value

            self._m_value = ((self.register ^ 4294967295) % 4294967296)
            return getattr(self, '_m_value', None)


    class Crc321(KaitaiStruct):
        """CRC-32 of exactly 1 bytes, unrolled (Kaitai expressions have no loops)."""
        def __init__(self, init, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self.init = init
            self._read()

        def _read(self):
            self.data = self._io.read_bytes(1)

        @property
        def table(self):
            if hasattr(self, '_m_table'):
                return self._m_table

            self._m_table = [0, 1996959894, 3993919788, 2567524794, 124634137, 1886057615, 3915621685, 2657392035, 249268274, 2044508324, 3772115230, 2547177864, 162941995, 2125561021, 3887607047, 2428444049, 498536548, 1789927666, 4089016648, 2227061214, 450548861, 1843258603, 4107580753, 2211677639, 325883990, 1684777152, 4251122042, 2321926636, 335633487, 1661365465, 4195302755, 2366115317, 997073096, 1281953886, 3579855332, 2724688242, 1006888145, 1258607687, 3524101629, 2768942443, 901097722, 1119000684, 3686517206, 2898065728, 853044451, 1172266101, 3705015759, 2882616665, 651767980, 1373503546, 3369554304, 3218104598, 565507253, 1454621731, 3485111705, 3099436303, 671266974, 1594198024, 3322730930, 2970347812, 795835527, 1483230225, 3244367275, 3060149565, 1994146192, 31158534, 2563907772, 4023717930, 1907459465, 112637215, 2680153253, 3904427059, 2013776290, 251722036, 2517215374, 3775830040, 2137656763, 141376813, 2439277719, 3865271297, 1802195444, 476864866, 2238001368, 4066508878, 1812370925, 453092731, 2181625025, 4111451223, 1706088902, 314042704, 2344532202, 4240017532, 1658658271, 366619977, 2362670323, 4224994405, 1303535960, 984961486, 2747007092, 3569037538, 1256170817, 1037604311, 2765210733, 3554079995, 1131014506, 879679996, 2909243462, 3663771856, 1141124467, 855842277, 2852801631, 3708648649, 1342533948, 654459306, 3188396048, 3373015174, 1466479909, 544179635, 3110523913, 3462522015, 1591671054, 702138776, 2966460450, 3352799412, 1504918807, 783551873, 3082640443, 3233442989, 3988292384, 2596254646, 62317068, 1957810842, 3939845945, 2647816111, 81470997, 1943803523, 3814918930, 2489596804, 225274430, 2053790376, 3826175755, 2466906013, 167816743, 2097651377, 4027552580, 2265490386, 503444072, 1762050814, 4150417245, 2154129355, 426522225, 1852507879, 4275313526, 2312317920, 282753626, 1742555852, 4189708143, 2394877945, 397917763, 1622183637, 3604390888, 2714866558, 953729732, 1340076626, 3518719985, 2797360999, 1068828381, 1219638859, 3624741850, 2936675148, 906185462, 1090812512, 3747672003, 2825379669, 829329135, 1181335161, 3412177804, 3160834842, 628085408, 1382605366, 3423369109, 3138078467, 570562233, 1426400815, 3317316542, 2998733608, 733239954, 1555261956, 3268935591, 3050360625, 752459403, 1541320221, 2607071920, 3965973030, 1969922972, 40735498, 2617837225, 3943577151, 1913087877, 83908371, 2512341634, 3803740692, 2075208622, 213261112, 2463272603, 3855990285, 2094854071, 198958881, 2262029012, 4057260610, 1759359992, 534414190, 2176718541, 4139329115, 1873836001, 414664567, 2282248934, 4279200368, 1711684554, 285281116, 2405801727, 4167216745, 1634467795, 376229701, 2685067896, 3608007406, 1308918612, 956543938, 2808555105, 3495958263, 1231636301, 1047427035, 2932959818, 3654703836, 1088359270, 936918000, 2847714899, 3736837829, 1202900863, 817233897, 3183342108, 3401237130, 1404277552, 615818150, 3134207493, 3453421203, 1423857449, 601450431, 3009837614, 3294710456, 1567103746, 711928724, 3020668471, 3272380065, 1510334235, 755167117]
            return getattr(self, '_m_table', None)

        @property
        def s1(self):
            if hasattr(self, '_m_s1'):
                return self._m_s1

            self._m_s1 = ((self.table[((self.init ^ KaitaiStream.byte_array_index(self.data, 0)) & 255)] ^ self.init // 256) % 4294967296)
            return getattr(self, '_m_s1', None)

        @property
        def register(self):
            """The CRC register after these bytes, to continue with."""
            if hasattr(self, '_m_register'):
                return self._m_register

            self._m_register = self.s1
            return getattr(self, '_m_register', None)

        @property
        def value(self):
            """The finished CRC-32."""
            if hasattr(self, '_m_value'):
                return self._m_value

            self._m_value = ((self.s1 ^ 4294967295) % 4294967296)
            return getattr(self, '_m_value', None)


    class Crc3264(KaitaiStruct):
        """CRC-32 of exactly 64 bytes, unrolled (Kaitai expressions have no loops)."""
        def __init__(self, init, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self.init = init
            self._read()

        def _read(self):
            self.data = self._io.read_bytes(64)

        @property
        def s4(self):
            if hasattr(self, '_m_s4'):
                return self._m_s4

            self._m_s4 = ((self.table[((self.s3 ^ KaitaiStream.byte_array_index(self.data, 3)) & 255)] ^ self.s3 // 256) % 4294967296)
            return getattr(self, '_m_s4', None)

        @property
        def s25(self):
            if hasattr(self, '_m_s25'):
                return self._m_s25

            self._m_s25 = ((self.table[((self.s24 ^ KaitaiStream.byte_array_index(self.data, 24)) & 255)] ^ self.s24 // 256) % 4294967296)
            return getattr(self, '_m_s25', None)

        @property
        def s64(self):
            if hasattr(self, '_m_s64'):
                return self._m_s64

            self._m_s64 = ((self.table[((self.s63 ^ KaitaiStream.byte_array_index(self.data, 63)) & 255)] ^ self.s63 // 256) % 4294967296)
            return getattr(self, '_m_s64', None)

        @property
        def s46(self):
            if hasattr(self, '_m_s46'):
                return self._m_s46

            self._m_s46 = ((self.table[((self.s45 ^ KaitaiStream.byte_array_index(self.data, 45)) & 255)] ^ self.s45 // 256) % 4294967296)
            return getattr(self, '_m_s46', None)

        @property
        def s20(self):
            if hasattr(self, '_m_s20'):
                return self._m_s20

            self._m_s20 = ((self.table[((self.s19 ^ KaitaiStream.byte_array_index(self.data, 19)) & 255)] ^ self.s19 // 256) % 4294967296)
            return getattr(self, '_m_s20', None)

        @property
        def s1(self):
            if hasattr(self, '_m_s1'):
                return self._m_s1

            self._m_s1 = ((self.table[((self.init ^ KaitaiStream.byte_array_index(self.data, 0)) & 255)] ^ self.init // 256) % 4294967296)
            return getattr(self, '_m_s1', None)

        @property
        def s29(self):
            if hasattr(self, '_m_s29'):
                return self._m_s29

            self._m_s29 = ((self.table[((self.s28 ^ KaitaiStream.byte_array_index(self.data, 28)) & 255)] ^ self.s28 // 256) % 4294967296)
            return getattr(self, '_m_s29', None)

        @property
        def s34(self):
            if hasattr(self, '_m_s34'):
                return self._m_s34

            self._m_s34 = ((self.table[((self.s33 ^ KaitaiStream.byte_array_index(self.data, 33)) & 255)] ^ self.s33 // 256) % 4294967296)
            return getattr(self, '_m_s34', None)

        @property
        def s51(self):
            if hasattr(self, '_m_s51'):
                return self._m_s51

            self._m_s51 = ((self.table[((self.s50 ^ KaitaiStream.byte_array_index(self.data, 50)) & 255)] ^ self.s50 // 256) % 4294967296)
            return getattr(self, '_m_s51', None)

        @property
        def s39(self):
            if hasattr(self, '_m_s39'):
                return self._m_s39

            self._m_s39 = ((self.table[((self.s38 ^ KaitaiStream.byte_array_index(self.data, 38)) & 255)] ^ self.s38 // 256) % 4294967296)
            return getattr(self, '_m_s39', None)

        @property
        def register(self):
            """The CRC register after these bytes, to continue with."""
            if hasattr(self, '_m_register'):
                return self._m_register

            self._m_register = self.s64
            return getattr(self, '_m_register', None)

        @property
        def s21(self):
            if hasattr(self, '_m_s21'):
                return self._m_s21

            self._m_s21 = ((self.table[((self.s20 ^ KaitaiStream.byte_array_index(self.data, 20)) & 255)] ^ self.s20 // 256) % 4294967296)
            return getattr(self, '_m_s21', None)

        @property
        def s53(self):
            if hasattr(self, '_m_s53'):
                return self._m_s53

            self._m_s53 = ((self.table[((self.s52 ^ KaitaiStream.byte_array_index(self.data, 52)) & 255)] ^ self.s52 // 256) % 4294967296)
            return getattr(self, '_m_s53', None)

        @property
        def s59(self):
            if hasattr(self, '_m_s59'):
                return self._m_s59

            self._m_s59 = ((self.table[((self.s58 ^ KaitaiStream.byte_array_index(self.data, 58)) & 255)] ^ self.s58 // 256) % 4294967296)
            return getattr(self, '_m_s59', None)

        @property
        def s30(self):
            if hasattr(self, '_m_s30'):
                return self._m_s30

            self._m_s30 = ((self.table[((self.s29 ^ KaitaiStream.byte_array_index(self.data, 29)) & 255)] ^ self.s29 // 256) % 4294967296)
            return getattr(self, '_m_s30', None)

        @property
        def s44(self):
            if hasattr(self, '_m_s44'):
                return self._m_s44

            self._m_s44 = ((self.table[((self.s43 ^ KaitaiStream.byte_array_index(self.data, 43)) & 255)] ^ self.s43 // 256) % 4294967296)
            return getattr(self, '_m_s44', None)

        @property
        def s60(self):
            if hasattr(self, '_m_s60'):
                return self._m_s60

            self._m_s60 = ((self.table[((self.s59 ^ KaitaiStream.byte_array_index(self.data, 59)) & 255)] ^ self.s59 // 256) % 4294967296)
            return getattr(self, '_m_s60', None)

        @property
        def s32(self):
            if hasattr(self, '_m_s32'):
                return self._m_s32

            self._m_s32 = ((self.table[((self.s31 ^ KaitaiStream.byte_array_index(self.data, 31)) & 255)] ^ self.s31 // 256) % 4294967296)
            return getattr(self, '_m_s32', None)

        @property
        def s38(self):
            if hasattr(self, '_m_s38'):
                return self._m_s38

            self._m_s38 = ((self.table[((self.s37 ^ KaitaiStream.byte_array_index(self.data, 37)) & 255)] ^ self.s37 // 256) % 4294967296)
            return getattr(self, '_m_s38', None)

        @property
        def s57(self):
            if hasattr(self, '_m_s57'):
                return self._m_s57

            self._m_s57 = ((self.table[((self.s56 ^ KaitaiStream.byte_array_index(self.data, 56)) & 255)] ^ self.s56 // 256) % 4294967296)
            return getattr(self, '_m_s57', None)

        @property
        def s19(self):
            if hasattr(self, '_m_s19'):
                return self._m_s19

            self._m_s19 = ((self.table[((self.s18 ^ KaitaiStream.byte_array_index(self.data, 18)) & 255)] ^ self.s18 // 256) % 4294967296)
            return getattr(self, '_m_s19', None)

        @property
        def s27(self):
            if hasattr(self, '_m_s27'):
                return self._m_s27

            self._m_s27 = ((self.table[((self.s26 ^ KaitaiStream.byte_array_index(self.data, 26)) & 255)] ^ self.s26 // 256) % 4294967296)
            return getattr(self, '_m_s27', None)

        @property
        def s31(self):
            if hasattr(self, '_m_s31'):
                return self._m_s31

            self._m_s31 = ((self.table[((self.s30 ^ KaitaiStream.byte_array_index(self.data, 30)) & 255)] ^ self.s30 // 256) % 4294967296)
            return getattr(self, '_m_s31', None)

        @property
        def s2(self):
            if hasattr(self, '_m_s2'):
                return self._m_s2

            self._m_s2 = ((self.table[((self.s1 ^ KaitaiStream.byte_array_index(self.data, 1)) & 255)] ^ self.s1 // 256) % 4294967296)
            return getattr(self, '_m_s2', None)

        @property
        def s8(self):
            if hasattr(self, '_m_s8'):
                return self._m_s8

            self._m_s8 = ((self.table[((self.s7 ^ KaitaiStream.byte_array_index(self.data, 7)) & 255)] ^ self.s7 // 256) % 4294967296)
            return getattr(self, '_m_s8', None)

        @property
        def s54(self):
            if hasattr(self, '_m_s54'):
                return self._m_s54

            self._m_s54 = ((self.table[((self.s53 ^ KaitaiStream.byte_array_index(self.data, 53)) & 255)] ^ self.s53 // 256) % 4294967296)
            return getattr(self, '_m_s54', None)

        @property
        def s26(self):
            if hasattr(self, '_m_s26'):
                return self._m_s26

            self._m_s26 = ((self.table[((self.s25 ^ KaitaiStream.byte_array_index(self.data, 25)) & 255)] ^ self.s25 // 256) % 4294967296)
            return getattr(self, '_m_s26', None)

        @property
        def s62(self):
            if hasattr(self, '_m_s62'):
                return self._m_s62

            self._m_s62 = ((self.table[((self.s61 ^ KaitaiStream.byte_array_index(self.data, 61)) & 255)] ^ self.s61 // 256) % 4294967296)
            return getattr(self, '_m_s62', None)

        @property
        def s6(self):
            if hasattr(self, '_m_s6'):
                return self._m_s6

            self._m_s6 = ((self.table[((self.s5 ^ KaitaiStream.byte_array_index(self.data, 5)) & 255)] ^ self.s5 // 256) % 4294967296)
            return getattr(self, '_m_s6', None)

        @property
        def s47(self):
            if hasattr(self, '_m_s47'):
                return self._m_s47

            self._m_s47 = ((self.table[((self.s46 ^ KaitaiStream.byte_array_index(self.data, 46)) & 255)] ^ self.s46 // 256) % 4294967296)
            return getattr(self, '_m_s47', None)

        @property
        def s11(self):
            if hasattr(self, '_m_s11'):
                return self._m_s11

            self._m_s11 = ((self.table[((self.s10 ^ KaitaiStream.byte_array_index(self.data, 10)) & 255)] ^ self.s10 // 256) % 4294967296)
            return getattr(self, '_m_s11', None)

        @property
        def s42(self):
            if hasattr(self, '_m_s42'):
                return self._m_s42

            self._m_s42 = ((self.table[((self.s41 ^ KaitaiStream.byte_array_index(self.data, 41)) & 255)] ^ self.s41 // 256) % 4294967296)
            return getattr(self, '_m_s42', None)

        @property
        def s23(self):
            if hasattr(self, '_m_s23'):
                return self._m_s23

            self._m_s23 = ((self.table[((self.s22 ^ KaitaiStream.byte_array_index(self.data, 22)) & 255)] ^ self.s22 // 256) % 4294967296)
            return getattr(self, '_m_s23', None)

        @property
        def value(self):
            """The finished CRC-32."""
            if hasattr(self, '_m_value'):
                return self._m_value

            self._m_value = ((self.s64 ^ 4294967295) % 4294967296)
            return getattr(self, '_m_value', None)

        @property
        def s37(self):
            if hasattr(self, '_m_s37'):
                return self._m_s37

            self._m_s37 = ((self.table[((self.s36 ^ KaitaiStream.byte_array_index(self.data, 36)) & 255)] ^ self.s36 // 256) % 4294967296)
            return getattr(self, '_m_s37', None)

        @property
        def s61(self):
            if hasattr(self, '_m_s61'):
                return self._m_s61

            self._m_s61 = ((self.table[((self.s60 ^ KaitaiStream.byte_array_index(self.data, 60)) & 255)] ^ self.s60 // 256) % 4294967296)
            return getattr(self, '_m_s61', None)

        @property
        def s58(self):
            if hasattr(self, '_m_s58'):
                return self._m_s58

            self._m_s58 = ((self.table[((self.s57 ^ KaitaiStream.byte_array_index(self.data, 57)) & 255)] ^ self.s57 // 256) % 4294967296)
            return getattr(self, '_m_s58', None)

        @property
        def s28(self):
            if hasattr(self, '_m_s28'):
                return self._m_s28

            self._m_s28 = ((self.table[((self.s27 ^ KaitaiStream.byte_array_index(self.data, 27)) & 255)] ^ self.s27 // 256) % 4294967296)
            return getattr(self, '_m_s28', None)

        @property
        def s49(self):
            if hasattr(self, '_m_s49'):
                return self._m_s49

            self._m_s49 = ((self.table[((self.s48 ^ KaitaiStream.byte_array_index(self.data, 48)) & 255)] ^ self.s48 // 256) % 4294967296)
            return getattr(self, '_m_s49', None)

        @property
        def s17(self):
            if hasattr(self, '_m_s17'):
                return self._m_s17

            self._m_s17 = ((self.table[((self.s16 ^ KaitaiStream.byte_array_index(self.data, 16)) & 255)] ^ self.s16 // 256) % 4294967296)
            return getattr(self, '_m_s17', None)

        @property
        def s40(self):
            if hasattr(self, '_m_s40'):
                return self._m_s40

            self._m_s40 = ((self.table[((self.s39 ^ KaitaiStream.byte_array_index(self.data, 39)) & 255)] ^ self.s39 // 256) % 4294967296)
            return getattr(self, '_m_s40', None)

        @property
        def s41(self):
            if hasattr(self, '_m_s41'):
                return self._m_s41

            self._m_s41 = ((self.table[((self.s40 ^ KaitaiStream.byte_array_index(self.data, 40)) & 255)] ^ self.s40 // 256) % 4294967296)
            return getattr(self, '_m_s41', None)

        @property
        def s22(self):
            if hasattr(self, '_m_s22'):
                return self._m_s22

            self._m_s22 = ((self.table[((self.s21 ^ KaitaiStream.byte_array_index(self.data, 21)) & 255)] ^ self.s21 // 256) % 4294967296)
            return getattr(self, '_m_s22', None)

        @property
        def s55(self):
            if hasattr(self, '_m_s55'):
                return self._m_s55

            self._m_s55 = ((self.table[((self.s54 ^ KaitaiStream.byte_array_index(self.data, 54)) & 255)] ^ self.s54 // 256) % 4294967296)
            return getattr(self, '_m_s55', None)

        @property
        def s50(self):
            if hasattr(self, '_m_s50'):
                return self._m_s50

            self._m_s50 = ((self.table[((self.s49 ^ KaitaiStream.byte_array_index(self.data, 49)) & 255)] ^ self.s49 // 256) % 4294967296)
            return getattr(self, '_m_s50', None)

        @property
        def table(self):
            if hasattr(self, '_m_table'):
                return self._m_table

            self._m_table = [0, 1996959894, 3993919788, 2567524794, 124634137, 1886057615, 3915621685, 2657392035, 249268274, 2044508324, 3772115230, 2547177864, 162941995, 2125561021, 3887607047, 2428444049, 498536548, 1789927666, 4089016648, 2227061214, 450548861, 1843258603, 4107580753, 2211677639, 325883990, 1684777152, 4251122042, 2321926636, 335633487, 1661365465, 4195302755, 2366115317, 997073096, 1281953886, 3579855332, 2724688242, 1006888145, 1258607687, 3524101629, 2768942443, 901097722, 1119000684, 3686517206, 2898065728, 853044451, 1172266101, 3705015759, 2882616665, 651767980, 1373503546, 3369554304, 3218104598, 565507253, 1454621731, 3485111705, 3099436303, 671266974, 1594198024, 3322730930, 2970347812, 795835527, 1483230225, 3244367275, 3060149565, 1994146192, 31158534, 2563907772, 4023717930, 1907459465, 112637215, 2680153253, 3904427059, 2013776290, 251722036, 2517215374, 3775830040, 2137656763, 141376813, 2439277719, 3865271297, 1802195444, 476864866, 2238001368, 4066508878, 1812370925, 453092731, 2181625025, 4111451223, 1706088902, 314042704, 2344532202, 4240017532, 1658658271, 366619977, 2362670323, 4224994405, 1303535960, 984961486, 2747007092, 3569037538, 1256170817, 1037604311, 2765210733, 3554079995, 1131014506, 879679996, 2909243462, 3663771856, 1141124467, 855842277, 2852801631, 3708648649, 1342533948, 654459306, 3188396048, 3373015174, 1466479909, 544179635, 3110523913, 3462522015, 1591671054, 702138776, 2966460450, 3352799412, 1504918807, 783551873, 3082640443, 3233442989, 3988292384, 2596254646, 62317068, 1957810842, 3939845945, 2647816111, 81470997, 1943803523, 3814918930, 2489596804, 225274430, 2053790376, 3826175755, 2466906013, 167816743, 2097651377, 4027552580, 2265490386, 503444072, 1762050814, 4150417245, 2154129355, 426522225, 1852507879, 4275313526, 2312317920, 282753626, 1742555852, 4189708143, 2394877945, 397917763, 1622183637, 3604390888, 2714866558, 953729732, 1340076626, 3518719985, 2797360999, 1068828381, 1219638859, 3624741850, 2936675148, 906185462, 1090812512, 3747672003, 2825379669, 829329135, 1181335161, 3412177804, 3160834842, 628085408, 1382605366, 3423369109, 3138078467, 570562233, 1426400815, 3317316542, 2998733608, 733239954, 1555261956, 3268935591, 3050360625, 752459403, 1541320221, 2607071920, 3965973030, 1969922972, 40735498, 2617837225, 3943577151, 1913087877, 83908371, 2512341634, 3803740692, 2075208622, 213261112, 2463272603, 3855990285, 2094854071, 198958881, 2262029012, 4057260610, 1759359992, 534414190, 2176718541, 4139329115, 1873836001, 414664567, 2282248934, 4279200368, 1711684554, 285281116, 2405801727, 4167216745, 1634467795, 376229701, 2685067896, 3608007406, 1308918612, 956543938, 2808555105, 3495958263, 1231636301, 1047427035, 2932959818, 3654703836, 1088359270, 936918000, 2847714899, 3736837829, 1202900863, 817233897, 3183342108, 3401237130, 1404277552, 615818150, 3134207493, 3453421203, 1423857449, 601450431, 3009837614, 3294710456, 1567103746, 711928724, 3020668471, 3272380065, 1510334235, 755167117]
            return getattr(self, '_m_table', None)

        @property
        def s5(self):
            if hasattr(self, '_m_s5'):
                return self._m_s5

            self._m_s5 = ((self.table[((self.s4 ^ KaitaiStream.byte_array_index(self.data, 4)) & 255)] ^ self.s4 // 256) % 4294967296)
            return getattr(self, '_m_s5', None)

        @property
        def s24(self):
            if hasattr(self, '_m_s24'):
                return self._m_s24

            self._m_s24 = ((self.table[((self.s23 ^ KaitaiStream.byte_array_index(self.data, 23)) & 255)] ^ self.s23 // 256) % 4294967296)
            return getattr(self, '_m_s24', None)

        @property
        def s56(self):
            if hasattr(self, '_m_s56'):
                return self._m_s56

            self._m_s56 = ((self.table[((self.s55 ^ KaitaiStream.byte_array_index(self.data, 55)) & 255)] ^ self.s55 // 256) % 4294967296)
            return getattr(self, '_m_s56', None)

        @property
        def s63(self):
            if hasattr(self, '_m_s63'):
                return self._m_s63

            self._m_s63 = ((self.table[((self.s62 ^ KaitaiStream.byte_array_index(self.data, 62)) & 255)] ^ self.s62 // 256) % 4294967296)
            return getattr(self, '_m_s63', None)

        @property
        def s13(self):
            if hasattr(self, '_m_s13'):
                return self._m_s13

            self._m_s13 = ((self.table[((self.s12 ^ KaitaiStream.byte_array_index(self.data, 12)) & 255)] ^ self.s12 // 256) % 4294967296)
            return getattr(self, '_m_s13', None)

        @property
        def s3(self):
            if hasattr(self, '_m_s3'):
                return self._m_s3

            self._m_s3 = ((self.table[((self.s2 ^ KaitaiStream.byte_array_index(self.data, 2)) & 255)] ^ self.s2 // 256) % 4294967296)
            return getattr(self, '_m_s3', None)

        @property
        def s9(self):
            if hasattr(self, '_m_s9'):
                return self._m_s9

            self._m_s9 = ((self.table[((self.s8 ^ KaitaiStream.byte_array_index(self.data, 8)) & 255)] ^ self.s8 // 256) % 4294967296)
            return getattr(self, '_m_s9', None)

        @property
        def s18(self):
            if hasattr(self, '_m_s18'):
                return self._m_s18

            self._m_s18 = ((self.table[((self.s17 ^ KaitaiStream.byte_array_index(self.data, 17)) & 255)] ^ self.s17 // 256) % 4294967296)
            return getattr(self, '_m_s18', None)

        @property
        def s7(self):
            if hasattr(self, '_m_s7'):
                return self._m_s7

            self._m_s7 = ((self.table[((self.s6 ^ KaitaiStream.byte_array_index(self.data, 6)) & 255)] ^ self.s6 // 256) % 4294967296)
            return getattr(self, '_m_s7', None)

        @property
        def s12(self):
            if hasattr(self, '_m_s12'):
                return self._m_s12

            self._m_s12 = ((self.table[((self.s11 ^ KaitaiStream.byte_array_index(self.data, 11)) & 255)] ^ self.s11 // 256) % 4294967296)
            return getattr(self, '_m_s12', None)

        @property
        def s14(self):
            if hasattr(self, '_m_s14'):
                return self._m_s14

            self._m_s14 = ((self.table[((self.s13 ^ KaitaiStream.byte_array_index(self.data, 13)) & 255)] ^ self.s13 // 256) % 4294967296)
            return getattr(self, '_m_s14', None)

        @property
        def s16(self):
            if hasattr(self, '_m_s16'):
                return self._m_s16

            self._m_s16 = ((self.table[((self.s15 ^ KaitaiStream.byte_array_index(self.data, 15)) & 255)] ^ self.s15 // 256) % 4294967296)
            return getattr(self, '_m_s16', None)

        @property
        def s15(self):
            if hasattr(self, '_m_s15'):
                return self._m_s15

            self._m_s15 = ((self.table[((self.s14 ^ KaitaiStream.byte_array_index(self.data, 14)) & 255)] ^ self.s14 // 256) % 4294967296)
            return getattr(self, '_m_s15', None)

        @property
        def s35(self):
            if hasattr(self, '_m_s35'):
                return self._m_s35

            self._m_s35 = ((self.table[((self.s34 ^ KaitaiStream.byte_array_index(self.data, 34)) & 255)] ^ self.s34 // 256) % 4294967296)
            return getattr(self, '_m_s35', None)

        @property
        def s33(self):
            if hasattr(self, '_m_s33'):
                return self._m_s33

            self._m_s33 = ((self.table[((self.s32 ^ KaitaiStream.byte_array_index(self.data, 32)) & 255)] ^ self.s32 // 256) % 4294967296)
            return getattr(self, '_m_s33', None)

        @property
        def s10(self):
            if hasattr(self, '_m_s10'):
                return self._m_s10

            self._m_s10 = ((self.table[((self.s9 ^ KaitaiStream.byte_array_index(self.data, 9)) & 255)] ^ self.s9 // 256) % 4294967296)
            return getattr(self, '_m_s10', None)

        @property
        def s52(self):
            if hasattr(self, '_m_s52'):
                return self._m_s52

            self._m_s52 = ((self.table[((self.s51 ^ KaitaiStream.byte_array_index(self.data, 51)) & 255)] ^ self.s51 // 256) % 4294967296)
            return getattr(self, '_m_s52', None)

        @property
        def s43(self):
            if hasattr(self, '_m_s43'):
                return self._m_s43

            self._m_s43 = ((self.table[((self.s42 ^ KaitaiStream.byte_array_index(self.data, 42)) & 255)] ^ self.s42 // 256) % 4294967296)
            return getattr(self, '_m_s43', None)

        @property
        def s48(self):
            if hasattr(self, '_m_s48'):
                return self._m_s48

            self._m_s48 = ((self.table[((self.s47 ^ KaitaiStream.byte_array_index(self.data, 47)) & 255)] ^ self.s47 // 256) % 4294967296)
            return getattr(self, '_m_s48', None)

        @property
        def s45(self):
            if hasattr(self, '_m_s45'):
                return self._m_s45

            self._m_s45 = ((self.table[((self.s44 ^ KaitaiStream.byte_array_index(self.data, 44)) & 255)] ^ self.s44 // 256) % 4294967296)
            return getattr(self, '_m_s45', None)

        @property
        def s36(self):
            if hasattr(self, '_m_s36'):
                return self._m_s36

            self._m_s36 = ((self.table[((self.s35 ^ KaitaiStream.byte_array_index(self.data, 35)) & 255)] ^ self.s35 // 256) % 4294967296)
            return getattr(self, '_m_s36', None)


    class SegmentHeader(KaitaiStruct):
        """The fixed 32-byte start of every segment file."""
        def __init__(self, start, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self.start = start
            self._read()

        def _read(self):
            self.complete = self._io.read_bytes(0)
            _ = self.complete
            if not (self._io.size() - self._io.pos()) >= 32:
                raise kaitaistruct.ValidationExprError(self.complete, self._io, u"/types/segment_header/seq/0")
            self.magic = self._io.read_u4be()
            self.version = self._io.read_u2be()
            self.flags = self._io.read_u2be()
            self.base_offset = self._io.read_u8be()
            self.created_at_micros = self._io.read_u8be()
            self.header_crc = self._io.read_u4be()
            self.reserved = self._io.read_u4be()
            self.magic_valid = self._io.read_bytes(0)
            _ = self.magic_valid
            if not self.magic == 1179407175:
                raise kaitaistruct.ValidationExprError(self.magic_valid, self._io, u"/types/segment_header/seq/8")
            self.version_valid = self._io.read_bytes(0)
            _ = self.version_valid
            if not self.version == 2:
                raise kaitaistruct.ValidationExprError(self.version_valid, self._io, u"/types/segment_header/seq/9")
            self.flags_valid = self._io.read_bytes(0)
            _ = self.flags_valid
            if not self.flags == 0:
                raise kaitaistruct.ValidationExprError(self.flags_valid, self._io, u"/types/segment_header/seq/10")
            self.header_crc_valid = self._io.read_bytes(0)
            _ = self.header_crc_valid
            if not self.header_crc == self.header_crc_computed:
                raise kaitaistruct.ValidationExprError(self.header_crc_valid, self._io, u"/types/segment_header/seq/11")

        @property
        def header_crc_part0(self):
            if hasattr(self, '_m_header_crc_part0'):
                return self._m_header_crc_part0

            _pos = self._io.pos()
            self._io.seek((self.start + 0))
            self._raw__m_header_crc_part0 = self._io.read_bytes(24)
            _io__raw__m_header_crc_part0 = KaitaiStream(BytesIO(self._raw__m_header_crc_part0))
            self._m_header_crc_part0 = FelixSegment.Crc3224(4294967295, _io__raw__m_header_crc_part0, self, self._root)
            self._io.seek(_pos)
            return getattr(self, '_m_header_crc_part0', None)

        @property
        def header_crc_computed(self):
            """CRC-32 the header_crc field should hold."""
            if hasattr(self, '_m_header_crc_computed'):
                return self._m_header_crc_computed

            self._m_header_crc_computed = self.header_crc_part0.value
            return getattr(self, '_m_header_crc_computed', None)


    class Crc3220(KaitaiStruct):
        """CRC-32 of exactly 20 bytes, unrolled (Kaitai expressions have no loops)."""
        def __init__(self, init, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self.init = init
            self._read()

        def _read(self):
            self.data = self._io.read_bytes(20)

        @property
        def s4(self):
            if hasattr(self, '_m_s4'):
                return self._m_s4

            self._m_s4 = ((self.table[((self.s3 ^ KaitaiStream.byte_array_index(self.data, 3)) & 255)] ^ self.s3 // 256) % 4294967296)
            return getattr(self, '_m_s4', None)

        @property
        def s20(self):
            if hasattr(self, '_m_s20'):
                return self._m_s20

            self._m_s20 = ((self.table[((self.s19 ^ KaitaiStream.byte_array_index(self.data, 19)) & 255)] ^ self.s19 // 256) % 4294967296)
            return getattr(self, '_m_s20', None)

        @property
        def s1(self):
            if hasattr(self, '_m_s1'):
                return self._m_s1

            self._m_s1 = ((self.table[((self.init ^ KaitaiStream.byte_array_index(self.data, 0)) & 255)] ^ self.init // 256) % 4294967296)
            return getattr(self, '_m_s1', None)

        @property
        def register(self):
            """The CRC register after these bytes, to continue with."""
            if hasattr(self, '_m_register'):
                return self._m_register

            self._m_register = self.s20
            return getattr(self, '_m_register', None)

        @property
        def s19(self):
            if hasattr(self, '_m_s19'):
                return self._m_s19

            self._m_s19 = ((self.table[((self.s18 ^ KaitaiStream.byte_array_index(self.data, 18)) & 255)] ^ self.s18 // 256) % 4294967296)
            return getattr(self, '_m_s19', None)

        @property
        def s2(self):
            if hasattr(self, '_m_s2'):
                return self._m_s2

            self._m_s2 = ((self.table[((self.s1 ^ KaitaiStream.byte_array_index(self.data, 1)) & 255)] ^ self.s1 // 256) % 4294967296)
            return getattr(self, '_m_s2', None)

        @property
        def s8(self):
            if hasattr(self, '_m_s8'):
                return self._m_s8

            self._m_s8 = ((self.table[((self.s7 ^ KaitaiStream.byte_array_index(self.data, 7)) & 255)] ^ self.s7 // 256) % 4294967296)
            return getattr(self, '_m_s8', None)

        @property
        def s6(self):
            if hasattr(self, '_m_s6'):
                return self._m_s6

            self._m_s6 = ((self.table[((self.s5 ^ KaitaiStream.byte_array_index(self.data, 5)) & 255)] ^ self.s5 // 256) % 4294967296)
            return getattr(self, '_m_s6', None)

        @property
        def s11(self):
            if hasattr(self, '_m_s11'):
                return self._m_s11

            self._m_s11 = ((self.table[((self.s10 ^ KaitaiStream.byte_array_index(self.data, 10)) & 255)] ^ self.s10 // 256) % 4294967296)
            return getattr(self, '_m_s11', None)

        @property
        def value(self):
            """The finished CRC-32."""
            if hasattr(self, '_m_value'):
                return self._m_value

            self._m_value = ((self.s20 ^ 4294967295) % 4294967296)
            return getattr(self, '_m_value', None)

        @property
        def s17(self):
            if hasattr(self, '_m_s17'):
                return self._m_s17

            self._m_s17 = ((self.table[((self.s16 ^ KaitaiStream.byte_array_index(self.data, 16)) & 255)] ^ self.s16 // 256) % 4294967296)
            return getattr(self, '_m_s17', None)

        @property
        def table(self):
            if hasattr(self, '_m_table'):
                return self._m_table

            self._m_table = [0, 1996959894, 3993919788, 2567524794, 124634137, 1886057615, 3915621685, 2657392035, 249268274, 2044508324, 3772115230, 2547177864, 162941995, 2125561021, 3887607047, 2428444049, 498536548, 1789927666, 4089016648, 2227061214, 450548861, 1843258603, 4107580753, 2211677639, 325883990, 1684777152, 4251122042, 2321926636, 335633487, 1661365465, 4195302755, 2366115317, 997073096, 1281953886, 3579855332, 2724688242, 1006888145, 1258607687, 3524101629, 2768942443, 901097722, 1119000684, 3686517206, 2898065728, 853044451, 1172266101, 3705015759, 2882616665, 651767980, 1373503546, 3369554304, 3218104598, 565507253, 1454621731, 3485111705, 3099436303, 671266974, 1594198024, 3322730930, 2970347812, 795835527, 1483230225, 3244367275, 3060149565, 1994146192, 31158534, 2563907772, 4023717930, 1907459465, 112637215, 2680153253, 3904427059, 2013776290, 251722036, 2517215374, 3775830040, 2137656763, 141376813, 2439277719, 3865271297, 1802195444, 476864866, 2238001368, 4066508878, 1812370925, 453092731, 2181625025, 4111451223, 1706088902, 314042704, 2344532202, 4240017532, 1658658271, 366619977, 2362670323, 4224994405, 1303535960, 984961486, 2747007092, 3569037538, 1256170817, 1037604311, 2765210733, 3554079995, 1131014506, 879679996, 2909243462, 3663771856, 1141124467, 855842277, 2852801631, 3708648649, 1342533948, 654459306, 3188396048, 3373015174, 1466479909, 544179635, 3110523913, 3462522015, 1591671054, 702138776, 2966460450, 3352799412, 1504918807, 783551873, 3082640443, 3233442989, 3988292384, 2596254646, 62317068, 1957810842, 3939845945, 2647816111, 81470997, 1943803523, 3814918930, 2489596804, 225274430, 2053790376, 3826175755, 2466906013, 167816743, 2097651377, 4027552580, 2265490386, 503444072, 1762050814, 4150417245, 2154129355, 426522225, 1852507879, 4275313526, 2312317920, 282753626, 1742555852, 4189708143, 2394877945, 397917763, 1622183637, 3604390888, 2714866558, 953729732, 1340076626, 3518719985, 2797360999, 1068828381, 1219638859, 3624741850, 2936675148, 906185462, 1090812512, 3747672003, 2825379669, 829329135, 1181335161, 3412177804, 3160834842, 628085408, 1382605366, 3423369109, 3138078467, 570562233, 1426400815, 3317316542, 2998733608, 733239954, 1555261956, 3268935591, 3050360625, 752459403, 1541320221, 2607071920, 3965973030, 1969922972, 40735498, 2617837225, 3943577151, 1913087877, 83908371, 2512341634, 3803740692, 2075208622, 213261112, 2463272603, 3855990285, 2094854071, 198958881, 2262029012, 4057260610, 1759359992, 534414190, 2176718541, 4139329115, 1873836001, 414664567, 2282248934, 4279200368, 1711684554, 285281116, 2405801727, 4167216745, 1634467795, 376229701, 2685067896, 3608007406, 1308918612, 956543938, 2808555105, 3495958263, 1231636301, 1047427035, 2932959818, 3654703836, 1088359270, 936918000, 2847714899, 3736837829, 1202900863, 817233897, 3183342108, 3401237130, 1404277552, 615818150, 3134207493, 3453421203, 1423857449, 601450431, 3009837614, 3294710456, 1567103746, 711928724, 3020668471, 3272380065, 1510334235, 755167117]
            return getattr(self, '_m_table', None)

        @property
        def s5(self):
            if hasattr(self, '_m_s5'):
                return self._m_s5

            self._m_s5 = ((self.table[((self.s4 ^ KaitaiStream.byte_array_index(self.data, 4)) & 255)] ^ self.s4 // 256) % 4294967296)
            return getattr(self, '_m_s5', None)

        @property
        def s13(self):
            if hasattr(self, '_m_s13'):
                return self._m_s13

            self._m_s13 = ((self.table[((self.s12 ^ KaitaiStream.byte_array_index(self.data, 12)) & 255)] ^ self.s12 // 256) % 4294967296)
            return getattr(self, '_m_s13', None)

        @property
        def s3(self):
            if hasattr(self, '_m_s3'):
                return self._m_s3

            self._m_s3 = ((self.table[((self.s2 ^ KaitaiStream.byte_array_index(self.data, 2)) & 255)] ^ self.s2 // 256) % 4294967296)
            return getattr(self, '_m_s3', None)

        @property
        def s9(self):
            if hasattr(self, '_m_s9'):
                return self._m_s9

            self._m_s9 = ((self.table[((self.s8 ^ KaitaiStream.byte_array_index(self.data, 8)) & 255)] ^ self.s8 // 256) % 4294967296)
            return getattr(self, '_m_s9', None)

        @property
        def s18(self):
            if hasattr(self, '_m_s18'):
                return self._m_s18

            self._m_s18 = ((self.table[((self.s17 ^ KaitaiStream.byte_array_index(self.data, 17)) & 255)] ^ self.s17 // 256) % 4294967296)
            return getattr(self, '_m_s18', None)

        @property
        def s7(self):
            if hasattr(self, '_m_s7'):
                return self._m_s7

            self._m_s7 = ((self.table[((self.s6 ^ KaitaiStream.byte_array_index(self.data, 6)) & 255)] ^ self.s6 // 256) % 4294967296)
            return getattr(self, '_m_s7', None)

        @property
        def s12(self):
            if hasattr(self, '_m_s12'):
                return self._m_s12

            self._m_s12 = ((self.table[((self.s11 ^ KaitaiStream.byte_array_index(self.data, 11)) & 255)] ^ self.s11 // 256) % 4294967296)
            return getattr(self, '_m_s12', None)

        @property
        def s14(self):
            if hasattr(self, '_m_s14'):
                return self._m_s14

            self._m_s14 = ((self.table[((self.s13 ^ KaitaiStream.byte_array_index(self.data, 13)) & 255)] ^ self.s13 // 256) % 4294967296)
            return getattr(self, '_m_s14', None)

        @property
        def s16(self):
            if hasattr(self, '_m_s16'):
                return self._m_s16

            self._m_s16 = ((self.table[((self.s15 ^ KaitaiStream.byte_array_index(self.data, 15)) & 255)] ^ self.s15 // 256) % 4294967296)
            return getattr(self, '_m_s16', None)

        @property
        def s15(self):
            if hasattr(self, '_m_s15'):
                return self._m_s15

            self._m_s15 = ((self.table[((self.s14 ^ KaitaiStream.byte_array_index(self.data, 14)) & 255)] ^ self.s14 // 256) % 4294967296)
            return getattr(self, '_m_s15', None)

        @property
        def s10(self):
            if hasattr(self, '_m_s10'):
                return self._m_s10

            self._m_s10 = ((self.table[((self.s9 ^ KaitaiStream.byte_array_index(self.data, 9)) & 255)] ^ self.s9 // 256) % 4294967296)
            return getattr(self, '_m_s10', None)


    class Crc3224(KaitaiStruct):
        """CRC-32 of exactly 24 bytes, unrolled (Kaitai expressions have no loops)."""
        def __init__(self, init, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self.init = init
            self._read()

        def _read(self):
            self.data = self._io.read_bytes(24)

        @property
        def s4(self):
            if hasattr(self, '_m_s4'):
                return self._m_s4

            self._m_s4 = ((self.table[((self.s3 ^ KaitaiStream.byte_array_index(self.data, 3)) & 255)] ^ self.s3 // 256) % 4294967296)
            return getattr(self, '_m_s4', None)

        @property
        def s20(self):
            if hasattr(self, '_m_s20'):
                return self._m_s20

            self._m_s20 = ((self.table[((self.s19 ^ KaitaiStream.byte_array_index(self.data, 19)) & 255)] ^ self.s19 // 256) % 4294967296)
            return getattr(self, '_m_s20', None)

        @property
        def s1(self):
            if hasattr(self, '_m_s1'):
                return self._m_s1

            self._m_s1 = ((self.table[((self.init ^ KaitaiStream.byte_array_index(self.data, 0)) & 255)] ^ self.init // 256) % 4294967296)
            return getattr(self, '_m_s1', None)

        @property
        def register(self):
            """The CRC register after these bytes, to continue with."""
            if hasattr(self, '_m_register'):
                return self._m_register

            self._m_register = self.s24
            return getattr(self, '_m_register', None)

        @property
        def s21(self):
            if hasattr(self, '_m_s21'):
                return self._m_s21

            self._m_s21 = ((self.table[((self.s20 ^ KaitaiStream.byte_array_index(self.data, 20)) & 255)] ^ self.s20 // 256) % 4294967296)
            return getattr(self, '_m_s21', None)

        @property
        def s19(self):
            if hasattr(self, '_m_s19'):
                return self._m_s19

            self._m_s19 = ((self.table[((self.s18 ^ KaitaiStream.byte_array_index(self.data, 18)) & 255)] ^ self.s18 // 256) % 4294967296)
            return getattr(self, '_m_s19', None)

        @property
        def s2(self):
            if hasattr(self, '_m_s2'):
                return self._m_s2

            self._m_s2 = ((self.table[((self.s1 ^ KaitaiStream.byte_array_index(self.data, 1)) & 255)] ^ self.s1 // 256) % 4294967296)
            return getattr(self, '_m_s2', None)

        @property
        def s8(self):
            if hasattr(self, '_m_s8'):
                return self._m_s8

            self._m_s8 = ((self.table[((self.s7 ^ KaitaiStream.byte_array_index(self.data, 7)) & 255)] ^ self.s7 // 256) % 4294967296)
            return getattr(self, '_m_s8', None)

        @property
        def s6(self):
            if hasattr(self, '_m_s6'):
                return self._m_s6

            self._m_s6 = ((self.table[((self.s5 ^ KaitaiStream.byte_array_index(self.data, 5)) & 255)] ^ self.s5 // 256) % 4294967296)
            return getattr(self, '_m_s6', None)

        @property
        def s11(self):
            if hasattr(self, '_m_s11'):
                return self._m_s11

            self._m_s11 = ((self.table[((self.s10 ^ KaitaiStream.byte_array_index(self.data, 10)) & 255)] ^ self.s10 // 256) % 4294967296)
            return getattr(self, '_m_s11', None)

        @property
        def s23(self):
            if hasattr(self, '_m_s23'):
                return self._m_s23

            self._m_s23 = ((self.table[((self.s22 ^ KaitaiStream.byte_array_index(self.data, 22)) & 255)] ^ self.s22 // 256) % 4294967296)
            return getattr(self, '_m_s23', None)

        @property
        def value(self):
            """The finished CRC-32."""
            if hasattr(self, '_m_value'):
                return self._m_value

            self._m_value = ((self.s24 ^ 4294967295) % 4294967296)
            return getattr(self, '_m_value', None)

        @property
        def s17(self):
            if hasattr(self, '_m_s17'):
                return self._m_s17

            self._m_s17 = ((self.table[((self.s16 ^ KaitaiStream.byte_array_index(self.data, 16)) & 255)] ^ self.s16 // 256) % 4294967296)
            return getattr(self, '_m_s17', None)

        @property
        def s22(self):
            if hasattr(self, '_m_s22'):
                return self._m_s22

            self._m_s22 = ((self.table[((self.s21 ^ KaitaiStream.byte_array_index(self.data, 21)) & 255)] ^ self.s21 // 256) % 4294967296)
            return getattr(self, '_m_s22', None)

        @property
        def table(self):
            if hasattr(self, '_m_table'):
                return self._m_table

            self._m_table = [0, 1996959894, 3993919788, 2567524794, 124634137, 1886057615, 3915621685, 2657392035, 249268274, 2044508324, 3772115230, 2547177864, 162941995, 2125561021, 3887607047, 2428444049, 498536548, 1789927666, 4089016648, 2227061214, 450548861, 1843258603, 4107580753, 2211677639, 325883990, 1684777152, 4251122042, 2321926636, 335633487, 1661365465, 4195302755, 2366115317, 997073096, 1281953886, 3579855332, 2724688242, 1006888145, 1258607687, 3524101629, 2768942443, 901097722, 1119000684, 3686517206, 2898065728, 853044451, 1172266101, 3705015759, 2882616665, 651767980, 1373503546, 3369554304, 3218104598, 565507253, 1454621731, 3485111705, 3099436303, 671266974, 1594198024, 3322730930, 2970347812, 795835527, 1483230225, 3244367275, 3060149565, 1994146192, 31158534, 2563907772, 4023717930, 1907459465, 112637215, 2680153253, 3904427059, 2013776290, 251722036, 2517215374, 3775830040, 2137656763, 141376813, 2439277719, 3865271297, 1802195444, 476864866, 2238001368, 4066508878, 1812370925, 453092731, 2181625025, 4111451223, 1706088902, 314042704, 2344532202, 4240017532, 1658658271, 366619977, 2362670323, 4224994405, 1303535960, 984961486, 2747007092, 3569037538, 1256170817, 1037604311, 2765210733, 3554079995, 1131014506, 879679996, 2909243462, 3663771856, 1141124467, 855842277, 2852801631, 3708648649, 1342533948, 654459306, 3188396048, 3373015174, 1466479909, 544179635, 3110523913, 3462522015, 1591671054, 702138776, 2966460450, 3352799412, 1504918807, 783551873, 3082640443, 3233442989, 3988292384, 2596254646, 62317068, 1957810842, 3939845945, 2647816111, 81470997, 1943803523, 3814918930, 2489596804, 225274430, 2053790376, 3826175755, 2466906013, 167816743, 2097651377, 4027552580, 2265490386, 503444072, 1762050814, 4150417245, 2154129355, 426522225, 1852507879, 4275313526, 2312317920, 282753626, 1742555852, 4189708143, 2394877945, 397917763, 1622183637, 3604390888, 2714866558, 953729732, 1340076626, 3518719985, 2797360999, 1068828381, 1219638859, 3624741850, 2936675148, 906185462, 1090812512, 3747672003, 2825379669, 829329135, 1181335161, 3412177804, 3160834842, 628085408, 1382605366, 3423369109, 3138078467, 570562233, 1426400815, 3317316542, 2998733608, 733239954, 1555261956, 3268935591, 3050360625, 752459403, 1541320221, 2607071920, 3965973030, 1969922972, 40735498, 2617837225, 3943577151, 1913087877, 83908371, 2512341634, 3803740692, 2075208622, 213261112, 2463272603, 3855990285, 2094854071, 198958881, 2262029012, 4057260610, 1759359992, 534414190, 2176718541, 4139329115, 1873836001, 414664567, 2282248934, 4279200368, 1711684554, 285281116, 2405801727, 4167216745, 1634467795, 376229701, 2685067896, 3608007406, 1308918612, 956543938, 2808555105, 3495958263, 1231636301, 1047427035, 2932959818, 3654703836, 1088359270, 936918000, 2847714899, 3736837829, 1202900863, 817233897, 3183342108, 3401237130, 1404277552, 615818150, 3134207493, 3453421203, 1423857449, 601450431, 3009837614, 3294710456, 1567103746, 711928724, 3020668471, 3272380065, 1510334235, 755167117]
            return getattr(self, '_m_table', None)

        @property
        def s5(self):
            if hasattr(self, '_m_s5'):
                return self._m_s5

            self._m_s5 = ((self.table[((self.s4 ^ KaitaiStream.byte_array_index(self.data, 4)) & 255)] ^ self.s4 // 256) % 4294967296)
            return getattr(self, '_m_s5', None)

        @property
        def s24(self):
            if hasattr(self, '_m_s24'):
                return self._m_s24

            self._m_s24 = ((self.table[((self.s23 ^ KaitaiStream.byte_array_index(self.data, 23)) & 255)] ^ self.s23 // 256) % 4294967296)
            return getattr(self, '_m_s24', None)

        @property
        def s13(self):
            if hasattr(self, '_m_s13'):
                return self._m_s13

            self._m_s13 = ((self.table[((self.s12 ^ KaitaiStream.byte_array_index(self.data, 12)) & 255)] ^ self.s12 // 256) % 4294967296)
            return getattr(self, '_m_s13', None)

        @property
        def s3(self):
            if hasattr(self, '_m_s3'):
                return self._m_s3

            self._m_s3 = ((self.table[((self.s2 ^ KaitaiStream.byte_array_index(self.data, 2)) & 255)] ^ self.s2 // 256) % 4294967296)
            return getattr(self, '_m_s3', None)

        @property
        def s9(self):
            if hasattr(self, '_m_s9'):
                return self._m_s9

            self._m_s9 = ((self.table[((self.s8 ^ KaitaiStream.byte_array_index(self.data, 8)) & 255)] ^ self.s8 // 256) % 4294967296)
            return getattr(self, '_m_s9', None)

        @property
        def s18(self):
            if hasattr(self, '_m_s18'):
                return self._m_s18

            self._m_s18 = ((self.table[((self.s17 ^ KaitaiStream.byte_array_index(self.data, 17)) & 255)] ^ self.s17 // 256) % 4294967296)
            return getattr(self, '_m_s18', None)

        @property
        def s7(self):
            if hasattr(self, '_m_s7'):
                return self._m_s7

            self._m_s7 = ((self.table[((self.s6 ^ KaitaiStream.byte_array_index(self.data, 6)) & 255)] ^ self.s6 // 256) % 4294967296)
            return getattr(self, '_m_s7', None)

        @property
        def s12(self):
            if hasattr(self, '_m_s12'):
                return self._m_s12

            self._m_s12 = ((self.table[((self.s11 ^ KaitaiStream.byte_array_index(self.data, 11)) & 255)] ^ self.s11 // 256) % 4294967296)
            return getattr(self, '_m_s12', None)

        @property
        def s14(self):
            if hasattr(self, '_m_s14'):
                return self._m_s14

            self._m_s14 = ((self.table[((self.s13 ^ KaitaiStream.byte_array_index(self.data, 13)) & 255)] ^ self.s13 // 256) % 4294967296)
            return getattr(self, '_m_s14', None)

        @property
        def s16(self):
            if hasattr(self, '_m_s16'):
                return self._m_s16

            self._m_s16 = ((self.table[((self.s15 ^ KaitaiStream.byte_array_index(self.data, 15)) & 255)] ^ self.s15 // 256) % 4294967296)
            return getattr(self, '_m_s16', None)

        @property
        def s15(self):
            if hasattr(self, '_m_s15'):
                return self._m_s15

            self._m_s15 = ((self.table[((self.s14 ^ KaitaiStream.byte_array_index(self.data, 14)) & 255)] ^ self.s14 // 256) % 4294967296)
            return getattr(self, '_m_s15', None)

        @property
        def s10(self):
            if hasattr(self, '_m_s10'):
                return self._m_s10

            self._m_s10 = ((self.table[((self.s9 ^ KaitaiStream.byte_array_index(self.data, 9)) & 255)] ^ self.s9 // 256) % 4294967296)
            return getattr(self, '_m_s10', None)


    class Record(KaitaiStruct):
        """One record: a 28-byte header and the payload. header_crc is verified before any other field is used, so payload_len is only acted on once it is known to be intact; that is what tells an unfinished write (a verified header claiming more bytes than the file holds) from a rotted length field."""
        def __init__(self, start, index, _io, _parent=None, _root=None):
            self._io = _io
            self._parent = _parent
            self._root = _root if _root else self
            self.start = start
            self.index = index
            self._read()

        def _read(self):
            self.complete = self._io.read_bytes(0)
            _ = self.complete
            if not (self._io.size() - self._io.pos()) >= 28:
                raise kaitaistruct.ValidationExprError(self.complete, self._io, u"/types/record/seq/0")
            self.payload_len = self._io.read_u4be()
            self.offset = self._io.read_u8be()
            self.timestamp_micros = self._io.read_u8be()
            self.header_crc = self._io.read_u4be()
            self.checksum = self._io.read_u4be()
            self.header_crc_valid = self._io.read_bytes(0)
            _ = self.header_crc_valid
            if not self.header_crc == self.header_crc_computed:
                raise kaitaistruct.ValidationExprError(self.header_crc_valid, self._io, u"/types/record/seq/6")
            self.payload_len_valid = self._io.read_bytes(0)
            _ = self.payload_len_valid
            if not self.payload_len <= 67108864:
                raise kaitaistruct.ValidationExprError(self.payload_len_valid, self._io, u"/types/record/seq/7")
            self.payload_complete = self._io.read_bytes(0)
            _ = self.payload_complete
            if not (self._io.size() - self._io.pos()) >= self.payload_len:
                raise kaitaistruct.ValidationExprError(self.payload_complete, self._io, u"/types/record/seq/8")
            self.payload = self._io.read_bytes(self.payload_len)
            self.offset_valid = self._io.read_bytes(0)
            _ = self.offset_valid
            if not  ((self.index < 0) or ((self.offset - self._parent.header.base_offset) == self.index)) :
                raise kaitaistruct.ValidationExprError(self.offset_valid, self._io, u"/types/record/seq/10")

        @property
        def checksum_part1(self):
            if hasattr(self, '_m_checksum_part1'):
                return self._m_checksum_part1

            _pos = self._io.pos()
            self._io.seek((self.start + 28))
            self._raw__m_checksum_part1 = self._io.read_bytes(self.payload_len)
            _io__raw__m_checksum_part1 = KaitaiStream(BytesIO(self._raw__m_checksum_part1))
            self._m_checksum_part1 = FelixSegment.Crc32Run(self.checksum_part0.register, _io__raw__m_checksum_part1, self, self._root)
            self._io.seek(_pos)
            return getattr(self, '_m_checksum_part1', None)

        @property
        def checksum_ok(self):
            """Whether checksum matches. Lazy: it reads the payload through one Kaitai object per 64 bytes, so a reader asks for it only when it verifies (zlib.crc32 or hash/crc32 of the same bytes is faster)."""
            if hasattr(self, '_m_checksum_ok'):
                return self._m_checksum_ok

            self._m_checksum_ok = self.checksum == self.checksum_computed
            return getattr(self, '_m_checksum_ok', None)

        @property
        def checksum_part0(self):
            if hasattr(self, '_m_checksum_part0'):
                return self._m_checksum_part0

            _pos = self._io.pos()
            self._io.seek((self.start + 0))
            self._raw__m_checksum_part0 = self._io.read_bytes(24)
            _io__raw__m_checksum_part0 = KaitaiStream(BytesIO(self._raw__m_checksum_part0))
            self._m_checksum_part0 = FelixSegment.Crc3224(4294967295, _io__raw__m_checksum_part0, self, self._root)
            self._io.seek(_pos)
            return getattr(self, '_m_checksum_part0', None)

        @property
        def checksum_computed(self):
            """CRC-32 the checksum field should hold."""
            if hasattr(self, '_m_checksum_computed'):
                return self._m_checksum_computed

            self._m_checksum_computed = self.checksum_part1.value
            return getattr(self, '_m_checksum_computed', None)

        @property
        def header_crc_part0(self):
            if hasattr(self, '_m_header_crc_part0'):
                return self._m_header_crc_part0

            _pos = self._io.pos()
            self._io.seek((self.start + 0))
            self._raw__m_header_crc_part0 = self._io.read_bytes(20)
            _io__raw__m_header_crc_part0 = KaitaiStream(BytesIO(self._raw__m_header_crc_part0))
            self._m_header_crc_part0 = FelixSegment.Crc3220(4294967295, _io__raw__m_header_crc_part0, self, self._root)
            self._io.seek(_pos)
            return getattr(self, '_m_header_crc_part0', None)

        @property
        def header_crc_computed(self):
            """CRC-32 the header_crc field should hold."""
            if hasattr(self, '_m_header_crc_computed'):
                return self._m_header_crc_computed

            self._m_header_crc_computed = self.header_crc_part0.value
            return getattr(self, '_m_header_crc_computed', None)



