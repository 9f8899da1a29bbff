import net from "node:net";
import { machine } from "./bench-common";
import { fmt, numberArg } from "./load";

/**
 * npm run bench:accept [-- --connections 500 --turn-ms 10]
 * How fast a Node process accepts new connections while its event loop is busy. The floor is the
 * same process with an idle loop, in the same run. Node 20 (libuv) accepts one connection per turn
 * of the loop, so an API whose turns take 10 ms accepts ~100 connections a second, however many
 * phones are waiting in the kernel's queue (README, performance: why the first burst and the
 * reconnect after a restart queue).
 */

const argv = process.argv.slice(2);
const connections = numberArg(argv, "connections", 500);
const turnMs = numberArg(argv, "turn-ms", 10);

async function acceptRate(busyMs: number): Promise<{ perSecond: number; seconds: number }> {
  const server = net.createServer((s) => s.on("error", () => undefined));
  await new Promise<void>((resolve) => server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, resolve));
  const { port } = server.address() as net.AddressInfo;
  let stop = false;
  // A loop turn that takes busyMs (what a busy API's turn costs: parsing, handlers, serialising).
  const busy = () => {
    const t = Date.now();
    while (Date.now() - t < busyMs);
    if (!stop) setImmediate(busy);
  };
  if (busyMs > 0) busy();
  let accepted = 0;
  const done = new Promise<void>((resolve) => server.on("connection", () => ++accepted === connections && resolve()));
  const t0 = performance.now();
  const sockets = Array.from({ length: connections }, () => net.connect(port, "127.0.0.1").on("error", () => undefined));
  await done;
  const seconds = (performance.now() - t0) / 1000;
  stop = true;
  sockets.forEach((s) => s.destroy());
  await new Promise((r) => server.close(r));
  return { perSecond: connections / seconds, seconds };
}

async function main() {
  console.log(`bench:accept — ${connections} connections opened at once on loopback; ${machine()}`);
  const floor = await acceptRate(0);
  const busy = await acceptRate(turnMs);
  console.log(`(a) floor, idle loop:            ${fmt(floor.perSecond, 0).padStart(8)} accepted/s (${fmt(floor.seconds, 2)} s)`);
  console.log(`(b) loop turns of ${turnMs} ms:        ${fmt(busy.perSecond, 0).padStart(8)} accepted/s (${fmt(busy.seconds, 2)} s) — ${fmt(busy.perSecond * (turnMs / 1000), 2)} per turn`);
  console.log(`ratio (b)/(a): ${fmt(busy.perSecond / floor.perSecond, 3)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
