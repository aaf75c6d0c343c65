/** Maximum flow (Dinic) on a small graph with real capacities: months of experience and education
 * flow from assets to requirements, so "used once only" is the capacity of each asset (docs/findings.md).
 * Each node keeps the edges leaving it as a list in the order they were added, grown as edges are
 * added: a solve needs no layout step, and solving again after `reset` or `open` allocates nothing. */

const EPS = 1e-9;
const NONE = -1;

export class FlowGraph {
  private nodes: number;
  /** Per node, its first and last edge; per edge, the next edge leaving the same node. */
  private readonly head: number[];
  private readonly tail: number[];
  private readonly after: number[];
  private readonly to: number[];
  readonly cap: number[];
  readonly flow: number[];
  /** Per node, for a solve: its BFS level, the edge it will try next, and the BFS queue. */
  private readonly level: number[];
  private readonly next: number[];
  private readonly queue: number[];
  private solved = false;

  /** An empty graph, or a copy of `from` as built so far (never solved), to add to: the part many
   * graphs share is built once. */
  constructor(from?: FlowGraph) {
    if (from?.solved) throw new Error('FlowGraph: a solved graph is not copied');
    this.nodes = from ? from.nodes : 0;
    this.head = from ? from.head.slice() : [];
    this.tail = from ? from.tail.slice() : [];
    this.after = from ? from.after.slice() : [];
    this.to = from ? from.to.slice() : [];
    this.cap = from ? from.cap.slice() : [];
    this.flow = from ? from.flow.slice() : [];
    this.level = from ? from.level.slice() : [];
    this.next = from ? from.next.slice() : [];
    this.queue = from ? from.queue.slice() : [];
  }

  node(): number {
    if (this.solved) throw new Error('FlowGraph: no nodes can be added once solved');
    this.head.push(NONE);
    this.tail.push(NONE);
    this.level.push(0);
    this.next.push(NONE);
    this.queue.push(0);
    return this.nodes++;
  }

  /** Adds an edge and its reverse; returns the edge id (its reverse is id ^ 1). */
  edge(from: number, to: number, cap: number): number {
    if (this.solved) throw new Error('FlowGraph: no edges can be added once solved');
    const id = this.cap.length;
    this.to.push(to, from);
    this.cap.push(cap, 0);
    this.flow.push(0, 0);
    this.append(from, id);
    this.append(to, id + 1);
    return id;
  }

  private append(node: number, edge: number): void {
    this.after.push(NONE);
    if (this.tail[node] === NONE) this.head[node] = edge;
    else this.after[this.tail[node]!] = edge;
    this.tail[node] = edge;
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
    this.solved = true;
    const { level, queue, next, head, after, to, cap, flow } = this;
    let total = 0;
    for (;;) {
      for (let v = 0; v < level.length; v++) level[v] = -1;
      level[source] = 0;
      queue[0] = source;
      for (let front = 0, back = 1; front < back; front++) {
        const v = queue[front]!;
        for (let e = head[v]!; e !== NONE; e = after[e]!) {
          const w = to[e]!;
          if (level[w] === -1 && cap[e]! - flow[e]! > EPS) {
            level[w] = level[v]! + 1;
            queue[back++] = w;
          }
        }
      }
      if (level[sink] === -1) return total;
      for (let v = 0; v < next.length; v++) next[v] = head[v]!;
      for (;;) {
        const pushed = this.push(source, sink, Infinity);
        if (pushed <= EPS) break;
        total += pushed;
      }
    }
  }

  private push(v: number, sink: number, limit: number): number {
    if (v === sink) return limit;
    const { next, level, after } = this;
    for (; next[v] !== NONE; next[v] = after[next[v]!]!) {
      const e = next[v]!;
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
