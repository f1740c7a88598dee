import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints on a worker thread, so the server's event loop never waits for one.
 *
 * In WAL mode SQLite copies the log back into the database file (a checkpoint, with an fsync) whenever a
 * commit finds the log over `wal_autocheckpoint` pages — inside that commit, on the thread that made it.
 * Measured on the 100,000-customer set under the 360-view load: one commit in ten took about 10 ms
 * instead of 0.5 ms, which put every request queued behind it into the latency tail. The worker holds its
 * own connection to the same file and runs a PASSIVE checkpoint every `intervalMs`; PASSIVE never waits
 * for readers or the writer, it copies what it can. The server's connection keeps automatic checkpoints
 * at a much larger threshold (`BACKSTOP_PAGES`) as a backstop, so the log stays bounded if the worker falls
 * behind; should the worker end without being stopped (it could not open the file, say), `onEnded` lets the
 * server's connection go back to SQLite's usual threshold.
 */
export interface WalCheckpointer {
  /** Ends the worker after its current checkpoint; the server's connection then closes the database as usual. */
  stop(): Promise<void>;
}

/** Automatic checkpoint threshold left on the server's own connection while the worker runs (pages). */
export const BACKSTOP_PAGES = 20_000;
/** SQLite's own threshold, for when the worker is gone. */
export const SQLITE_DEFAULT_PAGES = 1_000;

export interface CheckpointReport {
  /** Frames in the log, and how many of them are now in the database file. */
  logFrames: number;
  checkpointedFrames: number;
}

// The worker's code is a string evaluated as CommonJS: the same server runs from its TypeScript sources and
// from the one-file production build, and a string needs no second file to find in either.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const report = (err) => parentPort.postMessage({ error: String((err && err.message) || err) });
let db;
try {
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('busy_timeout = 0');
  db.pragma('synchronous = NORMAL');
} catch (err) {
  report(err);
  // Nothing to do without a connection: closing the port lets the thread end.
  parentPort.close();
}
const timer = db && setInterval(() => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r && r.log > 0) parentPort.postMessage({ logFrames: r.log, checkpointedFrames: r.checkpointed });
  } catch (err) {
    report(err);
  }
}, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db?.close();
  parentPort.close();
});
`;

export function startWalCheckpointer(
  file: string,
  options: {
    intervalMs?: number;
    onCheckpoint?: (report: CheckpointReport) => void;
    onError?: (err: Error) => void;
    /** The worker ended without `stop()`: nobody checkpoints in the background any more. */
    onEnded?: () => void;
  } = {},
): WalCheckpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, intervalMs: options.intervalMs ?? 200 },
    // Not a TypeScript module: the loader a development server runs under has nothing to do here.
    execArgv: [],
  });
  // The worker must not keep a process alive that has nothing else to do (a CLI run, a test).
  worker.unref();
  worker.on('message', (m: CheckpointReport | { error: string }) => {
    if ('error' in m) options.onError?.(new Error(`WAL checkpoint: ${m.error}`));
    else options.onCheckpoint?.(m);
  });
  worker.on('error', (err) => options.onError?.(err));
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      if (!stopping) options.onEnded?.();
      resolve();
    }),
  );
  return {
    async stop() {
      stopping = true;
      worker.ref(); // the wait for the worker's end must itself keep the process alive
      worker.postMessage('stop');
      await exited;
    },
  };
}
