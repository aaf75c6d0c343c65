/** Maximum flow (Dinic) on a small graph with real capacities: months of experience and education
 * flow from assets to requirements, so "used once only" is the capacity of each asset (docs/findings.md).
 * The graph is built edge by edge, then frozen on its first solve into flat arrays that every later
 * solve reuses: solving again after `reset` or `open` allocates nothing. */

const EPS = 1e-9;

export class FlowGraph {
  private nodes = 0;
  private readonly ends: number[] = [];
  /** Per node, the edges leaving it (in the order they were added), and where its list starts. */
  private adjacency: number[] = [];
  private first: number[] = [];
  private to: number[] = [];
  readonly cap: number[] = [];
  flow: number[] = [];
  private level: number[] = [];
  private next: number[] = [];
  private queue: number[] = [];
  private frozen = false;

  node(): number {
    if (this.frozen) throw new Error('FlowGraph: no nodes can be added once solved');
    return this.nodes++;
  }

  /** Adds an edge and its reverse; returns the edge id (its reverse is id ^ 1). */
  edge(from: number, to: number, cap: number): number {
    if (this.frozen) throw new Error('FlowGraph: no edges can be added once solved');
    const id = this.cap.length;
    this.ends.push(from, to, to, from);
    this.cap.push(cap, 0);
    return id;
  }

  /** Lays the edges out flat, each node's in the order they were added, in packed arrays. */
  private freeze(): void {
    const n = this.nodes;
    const m = this.cap.length;
    const zeros = (length: number): number[] => {
      const out: number[] = [];
      for (let i = 0; i < length; i++) out.push(0);
      return out;
    };
    const first = zeros(n + 1);
    for (let e = 0; e < m; e++) first[this.ends[2 * e]! + 1]!++;
    for (let v = 0; v < n; v++) first[v + 1]! += first[v]!;
    const fill = first.slice(0, n);
    const adjacency = zeros(m);
    const to = zeros(m);
    for (let e = 0; e < m; e++) {
      adjacency[fill[this.ends[2 * e]!]!++] = e;
      to[e] = this.ends[2 * e + 1]!;
    }
    this.first = first;
    this.adjacency = adjacency;
    this.to = to;
    this.flow = zeros(m);
    this.level = zeros(n);
    this.next = zeros(n);
    this.queue = zeros(n);
    this.frozen = true;
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
    if (!this.frozen) this.freeze();
    const { level, queue, next, first, adjacency, to, cap, flow } = this;
    let total = 0;
    for (;;) {
      for (let v = 0; v < level.length; v++) level[v] = -1;
      level[source] = 0;
      queue[0] = source;
      for (let head = 0, tail = 1; head < tail; head++) {
        const v = queue[head]!;
        for (let i = first[v]!; i < first[v + 1]!; i++) {
          const e = adjacency[i]!;
          const w = to[e]!;
          if (level[w] === -1 && cap[e]! - flow[e]! > EPS) {
            level[w] = level[v]! + 1;
            queue[tail++] = w;
          }
        }
      }
      if (level[sink] === -1) return total;
      for (let v = 0; v < next.length; v++) next[v] = first[v]!;
      for (;;) {
        const pushed = this.push(source, sink, Infinity);
        if (pushed <= EPS) break;
        total += pushed;
      }
    }
  }

  private push(v: number, sink: number, limit: number): number {
    if (v === sink) return limit;
    const { next, level } = this;
    const end = this.first[v + 1]!;
    for (; next[v]! < end; next[v]!++) {
      const e = this.adjacency[next[v]!]!;
      const w = this.to[e]!;
      const room = this.cap[e]! - this.flow[e]!;
      if (room <= EPS || level[w] !== level[v]! + 1) continue;
      const pushed = this.push(w, sink, Math.min(limit, room));
      if (pushed > EPS) {
        this.flow[e] = this.flow[e]! + pushed;
        this.flow[e ^ 1] = this.flow[e ^ 1]! - pushed;
        return pushed;
      }
    }
    return 0;
  }
}
