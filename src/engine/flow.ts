/** Maximum flow (Dinic) on a small graph with real capacities: months of experience and education
 * flow from assets to requirements, so "used once only" is the capacity of each asset (docs/findings.md). */

const EPS = 1e-9;

export class FlowGraph {
  private readonly head: number[][] = [];
  readonly to: number[] = [];
  readonly cap: number[] = [];
  readonly flow: number[] = [];

  node(): number {
    this.head.push([]);
    return this.head.length - 1;
  }

  /** Adds an edge and its reverse; returns the edge id (its reverse is id ^ 1). */
  edge(from: number, to: number, cap: number): number {
    const id = this.to.length;
    this.to.push(to, from);
    this.cap.push(cap, 0);
    this.flow.push(0, 0);
    this.head[from]!.push(id);
    this.head[to]!.push(id + 1);
    return id;
  }

  /** Sets an edge's capacity. Raising it keeps the flow already found valid. */
  open(edge: number, cap: number): void {
    this.cap[edge] = cap;
  }

  /** Forgets the flow, to solve the same graph again with other capacities. */
  reset(): void {
    this.flow.fill(0);
  }

  /** Augments from the current flow to a maximum one; returns the flow added. */
  maxFlow(source: number, sink: number): number {
    let total = 0;
    const level = new Array<number>(this.head.length);
    const next = new Array<number>(this.head.length);
    for (;;) {
      level.fill(-1);
      level[source] = 0;
      const queue = [source];
      for (let q = 0; q < queue.length; q++) {
        const v = queue[q]!;
        for (const e of this.head[v]!) {
          const w = this.to[e]!;
          if (level[w] === -1 && this.cap[e]! - this.flow[e]! > EPS) {
            level[w] = level[v]! + 1;
            queue.push(w);
          }
        }
      }
      if (level[sink] === -1) return total;
      next.fill(0);
      for (;;) {
        const pushed = this.push(source, sink, Infinity, level, next);
        if (pushed <= EPS) break;
        total += pushed;
      }
    }
  }

  private push(v: number, sink: number, limit: number, level: number[], next: number[]): number {
    if (v === sink) return limit;
    const edges = this.head[v]!;
    for (; next[v]! < edges.length; next[v] = next[v]! + 1) {
      const e = edges[next[v]!]!;
      const w = this.to[e]!;
      const room = this.cap[e]! - this.flow[e]!;
      if (room <= EPS || level[w] !== level[v]! + 1) continue;
      const pushed = this.push(w, sink, Math.min(limit, room), level, next);
      if (pushed > EPS) {
        this.flow[e] = this.flow[e]! + pushed;
        this.flow[e ^ 1] = this.flow[e ^ 1]! - pushed;
        return pushed;
      }
    }
    return 0;
  }
}
