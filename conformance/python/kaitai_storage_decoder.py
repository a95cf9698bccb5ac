#!/usr/bin/python3
"""Felix storage conformance decoder on the Python parsers kaitai-struct-compiler generates from
generated/kaitai/felix_segment.ksy and felix_index.ksy (runtime: Debian's python3-kaitaistruct
0.10).

Reads JSON lines {"name", "kind", "bytes_hex", "companion"?} on stdin and writes one JSON line
per input: {"name", "value"} in the storage value notation (conformance/README.md), or
{"name", "error": {"code", "field"}} with a storage error code of spec/storage.yaml. Kaitai
parses and checks; this script only evaluates the lazy payload checksums the .ksy leaves to a
reader, compares the companion file's field a `matches` rule names, and writes the notation.
Struct layouts come from generated/meta/spec.json, error codes from the .ksy's error tables.
"""

import json
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
KAITAI_DIR = os.path.join(ROOT, "generated", "kaitai")
SPEC_JSON = os.path.join(ROOT, "generated", "meta", "spec.json")
MAX_SAFE_INTEGER = 2**53 - 1


class Rejection(Exception):
    def __init__(self, code, field=None):
        super().__init__(code)
        self.code = code
        self.field = field


def class_name(ident):
    return "".join(part.capitalize() for part in ident.split("_"))


class Decoder:
    def __init__(self):
        sys.dont_write_bytecode = True
        sys.path.insert(0, os.path.join(KAITAI_DIR, "python"))
        import kaitaistruct

        self.ks = kaitaistruct
        with open(SPEC_JSON, encoding="utf-8") as f:
            self.storage = json.load(f)["storage"]
        self.files = {}
        for kind, file in self.storage["files"].items():
            ident = "felix_" + kind
            module = __import__(ident)
            with open(os.path.join(KAITAI_DIR, ident + ".errors.json"), encoding="utf-8") as f:
                errors = json.load(f)
            self.files[kind] = {"spec": file, "cls": getattr(module, class_name(ident)), "errors": errors}
        # Which file's parser holds each struct, for structs decoded alone.
        self.struct_file = {}
        for kind, file in self.storage["files"].items():
            self.struct_file[file["header"]] = kind
            self.struct_file[file["body"]] = kind

    def struct_args(self, struct, start=0, index=-1):
        """The params a struct type takes: where it starts, and its index (-1: read alone, order not checked)."""
        args = []
        if any("crc" in f for f in struct["fields"]):
            args.append(start)
        if any("sequence" in f or "ascending" in f for f in struct["fields"]):
            args.append(index)
        return args

    def parse(self, file, make):
        try:
            return make()
        except EOFError:
            raise Rejection("truncated")
        except self.ks.ValidationFailedError as e:
            check = file["errors"]["validations"].get(e.src_path)
            if check is None:
                raise
            raise Rejection(check["code"], check["field"])

    def struct_value(self, struct, obj, file):
        out = {}
        for f in struct["fields"]:
            v = getattr(obj, f["name"])
            if f["type"] == "bytes":
                out[f["name"]] = v.hex()
            elif f["type"] == "u64":
                out[f["name"]] = v if v <= MAX_SAFE_INTEGER else str(v)
            else:
                out[f["name"]] = v
        for instance, check in file["errors"]["lazy"].items():
            if check["field"].split(".")[0] == struct_name(struct) and not getattr(obj, instance):
                raise Rejection(check["code"], check["field"])
        return out

    def check_companion(self, file, header, companion):
        for check in file["errors"]["cross_file"]:
            struct, field = check["matches"].split(".")
            expected = (companion or {}).get(struct, {}).get(field)
            if expected is not None and getattr(header, check["field"].split(".")[1]) != int(expected):
                raise Rejection(check["code"], check["field"])

    def file_value(self, file, root, companion):
        spec = file["spec"]
        header = self.struct_value(self.storage["structs"][spec["header"]], root.header, file)
        self.check_companion(file, root.header, companion)
        body = self.storage["structs"][spec["body"]]
        value = {"header": header, spec["items"]: [self.struct_value(body, item, file) for item in getattr(root, spec["items"])]}
        if spec["torn_tail"] == "ignored":
            value["torn_bytes"] = len(root.torn)
        return value

    def read_in_order(self, file, data, stream, companion):
        """Reads the file one body struct at a time with the .ksy's own types, asking each one's
        lazy checks before reading the next, so problems are found in file order."""
        spec = file["spec"]
        header_struct = self.storage["structs"][spec["header"]]
        body_struct = self.storage["structs"][spec["body"]]
        header_cls = getattr(file["cls"], class_name(spec["header"]))
        body_cls = getattr(file["cls"], class_name(spec["body"]))
        header = self.parse(file, lambda: header_cls(*self.struct_args(header_struct, 0, -1), stream))
        value = {"header": self.struct_value(header_struct, header, file), spec["items"]: []}
        self.check_companion(file, header, companion)
        parent = type("Parent", (), {})()
        parent.header = header
        setattr(parent, spec["items"], [])
        while not stream.is_eof():
            start = stream.pos()
            index = len(value[spec["items"]])
            item = self.parse(file, lambda: body_cls(*self.struct_args(body_struct, start, index), stream, parent))
            getattr(parent, spec["items"]).append(item)
            value[spec["items"]].append(self.struct_value(body_struct, item, file))
        return value

    def decode(self, kind, data, companion):
        ks = self.ks
        stream = ks.KaitaiStream(ks.BytesIO(data))
        if kind in self.files:
            file = self.files[kind]
            if file["errors"]["lazy"]:
                value = self.read_in_order(file, data, stream, companion)
                # The parser's own loop must read the same file the same way.
                if self.file_value(file, self.parse(file, lambda: file["cls"](ks.KaitaiStream(ks.BytesIO(data)))), companion) != value:
                    raise RuntimeError("the root type reads another value than its records one by one")
                return value
            return self.file_value(file, self.parse(file, lambda: file["cls"](stream)), companion)
        file = self.files[self.struct_file[kind]]
        struct = self.storage["structs"][kind]
        cls = getattr(file["cls"], class_name(kind))
        obj = self.parse(file, lambda: cls(*self.struct_args(struct), stream))
        if stream.pos() != len(data):
            raise RuntimeError("%d bytes after the %s" % (len(data) - stream.pos(), kind))
        return self.struct_value(struct, obj, file)


def struct_name(struct):
    return struct["name"]


def answer(decoder, setup_error, line):
    request = json.loads(line)
    name = request.get("name")
    if decoder is None:
        return {"name": name, "error": {"code": "internal:" + setup_error}}
    try:
        data = bytes.fromhex(request["bytes_hex"])
        return {"name": name, "value": decoder.decode(request["kind"], data, request.get("companion"))}
    except Rejection as r:
        error = {"code": r.code}
        if r.field is not None:
            error["field"] = r.field
        return {"name": name, "error": error}
    except Exception as e:  # noqa: BLE001 - every line is answered
        return {"name": name, "error": {"code": "internal:%s: %s" % (type(e).__name__, e)}}


def main():
    setup_error = None
    try:
        decoder = Decoder()
    except Exception as e:  # noqa: BLE001 - reported on every line instead
        decoder = None
        setup_error = "%s: %s" % (type(e).__name__, e)
    for line in sys.stdin.buffer:
        if line.strip():
            sys.stdout.write(json.dumps(answer(decoder, setup_error, line)) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
