// A CPU profile of the broker under an attack, from start to exit:
//   SOAK_BROKER_NODE_OPTIONS="--require $PWD/soak/cpu-profile.cjs" SOAK_PROFILE_DIR=/tmp/prof \
//     node soak/dist/cli.js --attack subscriptions
// (--cpu-prof itself is not allowed in NODE_OPTIONS). The profile is written synchronously on
// exit, as broker-<pid>.cpuprofile. Native work on the loop's thread (TLS, GC helpers aside)
// shows as (idle): read a /live miss next to the loop delay the report gives.
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.SOAK_PROFILE_DIR || require('node:os').tmpdir();
const session = new inspector.Session();
session.connect();
session.post('Profiler.enable');
// Fine enough to see a 4 ms turn; the default 1 ms blurs them together.
session.post('Profiler.setSamplingInterval', { interval: 500 });
session.post('Profiler.start');
process.once('exit', () => {
  // An in-process session answers synchronously, so this runs before the process is gone.
  session.post('Profiler.stop', (err, result) => {
    if (!err) writeFileSync(join(dir, `broker-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
