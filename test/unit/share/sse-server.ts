/**
 * A scripted SSE server for the share tests: every connection (a `fetch` of any tab) gets the
 * events after its `Last-Event-ID` from the server's log, then every new one as it is emitted.
 */
import { ManualBody, eventStreamResponse } from '../support/fakes.js';

export interface Connection {
  tab: string;
  lastEventId: string | null;
  authorization: string | null;
  body: ManualBody;
}

export class FakeSSEServer {
  readonly log: { id: string; data: string }[] = [];
  readonly connections: Connection[] = [];
  /** When set, responses answer with this status instead. */
  failWith: number | null = null;

  fetchFor(tab: string): typeof fetch {
    return (async (_url: string | URL | Request, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      if (this.failWith !== null) return new Response('nope', { status: this.failWith });
      const body = new ManualBody();
      const connection: Connection = {
        tab,
        lastEventId: headers.get('last-event-id'),
        authorization: headers.get('authorization'),
        body,
      };
      this.connections.push(connection);
      init?.signal?.addEventListener('abort', () => {
        if (closed.has(body)) return;
        closed.add(body);
        body.close();
      });
      const from = connection.lastEventId === null ? 0 : this.log.findIndex((event) => event.id === connection.lastEventId) + 1;
      for (const event of this.log.slice(from)) body.push(frame(event));
      return eventStreamResponse(body.stream);
    }) as typeof fetch;
  }

  /** Connections still open. */
  get open(): Connection[] {
    return this.connections.filter((connection) => !connection.body.cancelled && !closed.has(connection.body));
  }

  /** Writes `count` events; `data(n)` is the n-th event's data (default `event n`). */
  emit(count = 1, data: (n: number) => string = (n) => `event ${n}`): void {
    for (let i = 0; i < count; i++) {
      const event = { id: String(this.log.length + 1), data: data(this.log.length + 1) };
      this.log.push(event);
      for (const connection of this.open) connection.body.push(frame(event));
    }
  }

  /** Drops every open connection (a network fault). */
  dropAll(): void {
    for (const connection of this.open) {
      closed.add(connection.body);
      connection.body.fail();
    }
  }
}

const closed = new WeakSet<ManualBody>();

function frame(event: { id: string; data: string }): string {
  return `id: ${event.id}\ndata: ${event.data}\n\n`;
}
