// Carriers `felix bench` can measure on the broker it starts, by their URL scheme.
export const BENCH_CARRIERS = { tls: 'felix+tls', wt: 'felix+wt', quic: 'felix+quic' } as const;
export type BenchCarrier = keyof typeof BENCH_CARRIERS;
