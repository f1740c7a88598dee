import { EventEmitter } from 'node:events';

/** A live update for browsers: who may hear it is decided by its topic (see `topics.ts`). */
export interface LiveEvent {
  topic: string;
  type: string;
  data: unknown;
  at: string;
}

export interface EventBus {
  publish(event: LiveEvent): void;
  subscribe(listener: (event: LiveEvent) => void): () => void;
  close(): Promise<void>;
}

/** One process: events go straight to this process's WebSocket clients. */
export class InProcessBus implements EventBus {
  readonly #emitter = new EventEmitter().setMaxListeners(0);
  publish(event: LiveEvent): void {
    this.#emitter.emit('event', event);
  }
  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.#emitter.on('event', listener);
    return () => this.#emitter.off('event', listener);
  }
  async close(): Promise<void> {
    this.#emitter.removeAllListeners();
  }
}
