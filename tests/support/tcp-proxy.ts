// A TCP proxy on 127.0.0.1 in front of a database server, for tests that need the
// database to go away or "restart" without touching the shared cluster: stop() cuts every
// open connection and refuses new ones until start(); blip() does both, a while apart.
import { type Server, type Socket, connect, createServer } from "node:net";

export type TcpProxy = {
  readonly port: number;
  /** The URL of `databaseUrl` with its host and port replaced by the proxy's. */
  urlFor(databaseUrl: string): string;
  /** Cuts every connection and refuses new ones (ECONNREFUSED), as a stopped server does. */
  stop(): Promise<void>;
  /** Accepts connections again. */
  start(): Promise<void>;
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
  let server = serve();
  let listening = true;
  const port = await listen(server, 0);
  const cutAll = () => {
    cut += pairs.size;
    // A reset, as the peer of a killed server process sees it.
    for (const pair of pairs) for (const socket of pair) socket.resetAndDestroy();
    pairs.clear();
  };
  // Closed, the port refuses connections (ECONNREFUSED), as a stopped or restarting server does.
  const stop = async () => {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    cutAll();
    await closed;
  };
  const start = async () => {
    if (listening) return;
    server = serve();
    await listen(server, port);
    listening = true;
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
    stop,
    start,
    async blip(ms) {
      await stop();
      await new Promise((resolve) => setTimeout(resolve, ms));
      await start();
    },
    close: stop,
  };
}
