// The options every command that talks to a broker shares, with their environment defaults.
// Kept apart from the client so building the command line loads no carrier code.
import { type Command, Option } from 'commander';
import { integer } from './args.js';

export interface ConnectionFlags {
  url: string;
  fingerprint?: string;
  ca?: string;
  clientCert?: string;
  clientKey?: string;
  tenant: string;
  namespace: string;
  token?: string;
  timeout: number;
}

/** The broker on this machine: FELIX_TLS_PORT when the environment sets a fixed one. */
function defaultUrl(env: NodeJS.ProcessEnv): string {
  const port =
    env.FELIX_TLS_PORT && /^\d+$/.test(env.FELIX_TLS_PORT) && env.FELIX_TLS_PORT !== '0' ? env.FELIX_TLS_PORT : '5400';
  return `felix+tls://127.0.0.1:${port}`;
}

export function addConnectionOptions(command: Command): Command {
  return command
    .addOption(
      new Option('-u, --url <url>', 'broker address: felix+tls://, felix+wt:// or felix+quic:// host[:port]')
        .env('FELIX_URL')
        .default(defaultUrl(process.env)),
    )
    .addOption(
      new Option(
        '-f, --fingerprint <sha256>',
        "SHA-256 of the broker's certificate to pin (it prints it as cert-sha256=); for localhost, read from the broker's data directory when omitted",
      ).env('FELIX_CERT_SHA256'),
    )
    .addOption(
      new Option('--ca <file>', 'CA certificate (PEM) to verify the broker with instead of a pin').env('FELIX_CA'),
    )
    .addOption(
      new Option(
        '--client-cert <file>',
        'client certificate (PEM) for a broker that requires one (felix+tls:// or felix+quic://)',
      ).env('FELIX_CLIENT_CERT'),
    )
    .addOption(new Option('--client-key <file>', "the client certificate's private key (PEM)").env('FELIX_CLIENT_KEY'))
    .addOption(new Option('-t, --tenant <tenant>', 'tenant to act for').env('FELIX_TENANT').default('t1'))
    .addOption(
      new Option('-n, --namespace <namespace>', 'namespace of the stream or cache')
        .env('FELIX_NAMESPACE')
        .default('default'),
    )
    .addOption(
      new Option(
        '--token <token>',
        "credential presented when authenticating (an empty one: none); for localhost, the broker's dev token from its data directory when omitted",
      ).env('FELIX_TOKEN'),
    )
    .addOption(
      new Option('--timeout <ms>', 'how long connecting, and each request, may take')
        .argParser(integer(1))
        .default(10_000),
    );
}
