// The differential oracle: one frame through the generated codec, the reference interpreter
// and the Kaitai JS decoder. They share no decoding code, so any input on which they differ
// (a value, an error code, or an exception that is not a spec error) is a bug in one of them.
import { isDeepStrictEqual } from 'node:util';
import { decodeWithKaitaiJs } from '@felix/conformance/decoders/kaitai-js';
import { project } from '@felix/conformance/notation';
import { decodeFrame, encodeFrame, isWireError, type WireMessage } from '@felix/generated';
import type { Spec } from '@felix/spec';
import { InterpreterError, interpretFrame } from '@felix/spec/interpreter';

export type Value = Record<string, unknown>;
/** What one decoder made of a frame; `crash` is anything that is not a spec error code. */
export type Outcome = { value: Value } | { error: string } | { crash: string };

export interface Verdict {
  ok: boolean;
  /** Short, stable description of the kind of failure, for deduplication. */
  signature: string;
  detail: string;
  /** The reference interpreter's outcome: what a regression vector expects. */
  reference: Outcome;
}

const crashText = (err: unknown) =>
  err instanceof Error ? `${err.name}: ${err.message.split('\n')[0].slice(0, 160)}` : String(err).slice(0, 160);

function sig(o: Outcome): string {
  if ('value' in o) return 'value';
  if ('error' in o) return o.error;
  return `crash(${o.crash.replace(/\d+/g, 'N').slice(0, 80)})`;
}

const bytesEqual = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(a, b) === 0;

/**
 * The generated codec's outcome, plus its own consistency: a binary frame it accepts must
 * re-encode to the same bytes (binary layouts have one encoding), and a JSON message must
 * survive encode → decode unchanged.
 */
export function decodeWithCodec(frame: Uint8Array, maxPayload?: number): { outcome: Outcome; selfCheck?: string } {
  let m: WireMessage;
  try {
    m = decodeFrame(frame, maxPayload);
  } catch (err) {
    return isWireError(err) ? { outcome: { error: err.code } } : { outcome: { crash: crashText(err) } };
  }
  let value: Value;
  try {
    value = project(m) as Value;
  } catch (err) {
    return { outcome: { crash: `project: ${crashText(err)}` } };
  }
  let selfCheck: string | undefined;
  try {
    const again = encodeFrame(m);
    if (frame[7] !== 0 || frame[6] !== 0) {
      if (!bytesEqual(again, frame)) selfCheck = 'binary re-encode differs from the input';
    } else if (!isDeepStrictEqual(project(decodeFrame(again)), value)) {
      selfCheck = 'JSON encode → decode changes the value';
    }
  } catch (err) {
    selfCheck = `re-encoding a decoded value threw ${isWireError(err) ? err.code : crashText(err)}`;
  }
  return { outcome: { value }, selfCheck };
}

export function decodeWithInterpreter(spec: Spec, frame: Uint8Array, maxPayload?: number): Outcome {
  try {
    return { value: interpretFrame(spec, frame, maxPayload) };
  } catch (err) {
    return err instanceof InterpreterError ? { error: err.code } : { crash: crashText(err) };
  }
}

export function decodeWithKaitai(frame: Uint8Array): Outcome {
  const o = decodeWithKaitaiJs(frame);
  if ('error' in o && o.error.startsWith('internal:')) return { crash: o.error.slice('internal:'.length) };
  return o;
}

function same(a: Outcome, b: Outcome): boolean {
  if ('value' in a && 'value' in b) return isDeepStrictEqual(a.value, b.value);
  if ('error' in a && 'error' in b) return a.error === b.error;
  return false;
}

const show = (o: Outcome) => JSON.stringify(o).slice(0, 300);

/** All three decoders on one frame. `kaitai: false` leaves the (slowest) Kaitai decoder out. */
export function judge(spec: Spec, frame: Uint8Array, kaitai = true): Verdict {
  const codec = decodeWithCodec(frame);
  const reference = decodeWithInterpreter(spec, frame);
  const k = kaitai ? decodeWithKaitai(frame) : reference;
  const outcomes: [string, Outcome][] = [
    ['codec', codec.outcome],
    ['interpreter', reference],
    ['kaitai-js', k],
  ];
  const crashed = outcomes.filter(([, o]) => 'crash' in o);
  if (crashed.length) {
    return {
      ok: false,
      signature: `crash ${crashed.map(([n, o]) => `${n}:${sig(o)}`).join(' ')}`,
      detail: outcomes.map(([n, o]) => `${n}=${show(o)}`).join('\n'),
      reference,
    };
  }
  if (!same(codec.outcome, reference) || !same(k, reference)) {
    const type = 'value' in reference ? String(reference.value.type) : '';
    return {
      ok: false,
      signature: `disagree ${type} codec:${sig(codec.outcome)} interpreter:${sig(reference)} kaitai-js:${sig(k)}`,
      detail: outcomes.map(([n, o]) => `${n}=${show(o)}`).join('\n'),
      reference,
    };
  }
  if (codec.selfCheck) {
    return { ok: false, signature: `codec ${codec.selfCheck}`, detail: show(codec.outcome), reference };
  }
  return { ok: true, signature: '', detail: '', reference };
}
