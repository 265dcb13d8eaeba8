/** The ACPI namespace: a tree of 4-character NameSegs, ACPI 6.5 §5.3. */
import type { AmlValue } from './types.js';
import type { AmlNameString } from '../../lib/aml-decode.js';
import { amlError } from './errors.js';

export class NsNode {
  children: Map<string, NsNode> | undefined;
  object: AmlValue | undefined;
  /** Alias target. */
  alias: NsNode | undefined;
  /** Scope-only node (\_GPE, \_PR_, \_SB_...): printed as Scope when it has no object. */
  scope = false;
  /** External() declaration: type and arg count known, no object yet. */
  externalType = -1;
  externalArgs = 0;
  /** Owner: table id (0 = predefined), or -1 for method-local objects. */
  owner = 0;
  /** Offset of the defining term in the owner table (-1: predefined, method-local or unknown). */
  defOffset = -1;
  constructor(readonly name: string, readonly parent: NsNode | undefined) {}

  child(name: string): NsNode | undefined {
    return this.children?.get(name);
  }

  /** `\_SB_.PCI0._CRS` */
  path(): string {
    if (!this.parent) return '\\';
    const segs: string[] = [];
    for (let n: NsNode | undefined = this; n?.parent; n = n.parent) segs.push(n.name);
    return '\\' + segs.reverse().join('.');
  }

  /** Follows Alias chains. */
  resolve(): NsNode {
    let n: NsNode = this;
    for (let i = 0; n.alias && i < 64; i++) n = n.alias;
    return n;
  }
}

/** A parsed NameString: root prefix, number of `^`, segments. */
/** A decoded NameString (ACPI 6.5 §20.2.2). */
export type NamePath = AmlNameString;

export function nameToString(p: NamePath): string {
  return (p.root ? '\\' : '^'.repeat(p.up)) + p.segs.join('.');
}

/** Parse an ASL-style path string ("\\_SB.PCI0._CRS", "^FOO", "_STA"). Segments are padded with '_'. */
export function parsePath(text: string): NamePath {
  let i = 0;
  let root = false;
  let up = 0;
  if (text[0] === '\\') {
    root = true;
    i = 1;
  } else {
    while (text[i] === '^') {
      up++;
      i++;
    }
  }
  const rest = text.slice(i);
  const segs = rest === '' ? [] : rest.split('.').map((s) => {
    const u = s.toUpperCase();
    if (u.length === 0 || u.length > 4 || !/^[A-Z_][A-Z0-9_]*$/.test(u)) throw amlError('AML_BAD_NAME', `bad name segment '${s}' in ${text}`);
    return u.padEnd(4, '_');
  });
  return { root, up, segs };
}

export class Namespace {
  readonly root = new NsNode('\\', undefined);

  constructor() {
    this.root.scope = true;
  }

  /** Scope for relative names: climb `up` parents. */
  private base(scope: NsNode, p: NamePath): NsNode | undefined {
    if (p.root) return this.root;
    let n: NsNode | undefined = scope;
    for (let i = 0; i < p.up && n; i++) n = n.parent;
    return n;
  }

  /**
   * Find a node. A single NameSeg without prefix is searched in `scope` and then
   * each parent up to the root (§5.3); any other form is not searched.
   */
  lookup(scope: NsNode, p: NamePath): NsNode | undefined {
    const segs = p.segs;
    if (segs.length === 0) return p.root ? this.root : this.base(scope, p);
    if (!p.root && p.up === 0 && segs.length === 1) {
      const name = segs[0]!;
      for (let n: NsNode | undefined = scope; n; n = n.parent) {
        const c = n.children?.get(name);
        if (c) return c;
      }
      return undefined;
    }
    let n = this.base(scope, p);
    for (let i = 0; i < segs.length && n; i++) {
      n = n.resolve().children?.get(segs[i]!);
    }
    return n;
  }

  lookupPath(text: string, scope: NsNode = this.root): NsNode | undefined {
    return this.lookup(scope, parsePath(text));
  }

  /** Parent node of the last segment of `p` (must exist) and the last segment. */
  parentFor(scope: NsNode, p: NamePath): [NsNode, string] {
    if (p.segs.length === 0) throw amlError('AML_BAD_NAME', 'empty name');
    let n = this.base(scope, p);
    for (let i = 0; i < p.segs.length - 1 && n; i++) n = n.resolve().children?.get(p.segs[i]!);
    if (!n) throw amlError('NOT_FOUND', `scope of ${nameToString(p)} not found`);
    return [n.resolve(), p.segs[p.segs.length - 1]!];
  }

  /** Create a node; AE_ALREADY_EXISTS when it exists (unless only an External declaration). */
  create(scope: NsNode, p: NamePath, owner: number): NsNode {
    // A single NameSeg without prefix (most names) goes in `scope` itself.
    if (!p.root && p.up === 0 && p.segs.length === 1) return this.createChild(scope.resolve(), p.segs[0]!, owner);
    const [parent, name] = this.parentFor(scope, p);
    return this.createChild(parent, name, owner);
  }

  createChild(parent: NsNode, name: string, owner: number): NsNode {
    const existing = parent.children?.get(name);
    if (existing) {
      if (existing.externalType >= 0 && existing.object === undefined) {
        existing.externalType = -1;
        existing.owner = owner;
        return existing;
      }
      throw amlError('ALREADY_EXISTS', `${existing.path()} already exists`);
    }
    const node = new NsNode(name, parent);
    node.owner = owner;
    if (!parent.children) parent.children = new Map();
    parent.children.set(name, node);
    return node;
  }

  remove(node: NsNode): void {
    node.parent?.children?.delete(node.name);
  }

  /** Depth-first walk in creation order; `visit` returning false skips the children. */
  walk(visit: (node: NsNode, depth: number) => boolean | void, from: NsNode = this.root): void {
    const stack: Array<[NsNode, number]> = [];
    const kids = (n: NsNode) => (n.children ? [...n.children.values()] : []);
    const start = kids(from);
    for (let i = start.length - 1; i >= 0; i--) stack.push([start[i]!, 0]);
    while (stack.length) {
      const [n, d] = stack.pop()!;
      if (visit(n, d) === false) continue;
      const c = kids(n);
      for (let i = c.length - 1; i >= 0; i--) stack.push([c[i]!, d + 1]);
    }
  }
}
