import type { Logger } from 'pino';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createLogger } from '../logger.js';

/**
 * Starts an entry point: reads the configuration (a bad setting stops start-up with its name),
 * runs `start`, and on SIGTERM or SIGINT runs the returned stop function once, then exits.
 */
export async function boot(name: string, start: (config: Config, log: Logger) => Promise<() => Promise<void>>): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${name}: ${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const log = createLogger(config.logLevel, { pretty: process.stdout.isTTY }).child({ process: name });
  let stop: () => Promise<void>;
  try {
    stop = await start(config, log);
  } catch (err) {
    log.fatal({ err }, 'start-up failed');
    process.stderr.write(`${name}: start-up failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    stop()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  if (config.startedByNpm) stopWithParent(() => shutdown('parent exited'));
}

/** How often a process started by npm looks whether npm is still there. */
const PARENT_CHECK_MS = 1_000;

/**
 * Started by `npm start` (the script execs node, so npm is the parent): npm passes SIGTERM and
 * SIGINT on, but a SIGKILL to npm reaches nobody and left the server holding the port. When the
 * parent is gone the process is re-parented, and it stops as for SIGTERM. Only under npm: a
 * service started from a shell and left running in the background must outlive that shell.
 */
function stopWithParent(stop: () => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    stop();
  }, PARENT_CHECK_MS);
  timer.unref();
}
