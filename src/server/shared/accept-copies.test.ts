import http from "node:http";
import net from "node:net";
import { describe, expect, it } from "vitest";
import { acceptOnCopies } from "./accept-copies";

type Run = { accepted: number; turns: number };

/** Open `n` connections at once while every loop turn takes `busyMs`; count the turns until all are accepted. */
async function acceptDuringBusyTurns(server: http.Server, n: number, busyMs: number): Promise<Run> {
  const { port } = server.address() as net.AddressInfo;
  let accepted = 0;
  let turns = 0;
  let stop = false;
  const busy = () => {
    const t = Date.now();
    while (Date.now() - t < busyMs);
    turns++;
    if (!stop) setImmediate(busy);
  };
  const all = new Promise<void>((resolve) => server.on("connection", () => ++accepted === n && resolve()));
  // The loop is busy before the first connection arrives (the connects go out on the next tick).
  busy();
  const sockets = Array.from({ length: n }, () => net.connect(port, "127.0.0.1").on("error", () => undefined));
  await all;
  stop = true;
  sockets.forEach((s) => s.destroy());
  return { accepted, turns };
}

async function listening(): Promise<http.Server> {
  const server = http.createServer((_req, res) => res.end("ok"));
  await new Promise<void>((resolve) => server.listen({ host: "127.0.0.1", port: 0, backlog: 4096 }, resolve));
  return server;
}

function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

describe("more descriptors of the listening socket (ADR 0011)", () => {
  it("accept several connections per loop turn where Node alone accepts one", async () => {
    const plain = await listening();
    const alone = await acceptDuringBusyTurns(plain, 200, 2);
    await close(plain);

    const server = await listening();
    const closeCopies = await acceptOnCopies(server, 8, 4096);
    const copied = await acceptDuringBusyTurns(server, 200, 2);
    expect(copied.accepted).toBe(200);
    // One a turn without the copies (what bench:accept shows); up to nine a turn with eight copies.
    expect(alone.accepted / alone.turns).toBeLessThanOrEqual(1.1);
    expect(copied.accepted / copied.turns).toBeGreaterThanOrEqual(3);

    // Connections taken on a copy are the HTTP server's own: they are answered.
    const { port } = server.address() as net.AddressInfo;
    const answers = await Promise.all(Array.from({ length: 40 }, () => fetch(`http://127.0.0.1:${port}/`).then((r) => r.text())));
    expect(answers.every((a) => a === "ok")).toBe(true);

    await closeCopies();
    await close(server);
    // Closed for good: nothing still listens on a copy.
    const refused = await new Promise<boolean>((resolve) => net.connect(port, "127.0.0.1").once("connect", () => resolve(false)).once("error", () => resolve(true)));
    expect(refused).toBe(true);
  });
});
