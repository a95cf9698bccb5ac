// The demo page's script, bundled for the browser by ../build.ts: connects with the browser
// build of @felix/client, then publishes, subscribes, consumes as a member of a consumer group
// and uses the cache from a few form fields.
// Where to connect comes from the broker that serves the page (config.json), so the bundle is
// the same for every broker.
import type { DemoConfig } from '@felix/broker';
import { type Consumer, connect, type FelixClient, type Subscription } from '@felix/client/browser';

const $ = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
};
const input = (id: string) => $<HTMLInputElement>(id);
const text = (bytes: Uint8Array | null) => (bytes === null ? null : new TextDecoder().decode(bytes));
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

let client: FelixClient | undefined;
let subscription: Subscription | undefined;
let consumer: Consumer | undefined;
let config: DemoConfig | undefined;

function setStatus(state: string, description: string): void {
  const status = $('status');
  status.dataset.state = state;
  status.textContent = description;
}

/** What to do when a WebSocket cannot reach a broker whose certificate the browser does not trust. */
function showTrustHint(show: boolean): void {
  const hint = $('hint');
  hint.hidden = !show || !config;
  if (!config) return;
  hint.textContent =
    'Over the WebSocket mapping the browser checks the broker certificate itself, and a self-signed one fails.\n' +
    `Either open https://${carrierHost(config)}:${config.port}/ once and accept the certificate,\n` +
    `or start Chromium with --ignore-certificate-errors-spki-list=${config.spkiSha256},\n` +
    'or give the broker a certificate the browser trusts (FELIX_TLS_CERT, FELIX_TLS_KEY).\n' +
    (config.pinnable
      ? `Native WebTransport (HTTP/3) pins it instead: cert-sha256 ${config.certSha256}.`
      : 'The certificate is valid for more than 14 days, so native WebTransport cannot pin it either.');
}

/** The host the carriers listen on, as a URL authority. */
function carrierHost(c: DemoConfig): string {
  const host = c.host ?? location.hostname;
  // location.hostname already brackets an IPv6 literal; config.host does not.
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function requireClient(): FelixClient {
  if (!client) throw new Error('connect first');
  return client;
}

/** Runs a button's action and shows its failure instead of leaving it in the console. */
function onClick(id: string, action: () => Promise<void>, report: (text: string) => void): void {
  $(id).addEventListener('click', () => {
    action().catch((error: unknown) => report(`error: ${message(error)}`));
  });
}

async function connectClient(): Promise<void> {
  await client?.close().catch(() => {});
  subscription = undefined;
  consumer = undefined;
  client = undefined;
  setStatus('connecting', 'connecting…');
  try {
    client = await connect(input('url').value, {
      certSha256: config?.pinnable ? config.certSha256 : undefined,
      // The broker's dev token, which it hands only to a page loaded from its own machine.
      token: config?.token,
      http3: input('http3').checked,
      // A demo should say quickly that it cannot connect rather than retry behind the user's back.
      connectTimeoutMs: 5_000,
    });
  } catch (error) {
    setStatus('failed', message(error));
    showTrustHint(true);
    return;
  }
  showTrustHint(false);
  const describe = () => `connected over ${client?.capabilities?.carrier ?? '?'}`;
  setStatus('connected', describe());
  client.on('connect', () => setStatus('connected', describe()));
  client.on('disconnect', (error) => setStatus('reconnecting', `reconnecting: ${error.message}`));
  client.on('close', (error) => setStatus('failed', error ? `closed: ${error.message}` : 'closed'));
}

async function subscribe(): Promise<void> {
  const felix = requireClient();
  subscription?.close();
  const events = $('events');
  events.replaceChildren();
  const stream = input('stream').value;
  const sub = await felix.subscribe(stream);
  subscription = sub;
  $('subscribed').textContent = `subscribed to ${stream}`;
  for await (const { offset, payload } of sub) {
    const item = document.createElement('li');
    item.dataset.offset = String(offset);
    item.textContent = `${offset}: ${text(payload)}`;
    events.append(item);
  }
}

/** Joins the group as one consumer: each record is shown, then acknowledged. */
async function consume(): Promise<void> {
  const felix = requireClient();
  await consumer?.close();
  const list = $('consumed');
  list.replaceChildren();
  const stream = input('stream').value;
  const group = input('group').value;
  const joined = await felix.consume(stream, { group, start: 'earliest' });
  consumer = joined;
  $('consuming').textContent = `consuming ${stream} as a member of ${group}`;
  for await (const m of joined) {
    const item = document.createElement('li');
    item.dataset.offset = String(m.offset);
    item.textContent = `${m.offset} (delivery ${m.deliveryCount}): ${text(m.payload)}`;
    list.append(item);
    await m.ack();
    item.textContent += ' — acknowledged';
  }
}

async function publish(): Promise<void> {
  const published = $('published');
  published.textContent = 'sending…';
  await requireClient().publish(input('stream').value, input('payload').value);
  published.textContent = 'acknowledged';
}

async function put(): Promise<void> {
  const ttl = input('ttl').value.trim();
  const ttlMs = ttl === '' ? undefined : Number(ttl);
  await requireClient().put(input('cache').value, input('key').value, input('value').value, { ttlMs });
  $('cache-result').textContent = 'stored';
}

async function get(): Promise<void> {
  const value = await requireClient().get(input('cache').value, input('key').value);
  $('cache-result').textContent = value === null ? '(no value)' : `value: ${text(value)}`;
}

async function main(): Promise<void> {
  const response = await fetch('config.json');
  config = (await response.json()) as DemoConfig;
  input('url').value = `felix+wt://${carrierHost(config)}:${config.port}${config.path}`;
  $('connect').addEventListener('click', () => void connectClient());
  onClick('subscribe', subscribe, (t) => {
    $('subscribed').textContent = t;
  });
  onClick('consume', consume, (t) => {
    $('consuming').textContent = t;
  });
  onClick('publish', publish, (t) => {
    $('published').textContent = t;
  });
  onClick('put', put, (t) => {
    $('cache-result').textContent = t;
  });
  onClick('get', get, (t) => {
    $('cache-result').textContent = t;
  });
  await connectClient();
}

main().catch((error: unknown) => setStatus('failed', message(error)));
