// The interpreter's error: a codec error code from the spec plus where it happened.
export class InterpreterError extends Error {
  constructor(
    readonly code: string,
    readonly where: string,
    detail: string,
  ) {
    super(`${where}: ${detail} (${code})`);
    this.name = 'InterpreterError';
  }
}
