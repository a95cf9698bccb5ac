// The QUIC carrier's ALPN setting: unset leaves the host's default, `none` asks for no ALPN (as
// upstream's QUIC), and the Node host's library, which cannot serve without one, says so.
import { AlpnRequiredError, DEFAULT_ALPN, serverAlpn } from '@felix/transport/quic';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/service/config.js';

describe('quicAlpn', () => {
  it('is unset by default, leaving the host to choose', () => {
    expect(loadConfig({}).quicAlpn).toBeUndefined();
    expect(serverAlpn(undefined)).toEqual(DEFAULT_ALPN);
  });

  it('reads FELIX_QUIC_ALPN as a comma-separated list, and none as no ALPN', () => {
    expect(loadConfig({ FELIX_QUIC_ALPN: 'felix, h3' }).quicAlpn).toEqual(['felix', 'h3']);
    expect(loadConfig({ FELIX_QUIC_ALPN: 'none' }).quicAlpn).toEqual([]);
  });

  it('refuses a protocol id that is not printable ASCII or repeats', () => {
    expect(() => loadConfig({ FELIX_QUIC_ALPN: 'fe lix' })).toThrow(ConfigError);
    expect(() => loadConfig({ FELIX_QUIC_ALPN: 'felix,felix' })).toThrow(/FELIX_QUIC_ALPN/);
  });

  it('is refused empty by the Node host, whose QUIC library needs an ALPN', () => {
    expect(() => serverAlpn([])).toThrow(AlpnRequiredError);
    expect(serverAlpn(['felix', 'h3'])).toEqual(['felix', 'h3']);
  });
});
