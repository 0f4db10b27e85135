import net from "node:net";

/**
 * A TCP proxy in front of the chaos stack's SNS/SQS emulator. `down()` closes the listening socket and
 * cuts every open connection, which is what the services see when the emulator stops (connection
 * refused, resets); `up()` listens again. The emulator behind it keeps its topics, queues and messages,
 * as a restarted AWS endpoint would.
 */
export class SwitchableProxy {
  #server: net.Server | undefined;
  readonly #sockets = new Set<net.Socket>();

  constructor(
    readonly port: number,
    private readonly upstreamPort: number,
  ) {}

  async up(): Promise<void> {
    if (this.#server) return;
    const server = net.createServer((client) => {
      const upstream = net.connect(this.upstreamPort, "127.0.0.1");
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on("close", () => this.#sockets.delete(socket));
        socket.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.#server = server;
  }

  async down(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }
}
