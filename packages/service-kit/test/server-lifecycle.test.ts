import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { createServiceClient } from "../src/client/index.ts";
import { type FixtureRouter, SECRET, startFixture } from "./fixture-service.ts";

describe("/ready", () => {
  it("reflects the readiness check and turns 503 while shutting down", async () => {
    let healthy = false;
    const { service } = await startFixture({
      readiness: async () => {
        if (!healthy) throw new Error("database unreachable");
      },
    });
    expect((await fetch(`${service.url}/ready`)).status).toBe(503);
    healthy = true;
    expect((await fetch(`${service.url}/ready`)).status).toBe(200);
    await service.close();
  });
});

describe("graceful shutdown", () => {
  it("lets an in-flight request finish, then refuses new connections", async () => {
    const { service, events } = await startFixture();
    const client = createServiceClient<FixtureRouter>({
      audience: "product-svc",
      url: service.url,
      secret: SECRET,
      caller: { sub: "test", role: "GUEST" },
      maxRetries: 0,
    });
    const started = once(events, "slow-started");
    const inFlight = client.slow.query({ ms: 300 });
    await started; // the request is being handled: shutdown must wait for it
    const closed = service.close();
    await expect(inFlight).resolves.toBe("done");
    await closed;
    await expect(fetch(`${service.url}/health`)).rejects.toThrow();
  });

  it("stops intake first while HTTP still serves, then drains, then runs onShutdown", async () => {
    const steps: string[] = [];
    let releaseIntake = () => {};
    const intakeStopping = new Promise<void>((resolve) => {
      releaseIntake = resolve;
    });
    const { service } = await startFixture({
      stopIntake: async () => {
        steps.push("stop intake");
        await intakeStopping; // e.g. a queue batch still being handled
        steps.push("intake stopped");
      },
      onShutdown: async () => {
        steps.push("shutdown");
      },
    });
    const closed = service.close();
    await expect.poll(() => steps).toEqual(["stop intake"]);
    // Still serving (the batch in flight may need the service), but no longer ready for new traffic.
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
    expect((await fetch(`${service.url}/ready`)).status).toBe(503);
    releaseIntake();
    await closed;
    expect(steps).toEqual(["stop intake", "intake stopped", "shutdown"]);
    await expect(fetch(`${service.url}/health`)).rejects.toThrow();
  });
});
