// A TCP proxy on 127.0.0.1 in front of a database server, for tests that need the
// database to "restart" without touching the shared cluster: blip() cuts every open
// connection and refuses new ones for a while, then lets them through again.
import { type Server, type Socket, connect, createServer } from "node:net";

export type TcpProxy = {
  readonly port: number;
  /** The URL of `databaseUrl` with its host and port replaced by the proxy's. */
  urlFor(databaseUrl: string): string;
  /** Cuts every connection, refuses new ones for `ms`, then accepts again; resolves once it accepts. */
  blip(ms: number): Promise<void>;
  /** connections cut by blips so far */
  readonly cut: number;
  close(): Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let cut = 0;
  const serve = (): Server =>
    createServer((client) => {
      const upstream = connect(target.port, target.host);
      const pair: [Socket, Socket] = [client, upstream];
      pairs.add(pair);
      for (const socket of pair) {
        socket.on("close", () => pairs.delete(pair));
        socket.on("error", () => {
          // The other side is destroyed with it below.
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
  const listen = (server: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve((server.address() as { port: number }).port));
    });
  const stop = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

  let server = serve();
  const port = await listen(server, 0);
  const cutAll = () => {
    cut += pairs.size;
    // A reset, as the peer of a killed server process sees it.
    for (const pair of pairs) for (const socket of pair) socket.resetAndDestroy();
    pairs.clear();
  };
  return {
    port,
    get cut() {
      return cut;
    },
    urlFor(databaseUrl) {
      const url = new URL(databaseUrl);
      url.hostname = "127.0.0.1";
      url.port = String(port);
      return url.toString();
    },
    async blip(ms) {
      // Closed, the port refuses connections (ECONNREFUSED), as a restarting server does.
      const closed = stop(server);
      cutAll();
      await closed;
      await new Promise((resolve) => setTimeout(resolve, ms));
      server = serve();
      await listen(server, port);
    },
    async close() {
      const closed = stop(server);
      cutAll();
      await closed;
    },
  };
}
