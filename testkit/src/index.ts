// Tools for tests and benchmarks that drive a real broker: start its process on ephemeral
// ports, and speak the wire protocol with nothing but the generated codec and the carriers.
export * from './broker-command.js';
export * from './broker-process.js';
export * from './metrics.js';
export * from './ready-line.js';
export * from './tokens.js';
export * from './wire-client.js';
