/**
 * Where a command prints. Commands take it as an argument instead of writing to the process's streams, so
 * a test can read what a command said without replacing `process.stdout.write` — which, under the test
 * runner, is also the channel its results travel on.
 */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };
