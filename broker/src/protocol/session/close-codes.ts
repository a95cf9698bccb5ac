/** Application close codes on multiplexed carriers. */
export const CLOSE_CODES = {
  normal: 0,
  protocolError: 0x1,
  unauthenticated: 0x2,
  draining: 0x3,
  overflow: 0x4,
} as const;
