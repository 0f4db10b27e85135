import type { AddressInfo } from "node:net";
import { buildApp } from "fauxqs";

export interface MessagingEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Region used when a request's signature does not name one. */
  region?: string;
}

export interface MessagingEmulatorHandle {
  /** http://127.0.0.1:<port> — pass it as `endpoint` to SNSClient and SQSClient. */
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * An in-process SNS + SQS emulator (fauxqs). State lives in memory and is gone after stop(): topics,
 * queues and subscriptions are created by the services at start-up, exactly as against real AWS.
 *
 * We build fauxqs' Fastify app and listen ourselves because `startFauxqs` always binds 0.0.0.0, which
 * would expose an unauthenticated queue to the local network.
 *
 * Queue URLs it hands out look like http://sqs.us-east-1.localhost:<port>/000000000000/<name>, and
 * `*.localhost` does not resolve everywhere. Clients must therefore be built with an explicit
 * `endpoint` option: the SQS client then keeps using that endpoint instead of the QueueUrl's host.
 */
export async function startMessagingEmulator(
  opts: MessagingEmulatorOptions = {},
): Promise<MessagingEmulatorHandle> {
  const app = buildApp({ logger: false, defaultRegion: opts.region ?? "us-east-1" });
  await app.listen({ port: opts.port ?? 0, host: "127.0.0.1" });
  const { port } = app.server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop: () => app.close(),
  };
}
