// Loaded into the broker with NODE_OPTIONS=--require (which, unlike --cpu-prof, NODE_OPTIONS
// allows) when `npm run bench -- --cpu-prof DIR` is asked for: profiles the whole process and
// writes a .cpuprofile into FELIX_BENCH_CPU_PROFILE_DIR when it exits, as --cpu-prof would.
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.FELIX_BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 200 });
  session.post('Profiler.start');
  process.once('exit', () => {
    // A session on the process's own thread answers synchronously, so this runs before exit.
    session.post('Profiler.stop', (err, result) => {
      if (!err) writeFileSync(join(dir, `broker-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
