// Loaded into every Node-hosted server the bench starts (NODE_OPTIONS=--require for the broker,
// execArgv for the TCP floor): counts the bytes allocated in the V8 heap and records each GC's
// pause, and answers the bench's reads on the Unix socket FELIX_BENCH_GC_SOCKET names. The bench
// reads at each measured window's start and end, so no timer or sleep is involved: a read is
// answered from counters brought up to date at that moment.
//
// Allocation is not counted by V8 anywhere Node exposes, so it is rebuilt from the heap's size
// around each GC: what the heap held before a GC minus what it held after the previous one, plus
// the growth since the last GC at the moment of a read. Buffers whose bytes live outside the V8
// heap (ArrayBuffer backing stores) are not in it: V8 frees those on a background thread, so no
// counter around the GCs sees them come and go.
//
// Protocol: the bench writes `<epoch>\n` (or `\n`), the hook answers one JSON line
// {"epoch":E,"allocatedBytes":B,"maxPauseUs":P} and closes. Each read ends an epoch; E is the one
// that begins, and P the longest pause in the epochs since the one the request named.
const socketPath = process.env.FELIX_BENCH_GC_SOCKET;
if (socketPath) {
  const { GCProfiler, getHeapStatistics } = require('node:v8');
  const { createServer } = require('node:net');

  const profiler = new GCProfiler();
  profiler.start();
  let allocatedBytes = 0;
  let heapAfterLastGc = getHeapStatistics().used_heap_size;
  /** The longest pause of every epoch that has ended, µs, by epoch. */
  const epochPauses = [];

  const read = (since) => {
    // GCProfiler hands its records over only when stopped; nothing runs between stop and start.
    const { statistics } = profiler.stop();
    profiler.start();
    let longest = 0;
    for (const gc of statistics) {
      allocatedBytes += gc.beforeGC.heapStatistics.usedHeapSize - heapAfterLastGc;
      heapAfterLastGc = gc.afterGC.heapStatistics.usedHeapSize;
      if (gc.cost > longest) longest = gc.cost;
    }
    const used = getHeapStatistics().used_heap_size;
    allocatedBytes += used - heapAfterLastGc;
    heapAfterLastGc = used;
    epochPauses.push(longest);
    let maxPauseUs = 0;
    for (let e = Number.isInteger(since) && since >= 0 ? since : epochPauses.length - 1; e < epochPauses.length; e++)
      if (epochPauses[e] > maxPauseUs) maxPauseUs = epochPauses[e];
    return { epoch: epochPauses.length, allocatedBytes, maxPauseUs };
  };

  const server = createServer((socket) => {
    let request = '';
    socket.setEncoding('utf8');
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk) => {
      request += chunk;
      const end = request.indexOf('\n');
      if (end < 0) return;
      const line = request.slice(0, end).trim();
      socket.end(`${JSON.stringify(read(line === '' ? undefined : Number(line)))}\n`);
    });
    socket.unref();
  });
  // The probe must never keep the server alive nor take it down.
  server.on('error', (err) => process.stderr.write(`bench gc probe: ${err.message}\n`));
  server.listen(socketPath);
  server.unref();
}
