import type { WebSocket } from 'ws';
import type { z } from 'zod';

/** How long a socket may stay open without authenticating; tokens travel in the first message, not the URL. */
const AUTH_DEADLINE_MS = 10_000;

export interface JsonSocket {
  /** Sends a JSON message if the socket is still open (events can arrive after the client has gone). */
  send(msg: unknown): void;
  /** Stops the authentication deadline. */
  authenticated(): void;
  close(code: number, reason: string): void;
}

/**
 * The life every CardDesk WebSocket shares: each client message is parsed against `schema` (one that is not
 * JSON or not in the schema is answered `{type:"error", code:"VALIDATION_FAILED"}` and changes nothing),
 * `ping` is answered `pong`, the socket is closed with 4401 unless it authenticates within the deadline, and a
 * handler that throws is answered `INTERNAL` instead of becoming an unhandled rejection.
 */
export function serveJsonSocket<M extends { type: string }>(
  socket: WebSocket,
  schema: z.ZodType<M>,
  handlers: { onMessage: (msg: M) => void | Promise<void>; onClose: () => void },
): JsonSocket {
  const send = (msg: unknown) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
  };
  let authenticated = false;
  const deadline = setTimeout(() => {
    if (!authenticated) socket.close(4401, 'auth required');
  }, AUTH_DEADLINE_MS);
  socket.on('message', async (raw: Buffer) => {
    let msg: M;
    try {
      msg = schema.parse(JSON.parse(raw.toString('utf8')));
    } catch {
      send({ type: 'error', code: 'VALIDATION_FAILED' });
      return;
    }
    if (msg.type === 'ping') {
      send({ type: 'pong' });
      return;
    }
    try {
      await handlers.onMessage(msg);
    } catch {
      send({ type: 'error', code: 'INTERNAL' });
    }
  });
  socket.on('close', () => {
    clearTimeout(deadline);
    handlers.onClose();
  });
  return {
    send,
    authenticated() {
      authenticated = true;
      clearTimeout(deadline);
    },
    close: (code, reason) => socket.close(code, reason),
  };
}
