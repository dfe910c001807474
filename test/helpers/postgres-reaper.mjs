/**
 * Stops a test's PostgreSQL server when the test process is gone. `pg_ctl start` detaches the
 * server, so a test killed before its teardown (a tap timeout, SIGKILL) would leave it running;
 * this watcher, started detached beside it, polls the test's pid and then stops the server
 * (`-m immediate`: nothing in it is worth keeping).
 *
 * argv: <test pid> <pg_ctl path> <data folder> <run as: user name or "-">
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { clearInterval, setInterval } from 'node:timers';

const [pidText = '', pgCtl = '', data = '', user = '-'] = process.argv.slice(2);
const pid = Number(pidText);

function alive() {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
  }
}

const timer = setInterval(() => {
  if (alive()) return;
  clearInterval(timer);
  if (!existsSync(path.join(data, 'postmaster.pid'))) return;
  const args = ['-D', data, '-m', 'immediate', '-w', 'stop'];
  try {
    if (user === '-') execFileSync(pgCtl, args, { stdio: 'ignore' });
    else execFileSync('runuser', ['-u', user, '--', pgCtl, ...args], { stdio: 'ignore' });
  } catch {
    // Already stopped, or its folder removed: nothing left to stop.
  }
}, 500);
