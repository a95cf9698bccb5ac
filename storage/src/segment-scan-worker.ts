// A worker thread of the recovery scan pool: scans the segments it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { nodeFileOps } from './file-ops.js';
import { type ScanJob, type ScanOutcome, scanRecords } from './segment-scan.js';

export type WorkerReply = { outcome: ScanOutcome } | { failed: string; errno?: string };

parentPort?.on('message', async (job: ScanJob) => {
  let reply: WorkerReply;
  try {
    const file = await nodeFileOps.open(job.path, 'r');
    try {
      reply = { outcome: await scanRecords(file, job) };
    } finally {
      await file.close().catch(() => {});
    }
  } catch (err) {
    const errno = (err as NodeJS.ErrnoException | undefined)?.code;
    reply = {
      failed: err instanceof Error ? err.message : String(err),
      errno: typeof errno === 'string' ? errno : undefined,
    };
  }
  parentPort?.postMessage(reply);
});
