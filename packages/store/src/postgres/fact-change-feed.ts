import pg from 'pg';
import type { FactChange, FactChangeListener } from '../fact-store.ts';

/** The NOTIFY channel every PostgreSQL store process writes fact changes to. */
export const FACT_CHANGES_CHANNEL = 'verbatim_fact_changed';

/**
 * Delivers fact changes made by any process on the database to this process's listeners,
 * through one dedicated LISTEN connection (a pooled one would be handed to other queries).
 * The connection opens with the first subscriber, closes with the last, and reconnects after a
 * lost connection; changes made while it was down are not replayed (a subscriber re-reads).
 */
export class FactChangeFeed {
  private readonly listeners = new Set<FactChangeListener>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly channel: string,
    private readonly onError: (error: Error) => void,
  ) {}

  async subscribe(listener: FactChangeListener): Promise<() => Promise<void>> {
    if (this.closed) throw new Error('the store is closed');
    this.listeners.add(listener);
    await this.ensureConnected();
    return async () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) await this.disconnect();
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    await this.disconnect();
  }

  private ensureConnected(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.config);
    client.on('notification', (message) => {
      if (message.channel !== this.channel || !message.payload) return;
      let change: FactChange;
      try {
        // Any session may NOTIFY on any channel: a payload that is not ours is ignored.
        change = JSON.parse(message.payload) as FactChange;
      } catch {
        return;
      }
      for (const listener of [...this.listeners]) {
        try {
          listener(change);
        } catch (error) {
          this.onError(error as Error);
        }
      }
    });
    client.on('error', (error) => {
      this.onError(error);
      if (this.client === client) this.client = null;
      void client.end().catch(() => {});
      this.reconnectLater();
    });
    client.on('end', () => {
      // Ended without an error (the server shut down cleanly): listen again if still wanted.
      if (this.client !== client) return;
      this.client = null;
      this.reconnectLater();
    });
    try {
      await client.connect();
      await client.query(`listen "${this.channel}"`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    this.client = client;
  }

  private reconnectLater(): void {
    if (this.closed || this.listeners.size === 0) return;
    setTimeout(() => {
      if (this.closed || this.listeners.size === 0 || this.client) return;
      this.ensureConnected().catch((error: Error) => {
        this.onError(error);
        this.reconnectLater();
      });
    }, 1000).unref();
  }

  private async disconnect(): Promise<void> {
    await this.connecting?.catch(() => {});
    const client = this.client;
    this.client = null;
    if (client) await client.end();
  }
}
