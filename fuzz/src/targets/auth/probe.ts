// One probing session after another: connect, present a forged token (or a mutated auth frame,
// or a request before auth), check the answer against the token oracle, and on an accepted
// session make random requests, each checked against the permission oracle.

import type { Action, Resource } from '@felix/broker/auth';
import type { WireMessage } from '@felix/generated';
import { concatBytes } from '@felix/spec/interpreter';
import {
  ALL_FEATURES,
  ALL_FLAGS,
  type BrokerProcess,
  type CarrierName,
  connectSession,
  FrameInbox,
} from '@felix/testkit';
import type { ClientSession } from '@felix/transport';
import type { Rng } from '../../rng.js';
import { sleep, withTimeout } from '../broker/waiting.js';
import type { Auditor } from './auditor.js';
import { type AuthAttempt, authAttempt, mutatedAuthAttempt, wantsTypedErrors } from './auth-frames.js';
import type { Ed25519Key } from './compact-jws.js';
import {
  type Expected,
  expectedOutcome,
  isCacheOperation,
  isPublish,
  type Operation,
  operationFrame,
  randomOperation,
  readOutcome,
} from './operations.js';
import { isRegisteredTenant, TENANTS } from './registry.js';
import { type AuthStats, countAuth } from './stats.js';
import type { ForgedToken, TokenForge } from './token-forge.js';
import { type Judgement, judgeToken, servedUntilMs } from './token-judge.js';

/** What a token's `perms` allow, as the oracle sees it. */
export type Grants = (perms: readonly unknown[]) => { allows(action: Action, resource: Resource): boolean };

export interface ProbeEnv {
  broker: BrokerProcess;
  /** The broker's dev key, the only one it trusts. */
  key: Ed25519Key;
  forge: TokenForge;
  leewaySec: number;
  grants: Grants;
  auditor: Auditor;
  stats: AuthStats;
  state: { stop: boolean };
  fail: (signature: string, detail: string) => void;
  /** A tag unique in the run, for payloads and cache keys. */
  tag: () => string;
  /** When probing stops (Date.now()); no session waits past it. */
  stopAt: number;
}

/** Bounds on every wait: a broker that does not answer within them has hung. */
const CONNECT_MS = 10_000;
const ANSWER_MS = 10_000;
/** How close to its end a session may be refused as expired: the broker's clock reads a little apart. */
const EXPIRY_MARGIN_MS = 1500;
/** A session whose token runs out sooner than this may wait for it to. */
const OUTLIVE_MS = 6000;

const clip = (s: string, n = 400) => (s.length > n ? `${s.slice(0, n)}…` : s);
const show = (v: unknown) =>
  clip(
    JSON.stringify(v, (_, x) =>
      typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? `${x.length} bytes` : x,
    ) ?? String(v),
  );

/** Probes until told to stop. */
export async function prober(env: ProbeEnv, rng: Rng): Promise<void> {
  while (!env.state.stop) {
    try {
      await probeOnce(env, rng);
    } catch (err) {
      env.fail('the auth prober threw', (err as Error)?.stack ?? String(err));
    }
  }
}

async function connect(env: ProbeEnv, carrier: CarrierName): Promise<ClientSession | undefined> {
  try {
    return await withTimeout(connectSession(carrier, env.broker), CONNECT_MS, 'connect');
  } catch {
    env.stats.connectFailures++;
    await sleep(50);
    return undefined;
  }
}

async function probeOnce(env: ProbeEnv, rng: Rng): Promise<void> {
  const carrier: CarrierName = rng.chance(0.75) ? 'tls' : 'webtransport';
  const r = rng.below(100);
  if (r < 8) return requestBeforeAuth(env, rng, carrier);
  const forged = env.forge.next();
  const tenant = rng.chance(0.9) ? forged.tid : rng.pick(TENANTS);
  if (r < 20) {
    const attempt = mutatedAuthAttempt(rng, tenant, forged.token);
    return presentAuth(env, rng, carrier, attempt, forged, 'frame', `${attempt.label}; token ${forged.label}`);
  }
  const attempt = authAttempt(tenant, forged.token, rng.chance(0.04));
  return presentAuth(env, rng, carrier, attempt, forged, forged.label.split(':')[0], forged.label);
}

interface AuthExpectation extends Judgement {
  tenant: string;
  /** Refusals carry the typed code (the auth offered ERROR_CODES). */
  typed: boolean;
  /** The auth offered no flags: accepted with `ok` rather than `auth_ok`. */
  legacy: boolean;
  /** The auth offered every flag and feature, which the requests on the session rely on. */
  full: boolean;
}

function expectAuth(env: ProbeEnv, attempt: AuthAttempt, forged: ForgedToken): AuthExpectation {
  if ('notAuth' in attempt.reads)
    return { verdict: 'refuse', why: attempt.reads.notAuth, tenant: '', typed: false, legacy: false, full: false };
  const auth = attempt.reads.auth;
  const asked = {
    tenant: auth.tenant_id,
    typed: wantsTypedErrors(auth),
    legacy: auth.client_flags === undefined,
    full: auth.client_flags === ALL_FLAGS && auth.client_features === ALL_FEATURES,
  };
  // An unregistered tenant is refused before its token is looked at.
  if (!isRegisteredTenant(auth.tenant_id)) return { verdict: 'refuse', why: 'an unregistered tenant', ...asked };
  const clock = { nowMs: Date.now(), leewaySec: env.leewaySec };
  const lenient = forged.lenient === true && auth.token === forged.token;
  return { ...judgeToken(auth.token, auth.tenant_id, env.key, clock, { lenient }), ...asked };
}

async function presentAuth(
  env: ProbeEnv,
  rng: Rng,
  carrier: CarrierName,
  attempt: AuthAttempt,
  forged: ForgedToken,
  family: string,
  label: string,
): Promise<void> {
  const session = await connect(env, carrier);
  if (!session) return;
  try {
    const control = new FrameInbox(session.control.readable);
    // Over WebTransport a cache stream can be opened before auth; its request waits for auth.
    const early =
      carrier === 'webtransport' && rng.chance(0.15) ? await earlyCacheRequest(env, rng, session) : undefined;
    const expected = expectAuth(env, attempt, forged);
    session.control.writable.write(attempt.frame);
    const token = 'auth' in attempt.reads ? attempt.reads.auth.token : forged.token;
    const detail = (more: string) =>
      `${more}\n${label} for tenant ${show(expected.tenant)} (oracle: ${expected.verdict}, ${expected.why})\ntoken ${clip(token, 1500)}`;
    let reply: WireMessage;
    try {
      reply = await control.next(ANSWER_MS);
    } catch (err) {
      env.fail(
        control.ended ? 'the broker closed a session without answering auth' : 'no answer to auth',
        detail(String(err)),
      );
      return;
    }
    if (reply.type === 'auth_ok' || reply.type === 'ok') {
      countAuth(env.stats, family, true);
      if (expected.verdict === 'refuse') {
        env.fail(`accepted a token it must refuse (${family})`, detail(''));
        return;
      }
      if ((reply.type === 'ok') !== expected.legacy) {
        env.fail(`answered ${expected.legacy ? 'a legacy' : 'a negotiating'} auth with ${reply.type}`, detail(''));
        return;
      }
      if (reply.type === 'auth_ok' && reply.session_token) session.setAttachToken(reply.session_token);
      if (expected.claims && expected.full)
        await useSession(env, rng, session, control, expected.tenant, expected.claims, early, detail);
      return;
    }
    countAuth(env.stats, family, false);
    if (reply.type !== 'error') {
      env.fail(`answered auth with ${reply.type}`, detail(show(reply)));
      return;
    }
    checkRefusal(env, reply, expected, token, family, detail);
    await expectClosedAfterRefusal(env, control, 'a refused auth', detail);
    if (early) await expectUnserved(env, early.inbox, detail);
  } finally {
    session.close({ code: 0, reason: 'fuzz' });
  }
}

/** A refused auth: the oracle did not require it, it says unauthenticated, and it quotes no secret. */
function checkRefusal(
  env: ProbeEnv,
  reply: Extract<WireMessage, { type: 'error' }>,
  expected: AuthExpectation,
  token: string,
  family: string,
  detail: (more: string) => string,
): void {
  // A peer that did not offer ERROR_CODES (or whose auth could not be read) gets no code at all.
  const codeOk = reply.code === 'unauthenticated' || (!expected.typed && reply.code === undefined);
  if (expected.verdict === 'accept') env.fail(`refused a valid token (${family})`, detail(reply.message));
  else if (!codeOk) env.fail(`refused auth with code ${reply.code}`, detail(reply.message));
  const signature = token.split('.')[2] ?? '';
  if (signature.length >= 40 && reply.message.includes(signature))
    env.fail("an auth refusal quotes the token's signature", detail(reply.message));
}

/** After a refusal the broker sends nothing more and closes the session. */
async function expectClosedAfterRefusal(
  env: ProbeEnv,
  control: FrameInbox,
  after: string,
  detail: (more: string) => string,
): Promise<void> {
  let m: WireMessage;
  try {
    m = await control.next(ANSWER_MS);
  } catch {
    if (!control.ended) env.fail(`the session stayed open after ${after}`, detail(''));
    return;
  }
  env.fail(`answered ${m.type} after ${after}`, detail(show(m)));
}

interface EarlyRequest {
  op: Operation;
  inbox: FrameInbox;
}

async function earlyCacheRequest(env: ProbeEnv, rng: Rng, session: ClientSession): Promise<EarlyRequest | undefined> {
  let stream: Awaited<ReturnType<ClientSession['openCacheStream']>>;
  try {
    stream = await withTimeout(session.openCacheStream(), ANSWER_MS, 'opening a cache stream');
  } catch {
    return undefined;
  }
  let op = randomOperation(rng, 't1', env.tag());
  while (!isCacheOperation(op)) op = randomOperation(rng, 't1', op.tag);
  stream.writable.write(operationFrame(op, 1));
  return { op, inbox: new FrameInbox(stream.readable) };
}

/** A request of a session that was refused must never be answered as served. */
async function expectUnserved(env: ProbeEnv, inbox: FrameInbox, detail: (more: string) => string): Promise<void> {
  try {
    const m = await inbox.next(ANSWER_MS);
    if (m.type !== 'error') env.fail('served a cache request sent before a refused auth', detail(show(m)));
  } catch {
    if (!inbox.ended) env.fail('a cache stream of a refused session stayed open', detail(''));
  }
}

/** A request on the control stream before auth: refused, the session closed, the auth after it never served. */
async function requestBeforeAuth(env: ProbeEnv, rng: Rng, carrier: CarrierName): Promise<void> {
  const session = await connect(env, carrier);
  if (!session) return;
  try {
    const control = new FrameInbox(session.control.readable);
    let op = randomOperation(rng, 't1', env.tag());
    while (isCacheOperation(op)) op = randomOperation(rng, 't1', op.tag);
    if (isPublish(op)) env.auditor.expectRefused(op);
    const auth = authAttempt('t1', env.forge.withPermissions('t1', ['tenant.manage:tenant:t1']).token);
    const frames = [operationFrame(op, 1), auth.frame];
    // Together in one write or apart: the broker must judge the first either way.
    if (rng.chance(0.5)) session.control.writable.write(concatBytes(frames));
    else for (const f of frames) session.control.writable.write(f);
    env.stats.beforeAuth++;
    const detail = (more: string) => `${more}\n${op.kind} on ${show(op.resource)} before auth over ${carrier}`;
    let reply: WireMessage;
    try {
      reply = await control.next(ANSWER_MS);
    } catch (err) {
      env.fail('no answer to a request before auth', detail(String(err)));
      return;
    }
    if (reply.type !== 'error' || (reply.code !== undefined && reply.code !== 'unauthenticated')) {
      env.fail(
        `answered a request before auth with ${reply.type} ${reply.type === 'error' ? reply.code : ''}`,
        detail(show(reply)),
      );
      return;
    }
    await expectClosedAfterRefusal(env, control, 'a request before auth', detail);
  } finally {
    session.close({ code: 0, reason: 'fuzz' });
  }
}

/** Random requests on an accepted session, each judged by the permission oracle. */
async function useSession(
  env: ProbeEnv,
  rng: Rng,
  session: ClientSession,
  control: FrameInbox,
  tenant: string,
  claims: Record<string, unknown>,
  early: EarlyRequest | undefined,
  detail: (more: string) => string,
): Promise<void> {
  const grants = env.grants(claims.perms as unknown[]);
  const servedUntil = servedUntilMs(claims, env.leewaySec);
  const judge = async (op: Operation, send: () => void, inbox: FrameInbox, id: number): Promise<boolean> =>
    judgeOperation(env, op, expectedOutcome(op, tenant, grants), send, inbox, id, servedUntil, detail);
  if (early && !(await judge(early.op, () => undefined, early.inbox, 1))) return;
  let cacheStream: Awaited<ReturnType<ClientSession['openCacheStream']>>;
  try {
    cacheStream = await withTimeout(session.openCacheStream(), ANSWER_MS, 'opening a cache stream');
  } catch (err) {
    if (Date.now() < servedUntil - EXPIRY_MARGIN_MS) env.fail('could not open a cache stream', detail(String(err)));
    return;
  }
  const cache = new FrameInbox(cacheStream.readable);
  // A token about to run out: sometimes the session outlives it, and then nothing may be served.
  const outlived = servedUntil + EXPIRY_MARGIN_MS + 500;
  if (outlived - Date.now() < OUTLIVE_MS && outlived < env.stopAt && rng.chance(0.5)) {
    await sleep(outlived - Date.now());
    const op = randomOperation(rng, tenant, env.tag());
    const sink = isCacheOperation(op) ? cacheStream.writable : session.control.writable;
    await judge(op, () => sink.write(operationFrame(op, 1)), isCacheOperation(op) ? cache : control, 1);
    return;
  }
  const count = 1 + rng.below(16);
  const reauthAt = rng.chance(0.15) ? rng.below(count) : -1;
  for (let i = 0; i < count && !env.state.stop; i++) {
    if (i === reauthAt && !(await secondAuth(env, rng, session, control, servedUntil, detail))) return;
    const op = randomOperation(rng, tenant, env.tag());
    const onCache = isCacheOperation(op);
    const sink = onCache ? cacheStream.writable : session.control.writable;
    const id = i + 2;
    if (!(await judge(op, () => sink.write(operationFrame(op, id)), onCache ? cache : control, id))) return;
  }
}

/** Sends `op` and checks its answer; false when the session cannot go on. */
async function judgeOperation(
  env: ProbeEnv,
  op: Operation,
  expected: Expected,
  send: () => void,
  inbox: FrameInbox,
  id: number,
  servedUntil: number,
  detail: (more: string) => string,
): Promise<boolean> {
  const { stats } = env;
  // Declared before it is sent, so the auditor knows it should it ever be delivered.
  if (isPublish(op) && expected !== 'ok') env.auditor.expectRefused(op);
  const sentAt = Date.now();
  send();
  const outcome = await readOutcome(op, id, inbox, ANSWER_MS);
  const expiring = Date.now() >= servedUntil - EXPIRY_MARGIN_MS;
  const about = () => detail(`${op.kind} on ${show(op.resource)}: expected ${expected}, got ${show(outcome)}`);
  switch (outcome.result) {
    case 'ok':
      if (expected === 'ok') {
        stats.allowed++;
        if (sentAt > servedUntil + EXPIRY_MARGIN_MS) env.fail(`${op.kind} served after the token expired`, about());
        return true;
      }
      env.fail(
        expected === 'forbidden'
          ? `${op.kind} succeeded beyond the token's permissions`
          : `${op.kind} succeeded on an unregistered ${op.resource.kind}`,
        about(),
      );
      return false;
    case 'refused':
      if (outcome.code === 'unauthenticated' && expiring) {
        stats.expired++;
        return false;
      }
      if (outcome.code !== expected) {
        env.fail(
          expected === 'ok'
            ? `${op.kind} refused (${outcome.code}) though the token allows it`
            : `${op.kind} refused with ${outcome.code}, not ${expected}`,
          about(),
        );
        return false;
      }
      if (expected === 'forbidden') stats.forbidden++;
      else stats.notFound++;
      if (op.kind === 'cache_put' && expected === 'forbidden') env.auditor.checkRefusedPut(op);
      return true;
    case 'no answer':
      if (expiring) stats.expired++;
      else env.fail(`no answer to ${op.kind}`, about());
      return false;
    case 'unexpected':
      env.fail(`${op.kind} answered with an unexpected frame`, about());
      return false;
  }
}

/** A second auth on an authenticated session is refused, and changes neither tenant nor grants. */
async function secondAuth(
  env: ProbeEnv,
  rng: Rng,
  session: ClientSession,
  control: FrameInbox,
  servedUntil: number,
  detail: (more: string) => string,
): Promise<boolean> {
  env.stats.reauths++;
  const tenant = rng.pick(['t1', 't2']);
  const broad = () => env.forge.withPermissions(tenant, [`tenant.manage:tenant:${tenant}`]);
  let attempt = authAttempt(tenant, (rng.chance(0.5) ? broad() : env.forge.valid(tenant)).token);
  // One the decoder cannot read is answered with its codec error instead; that is not this check.
  if ('notAuth' in attempt.reads) attempt = authAttempt(tenant, broad().token);
  session.control.writable.write(attempt.frame);
  let m: WireMessage;
  try {
    m = await control.next(ANSWER_MS);
  } catch (err) {
    if (Date.now() < servedUntil - EXPIRY_MARGIN_MS) env.fail('no answer to a second auth', detail(String(err)));
    return false;
  }
  if (m.type === 'error' && m.code === 'invalid_request') return true;
  if (m.type === 'error' && m.code === 'unauthenticated' && Date.now() >= servedUntil - EXPIRY_MARGIN_MS) return false;
  env.fail(`a second auth was answered with ${m.type}${m.type === 'error' ? ` ${m.code}` : ''}`, detail(show(m)));
  return false;
}
