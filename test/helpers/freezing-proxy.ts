import net from 'node:net';

/** A TCP proxy to PostgreSQL whose change-listener connections can be frozen. */
export interface FreezingProxy {
  /** The connection string `url` names, through the proxy. */
  url: string;
  /** Stops forwarding on the change listener's connections (new ones too), closing none: a half-open connection as a partition leaves it. */
  freeze(): void;
  /** Forwards again; connections made from now on pass. */
  thaw(): void;
  close(): Promise<void>;
}

/**
 * Forwards every connection to the server `url` names. The change listener's connections are
 * told apart by the `application_name` in their startup message (sent in the clear), so the
 * pool's connections go on working while the listener's stop answering.
 */
export async function startFreezingProxy(url: string): Promise<FreezingProxy> {
  const target = new URL(url);
  let frozen = false;
  const listenerSockets = new Set<{ client: net.Socket; upstream: net.Socket }>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    let first = true;
    let pair: { client: net.Socket; upstream: net.Socket } | null = null;
    client.on('data', (chunk) => {
      if (first) {
        first = false;
        if (chunk.includes('eventgraph-changes')) {
          pair = { client, upstream };
          listenerSockets.add(pair);
          // Frozen from its first byte: this one never even starts.
          if (frozen) return pause(pair);
        }
      }
      if (pair && frozen) return;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (pair && frozen) return;
      client.write(chunk);
    });
  });
  const pause = (pair: { client: net.Socket; upstream: net.Socket }) => {
    pair.client.pause();
    pair.upstream.pause();
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxied = new URL(url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String((server.address() as net.AddressInfo).port);
  return {
    url: proxied.toString(),
    freeze() {
      frozen = true;
      for (const pair of listenerSockets) pause(pair);
    },
    thaw() {
      frozen = false;
      // Connections frozen until now stay dead; their owner has given up on them.
      listenerSockets.clear();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
