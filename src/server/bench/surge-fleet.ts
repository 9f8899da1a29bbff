import { execFileSync } from "node:child_process";
import { ask, type BenchServer, builtBenchServer, startBenchServer } from "./bench-common";
import type { SendoutDone } from "./bench-server";
import { type ProcSample, procStatus } from "./load";
import type { Target } from "./surge-state";

/**
 * The API processes of bench:surge: one per replica, each on its own port, all on one database.
 * Samples each process's CPU and peak RSS from /proc every second (a SIGKILLed process's figures
 * are the last sample before the kill), kills and restarts replicas on the same port.
 */

type Life = { pid: number; bootSeconds: number; bootCpu: number; startedAt: number; endedAt: number | null; last: ProcSample | null; killed: boolean };
type Slot = { server: BenchServer; port: number; lives: Life[] };

export class Fleet {
  private readonly slots: Slot[] = [];
  private sampler: NodeJS.Timeout | null = null;
  readonly crashes: string[] = [];
  readonly targets: Target[] = [];
  private offsetMs = 0;
  private stopping = false;

  /** `cpus`: pin every API process to these CPUs (taskset list, e.g. "0"); null leaves them to the scheduler. */
  constructor(
    private readonly url: string,
    private readonly env: Record<string, string>,
    private readonly cpus: string | null = null,
  ) {}

  async start(replicas: number): Promise<void> {
    // Built before the clock starts: a boot is the API's, not esbuild's.
    await builtBenchServer();
    // One after another: the first boot runs the migrations (already applied by the seeding), the others find them done.
    for (let i = 0; i < replicas; i++) {
      const t0 = performance.now();
      const server = await startBenchServer("serve", this.url, 0, [], this.env);
      const slot: Slot = { server, port: server.ready.port, lives: [] };
      this.slots.push(slot);
      this.targets.push({ baseUrl: server.baseUrl, downFrom: null, downTo: null });
      this.adopt(slot, (performance.now() - t0) / 1000);
    }
    this.sampler = setInterval(() => this.sample(), 1000);
  }

  private adopt(slot: Slot, bootSeconds: number): void {
    if (this.cpus !== null) pin(slot.server.ready.pid, this.cpus);
    const last = procStatus(slot.server.ready.pid);
    // CPU spent booting (loading the build, migrations check) is not serving: counted from here.
    const life: Life = { pid: slot.server.ready.pid, bootSeconds, bootCpu: last?.cpuSeconds ?? 0, startedAt: Date.now(), endedAt: null, last, killed: false };
    slot.lives.push(life);
    slot.server.child.once("exit", (code, signal) => {
      life.endedAt = Date.now();
      if (!life.killed && !this.stopping) this.crashes.push(`API pid ${life.pid} exited on its own (code ${code}, signal ${signal})`);
    });
  }

  private sample(): void {
    for (const slot of this.slots) {
      const life = slot.lives[slot.lives.length - 1]!;
      if (life.endedAt === null) life.last = procStatus(life.pid) ?? life.last;
    }
  }

  /** Aim every replica's clock (the shift that puts Stage 1's close at the bench's deadline). */
  async setClock(offsetMs: number): Promise<void> {
    this.offsetMs = offsetMs;
    await Promise.all(this.slots.map((s) => ask(s.server, { type: "clock", offsetMs }, "clock-set")));
  }

  /** SIGKILL these replicas (a crash: no clean shutdown), then boot each again on its port and database. Returns seconds down. */
  async killAndRestart(which: number[]): Promise<number[]> {
    this.sample();
    return Promise.all(
      which.map(async (i) => {
        const slot = this.slots[i]!;
        const life = slot.lives[slot.lives.length - 1]!;
        life.killed = true;
        const target = this.targets[i]!;
        target.downFrom = Date.now();
        target.downTo = null;
        await slot.server.stop("SIGKILL");
        const t0 = performance.now();
        slot.server = await startBenchServer("serve", this.url, 0, [], { ...this.env, BENCH_PORT: String(slot.port), BENCH_CLOCK_OFFSET_MS: String(this.offsetMs) });
        target.downTo = Date.now();
        this.adopt(slot, (performance.now() - t0) / 1000);
        return (target.downTo - target.downFrom) / 1000;
      }),
    );
  }

  sendout(): Promise<SendoutDone> {
    return ask<SendoutDone>(this.slots[0]!.server, { type: "sendout" }, "sendout-done");
  }

  /** The first replica's own account of its memory (process.memoryUsage()), or null when it died before answering. */
  memory(): Promise<NodeJS.MemoryUsage | null> {
    return ask<NodeJS.MemoryUsage>(this.slots[0]!.server, { type: "memory" }, "memory").catch(() => null);
  }

  /** Current resident memory of the live processes, MiB, and their CPU seconds so far (all lives). */
  now(): { rssMiB: number; cpuSeconds: number } {
    this.sample();
    const lives = this.slots.flatMap((s) => s.lives);
    return {
      rssMiB: this.slots.reduce((sum, s) => sum + (s.lives[s.lives.length - 1]!.last?.rssMiB ?? 0), 0),
      cpuSeconds: lives.reduce((sum, l) => sum + (l.last?.cpuSeconds ?? 0) - l.bootCpu, 0),
    };
  }

  /** Per process: pid, whether it was the killed one, CPU seconds after boot, their share of one core over its serving time, peak RSS. */
  report(): { replica: number; pid: number; killed: boolean; cpuSeconds: number; cpuShare: number; peakRssMiB: number; bootSeconds: number }[] {
    this.sample();
    return this.slots.flatMap((s, replica) =>
      s.lives.map((l) => ({
        replica,
        pid: l.pid,
        killed: l.killed,
        cpuSeconds: (l.last?.cpuSeconds ?? 0) - l.bootCpu,
        cpuShare: ((l.last?.cpuSeconds ?? 0) - l.bootCpu) / Math.max(0.001, ((l.endedAt ?? Date.now()) - l.startedAt) / 1000),
        peakRssMiB: l.last?.peakRssMiB ?? 0,
        bootSeconds: l.bootSeconds,
      })),
    );
  }

  livePids(): number[] {
    return this.slots.map((s) => s.server.ready.pid);
  }

  /** Interrupted: no clean close, just make sure no API outlives the bench. */
  async kill(): Promise<void> {
    this.stopping = true;
    if (this.sampler) clearInterval(this.sampler);
    await Promise.all(this.slots.map((s) => s.server.stop("SIGKILL")));
  }

  async stop(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    this.sample();
    this.stopping = true;
    // SIGTERM: a clean close, so `node --cpu-prof` writes the profile.
    await Promise.all(this.slots.map((s) => s.server.stop("SIGTERM")));
  }
}

/** Pin a process (all its threads) to a CPU list with util-linux's taskset. */
export function pin(pid: number, cpus: string): void {
  execFileSync("taskset", ["-a", "-p", "-c", cpus, String(pid)], { stdio: "ignore" });
}
