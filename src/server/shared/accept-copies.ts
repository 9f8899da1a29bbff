import { spawn } from "node:child_process";
import type { Server } from "node:http";
import net from "node:net";

/**
 * Node 20's libuv accepts one connection per listening descriptor per turn of the event loop
 * (`npm run bench:accept`): when 2 000 phones reconnect at once after a restart, a busy API takes
 * them at ~450 a second and the last waits seconds in the kernel's queue. Node 22.12 has `reusePort`;
 * on Node 20 the loop gets more descriptors of the *same* listening socket instead, each accepting
 * one connection a turn, so K copies accept K a turn (ADR 0011). The copies are made by a throwaway
 * child process that sends the socket back K times over IPC (each received handle is a dup'ed
 * descriptor); it never listens, so it never takes a connection.
 */
export const ACCEPT_COPIES = 16;

// process.on, not once: the channel must stay referenced while each copy waits for the parent's ack.
const COPIER = `process.on("message", (m, handle) => {
  let left = m.copies;
  for (let i = 0; i < m.copies; i++) process.send({ copy: i }, handle, () => { if (--left === 0) process.disconnect(); });
});`;

type Native = object;

function copiesOf(handle: Native, copies: number): Promise<Native[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", COPIER], { stdio: ["ignore", "ignore", "inherit", "ipc"], env: { PATH: process.env.PATH } });
    const got: Native[] = [];
    child.on("message", (_m, h) => {
      if (h) got.push(h as Native);
      if (got.length === copies) resolve(got);
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      if (got.length < copies) reject(new Error(`the descriptor copier exited (code ${code}) after ${got.length} of ${copies} copies`));
    });
    // A raw TCP handle travels as a descriptor; the child gets no net.Server, so it does not listen.
    child.send({ copies }, handle as net.Server);
  });
}

/**
 * Listen on `copies` more descriptors of `server`'s listening socket; every connection they accept
 * is handed to `server` as its own. Returns the function that closes them (before `server.close()`).
 */
export async function acceptOnCopies(server: Server, copies: number, backlog: number): Promise<() => Promise<void>> {
  const handle = (server as unknown as { _handle: Native | null })._handle;
  if (!handle) throw new Error("the server is not listening");
  const handles = await copiesOf(handle, copies);
  const extra = handles.map((h) => {
    const s = net.createServer((socket) => server.emit("connection", socket));
    // The same backlog: listen() on a copy sets it for the shared socket.
    s.listen(h as net.Server, backlog);
    return s;
  });
  return async () => {
    await Promise.all(extra.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  };
}
