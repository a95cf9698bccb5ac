#!/usr/bin/python3
"""Felix conformance decoder on the Python parser kaitai-struct-compiler generates from
generated/kaitai/felix_wire.ksy (runtime: Debian's python3-kaitaistruct 0.10).

Reads JSON lines {"name": ..., "frame_hex": ...} on stdin and writes one JSON line per input:
{"name": ..., "value": ...} in the value notation of conformance/README.md, or
{"name": ..., "error": "code"} with a codec error code of spec/protocol.yaml. Kaitai does the
framing and every binary check (UTF-8 included); this script decodes the flags-0 JSON payload
and checks it against its JSON Schema. Field types come from generated/meta/spec.json, never
from a hand-written list. It answers every line: anything unexpected becomes
{"error": "internal:<message>"}.
"""

import base64
import json
import json.decoder
import json.scanner
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
KAITAI_DIR = os.path.join(ROOT, "generated", "kaitai")
SCHEMA_DIR = os.path.join(ROOT, "generated", "schemas")
SPEC_JSON = os.path.join(ROOT, "generated", "meta", "spec.json")

MAX_SAFE_INTEGER = 2**53 - 1
MAX_BYTES_KEYWORD = "x-felix-max-bytes"
FORMAT_KEYWORD = "x-felix-format"
TYPE_KEYWORD = "x-felix-type"
# Not a schema keyword: names the failure of the u64 exactness rule inside "maximum".
EXACT_KEYWORD = "x-felix-exact"


class Rejection(Exception):
    """A frame the decoder refuses, with the spec's codec error code."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


class Decoder:
    def __init__(self):
        # A __pycache__ in generated/kaitai would be a stale file to `npm run generate --check`.
        sys.dont_write_bytecode = True
        sys.path.insert(0, os.path.join(KAITAI_DIR, "python"))
        import jsonschema
        import kaitaistruct
        from felix_wire import FelixWire

        self.kaitaistruct = kaitaistruct
        self.FelixWire = FelixWire
        with open(SPEC_JSON, encoding="utf-8") as f:
            self.spec = json.load(f)
        with open(os.path.join(KAITAI_DIR, "felix_wire.errors.json"), encoding="utf-8") as f:
            self.validations = json.load(f)["validations"]
        self.known_flags = 0
        for flag in self.spec["flags"]:
            self.known_flags |= flag["bit"]
        self.flag_bits = {flag["name"]: flag["bit"] for flag in self.spec["flags"]}
        self.messages = {m["name"]: m for m in self.spec["messages"]}
        self.validator_class = _validator_class(jsonschema)
        self.validators = {}

    # ---------- the Kaitai parse ----------

    def parse_frame(self, frame):
        ks = self.kaitaistruct
        try:
            return self.FelixWire(ks.KaitaiStream(ks.BytesIO(frame)))
        except EOFError:
            # The header is read as one block first, so running out there means it is short.
            raise Rejection("short_header" if len(frame) < self.spec["frame"]["header_size"] else "truncated")
        except ks.ValidationFailedError as e:
            code = self.validations.get(e.src_path)
            if code is None:
                raise
            if code == "invalid_flags" and e.actual & ~self.known_flags:
                code = "unknown_flags"
            raise Rejection(code)

    # ---------- binary layouts ----------

    def enum_name(self, enum, value):
        number = getattr(value, "value", value)
        for v in self.spec["enums"][enum]["values"]:
            if v.get("value") == number:
                return v["name"]
        raise Rejection("invalid_enum")

    def str16(self, limit, s):
        raw = s.data.raw
        if limit and len(raw) > self.spec["limits"][limit]["value"]:
            raise RuntimeError("the Kaitai parser passed a %d-byte string" % len(raw))
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            # The .ksy checks UTF-8 code point by code point; getting here means that check is wrong.
            raise RuntimeError("the Kaitai parser passed invalid UTF-8")

    def binary_value(self, f, v):
        t = f["type"]
        if t == "u64":
            return v if v <= MAX_SAFE_INTEGER else str(v)
        if t == "str16":
            return self.str16(f.get("limit"), v)
        if t == "bytes32":
            return v.data.hex()
        if t == "list32":
            if f["items"] == "str16":
                return [self.str16(None, item) for item in v.items]
            return [item.data.hex() for item in v.items]
        if f.get("enum"):
            return self.enum_name(f["enum"], v)
        return v

    def binary_message(self, layout, flags, payload):
        out = {"type": layout["name"]}
        for f in layout["fields"]:
            if f.get("when") and not flags & self.flag_bits[f["when"]]:
                continue
            v = getattr(payload, f["name"], None)
            if v is None:
                raise RuntimeError("the Kaitai parser has no %s.%s" % (layout["name"], f["name"]))
            out[f["name"]] = self.binary_value(f, v)
        return out

    # ---------- JSON payloads ----------

    def validator_for(self, message):
        v = self.validators.get(message)
        if v is None:
            with open(os.path.join(SCHEMA_DIR, message + ".schema.json"), encoding="utf-8") as f:
                v = self.validator_class(json.load(f))
            self.validators[message] = v
        return v

    def json_message(self, raw):
        text = utf8(raw)
        try:
            o = parse_json(text)
        except ValueError:
            raise Rejection("invalid_json")
        if not isinstance(o, dict):
            raise Rejection("invalid_json")
        if "type" not in o:
            raise Rejection("missing_field")
        if not isinstance(o["type"], str):
            raise Rejection("wrong_type")
        message = self.messages.get(o["type"])
        if message is None:
            raise Rejection("unknown_type")
        error = next(self.validator_for(message["name"]).iter_errors(o), None)
        if error is not None:
            raise Rejection(schema_error_code(error, self.spec["formats"]))
        out = {"type": message["name"]}
        out.update(json_fields(message["fields"], o))
        return out

    # ---------- entry point ----------

    def decode(self, frame):
        parsed = self.parse_frame(frame)
        flags = parsed.header.flags
        if flags == 0:
            return self.json_message(parsed.payload.text)
        for layout in self.spec["layouts"]:
            if flags & layout["flagBit"]:
                return self.binary_message(layout, flags, parsed.payload)
        raise RuntimeError("flags 0x%x passed the parser but select no layout" % flags)


def utf8(data):
    # Python's codec is strict and keeps a BOM as text, like the spec's "strings are UTF-8".
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise Rejection("invalid_utf8")


# ---------- JSON ----------
#
# An integer literal is read exactly, however large (a JSON u64 reaches 2^64-1); a number with a
# fraction or an exponent is a float, as JSON.parse reads it.


def reject_constant(name):
    raise ValueError("%s is not JSON" % name)


_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = json.scanner.NUMBER_RE
_scanstring = json.decoder.scanstring


def parse_json(text):
    try:
        return json.loads(text, parse_constant=reject_constant)
    except RecursionError:
        return parse_json_deep(text)


def _key(text, i):
    if not text.startswith('"', i):
        raise ValueError("expected a member name at %d" % i)
    key, i = _scanstring(text, i + 1, True)
    i = _WS.match(text, i).end()
    if not text.startswith(":", i):
        raise ValueError("expected ':' at %d" % i)
    return key, _WS.match(text, i + 1).end()


def parse_json_deep(text):
    """json.loads without recursion, for nesting deeper than Python's recursion limit (which
    JSON.parse has no equivalent of, so such a payload must still parse)."""
    stack = []  # [container, pending member name]
    n = len(text)
    i = _WS.match(text, 0).end()
    while True:
        if i >= n:
            raise ValueError("unexpected end of JSON")
        c = text[i]
        if c == "{" or c == "[":
            i = _WS.match(text, i + 1).end()
            if text.startswith("}" if c == "{" else "]", i):
                value = {} if c == "{" else []
                i += 1
            elif c == "{":
                key, i = _key(text, i)
                stack.append([{}, key])
                continue
            else:
                stack.append([[], None])
                continue
        elif c == '"':
            value, i = _scanstring(text, i + 1, True)
        else:
            m = _NUMBER.match(text, i)
            if m:
                integer, frac, exp = m.groups()
                value = float(integer + (frac or "") + (exp or "")) if frac or exp else int(integer)
                i = m.end()
            elif text.startswith("true", i):
                value, i = True, i + 4
            elif text.startswith("false", i):
                value, i = False, i + 5
            elif text.startswith("null", i):
                value, i = None, i + 4
            else:
                raise ValueError("unexpected character at %d" % i)
        # Attach the value, closing every container that ends right after it.
        while True:
            i = _WS.match(text, i).end()
            if not stack:
                if i != n:
                    raise ValueError("extra data at %d" % i)
                return value
            top = stack[-1]
            if isinstance(top[0], dict):
                top[0][top[1]] = value
            else:
                top[0].append(value)
            if text.startswith(",", i):
                i = _WS.match(text, i + 1).end()
                if isinstance(top[0], dict):
                    top[1], i = _key(text, i)
                break
            if text.startswith("}" if isinstance(top[0], dict) else "]", i):
                i += 1
                value = stack.pop()[0]
                continue
            raise ValueError("expected ',' or a closing bracket at %d" % i)


# ---------- JSON Schema ----------


def _validator_class(jsonschema):
    from jsonschema.exceptions import ValidationError

    def max_bytes(validator, limit, instance, schema):
        if validator.is_type(instance, "string") and len(instance.encode("utf-8", "surrogatepass")) > limit:
            yield ValidationError("is over %d UTF-8 bytes" % limit)

    def pattern(validator, regex, instance, schema):
        # The schemas use ECMA-262 regexes, where "$" ends the input; Python's also matches
        # before a final newline.
        if regex.endswith("$") and not regex.endswith("\\$"):
            regex = regex[:-1] + r"\Z"
        if validator.is_type(instance, "string") and not re.search(regex, instance):
            yield ValidationError("does not match %r" % regex)

    def maximum(validator, limit, instance, schema):
        if not validator.is_type(instance, "number"):
            return
        # A u64 above 2^53-1 that is a float was written with a fraction or an exponent: a
        # double has rounded it, so it names no one integer.
        if schema.get(TYPE_KEYWORD) == "u64" and isinstance(instance, float) and instance > MAX_SAFE_INTEGER:
            yield ValidationError("is above 2^53-1 and not a plain integer", validator=EXACT_KEYWORD)
        elif instance > limit:
            yield ValidationError("is greater than the maximum of %r" % limit)

    def type_(validator, types, instance, schema):
        # jsonschema's own message holds repr(instance), which recurses through (and can
        # exhaust the stack on) a deeply nested value sent where a scalar belongs.
        types = [types] if isinstance(types, str) else types
        if not any(validator.is_type(instance, t) for t in types):
            yield ValidationError("is not of type %s" % ", ".join(types))

    return jsonschema.validators.extend(
        jsonschema.Draft7Validator,
        {MAX_BYTES_KEYWORD: max_bytes, "maximum": maximum, "pattern": pattern, "type": type_},
    )


def schema_error_code(error, formats):
    keyword = error.validator
    if keyword == "required":
        return "missing_field"
    if keyword == "type":
        return "wrong_type"
    if keyword == EXACT_KEYWORD:
        return "unsafe_integer"
    if keyword in ("maximum", "minimum"):
        return "out_of_range"
    if keyword in ("enum", "const"):
        return "invalid_enum"
    if keyword == "pattern":
        # A pattern stands for a spec format when its schema names one; else it is base64's.
        fmt = error.schema.get(FORMAT_KEYWORD) if isinstance(error.schema, dict) else None
        return formats[fmt]["error"] if fmt else "invalid_base64"
    if keyword == "maxItems":
        return "too_many_items"
    if keyword in ("maxLength", MAX_BYTES_KEYWORD):
        return "string_too_long"
    raise RuntimeError("no error code for schema keyword %s at %s" % (keyword, list(error.absolute_path)))


# ---------- projection into the value notation ----------


def json_kind(v):
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def variant_kind(field):
    t = field["type"]
    if t in ("enum", "string", "bytes"):
        return "string"
    if t == "object":
        return "object"
    if t == "list":
        return "array"
    if t == "bool":
        return "boolean"
    return "number"


def json_scalar(t, v):
    if t == "bytes":
        return base64.b64decode(v, validate=True).hex()
    if t in ("u16", "u32", "u64"):
        # Integral floats (1.0, 1e2) pass the schema's "integer"; JavaScript sees plain numbers.
        # A u64 above 2^53-1 is written in decimal digits, as the notation says.
        v = int(v)
        return v if v <= MAX_SAFE_INTEGER else str(v)
    return v


def json_value(f, v):
    t = f["type"]
    if t == "list":
        return [json_scalar(f["items"], x) for x in v]
    if t == "object":
        return json_fields(f["fields"], v)
    if t == "oneof":
        for variant in f["variants"]:
            if variant_kind(variant) == json_kind(v):
                return json_value(variant, v)
        raise Rejection("wrong_type")
    return json_scalar(t, v)


def json_fields(fields, o):
    out = {}
    for f in fields:
        v = o.get(f["name"])
        if v is None:
            if f["presence"] == "nullable":
                out[f["name"]] = None
            continue
        out[f["name"]] = json_value(f, v)
    return out


# ---------- the line protocol ----------


def answer(decoder, line):
    name = None
    try:
        request = json.loads(line)
        name = request.get("name") if isinstance(request, dict) else None
        if decoder is None:
            return {"name": name, "error": "internal:setup: %s" % SETUP_ERROR}
        frame = bytes.fromhex(request["frame_hex"])
        try:
            return {"name": name, "value": decoder.decode(frame)}
        except Rejection as r:
            return {"name": name, "error": r.code}
    except Exception as e:  # noqa: BLE001 - every input gets an answer
        return {"name": name, "error": "internal:%s: %s" % (type(e).__name__, e)}


SETUP_ERROR = None


def main():
    global SETUP_ERROR
    try:
        decoder = Decoder()
    except Exception as e:  # noqa: BLE001 - reported on every line instead
        decoder = None
        SETUP_ERROR = "%s: %s" % (type(e).__name__, e)
    out = sys.stdout
    for line in sys.stdin.buffer:
        if not line.strip():
            continue
        try:
            text = json.dumps(answer(decoder, line))
        except Exception as e:  # noqa: BLE001 - an answer that cannot be written is still answered
            text = json.dumps({"name": None, "error": "internal:%s: %s" % (type(e).__name__, e)})
        out.write(text + "\n")
        # Answer each line as it comes: a runner may wait for it before sending the next.
        out.flush()


if __name__ == "__main__":
    main()
