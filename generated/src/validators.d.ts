// generated — do not edit; edit spec/ and run `npm run generate`

import type { SchemaError } from '@felix/wire/codec-support';

export interface Validator {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

export declare const auth: Validator;
export declare const auth_ok: Validator;
export declare const stream_attach: Validator;
export declare const publish: Validator;
export declare const publish_batch: Validator;
export declare const subscribe: Validator;
export declare const subscribed: Validator;
export declare const subscribe_cursor_error: Validator;
export declare const subscription_end: Validator;
export declare const event_stream_hello: Validator;
export declare const event: Validator;
export declare const event_batch: Validator;
export declare const cache_put: Validator;
export declare const cache_get: Validator;
export declare const cache_delete: Validator;
export declare const cache_value: Validator;
export declare const cache_ok: Validator;
export declare const publish_ok: Validator;
export declare const publish_error: Validator;
export declare const ok: Validator;
export declare const error: Validator;
export declare const group_join: Validator;
export declare const group_joined: Validator;
export declare const group_ack: Validator;
export declare const group_nack: Validator;
export declare const group_acked: Validator;
export declare const group_leave: Validator;
export declare const dead_letter: Validator;
