import { EventEmitter } from 'node:events';
import type { Redis as RedisClient } from 'ioredis';
import type { EventBus, LiveEvent } from './bus.ts';

const CHANNEL = 'carddesk:events';

/**
 * Several server instances: every event goes through Redis pub/sub and comes back to each instance,
 * including the one that published it, so there is one delivery path.
 */
export class RedisBus implements EventBus {
  readonly #emitter = new EventEmitter().setMaxListeners(0);
  readonly #pub: RedisClient;
  readonly #sub: RedisClient;

  private constructor(pub: RedisClient, sub: RedisClient) {
    this.#pub = pub;
    this.#sub = sub;
    sub.on('message', (channel: string, message: string) => {
      if (channel !== this.#channel) return;
      try {
        this.#emitter.emit('event', JSON.parse(message) as LiveEvent);
      } catch {
        // A malformed message from another process is dropped, not fatal.
      }
    });
  }

  static async connect(url: string, channelSuffix = ''): Promise<RedisBus> {
    const { Redis } = await import('ioredis');
    const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    const sub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
    await Promise.all([pub.connect(), sub.connect()]);
    const bus = new RedisBus(pub, sub);
    bus.#channel = CHANNEL + channelSuffix;
    await sub.subscribe(bus.#channel);
    return bus;
  }

  #channel = CHANNEL;

  publish(event: LiveEvent): void {
    void this.#pub.publish(this.#channel, JSON.stringify(event)).catch(() => undefined);
  }
  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.#emitter.on('event', listener);
    return () => this.#emitter.off('event', listener);
  }
  async close(): Promise<void> {
    this.#emitter.removeAllListeners();
    await Promise.allSettled([this.#sub.quit(), this.#pub.quit()]);
  }
}
