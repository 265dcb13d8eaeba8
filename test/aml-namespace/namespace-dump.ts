/** One namespace node: normalised absolute path (4-char segments, `\A___.B___`) and ACPICA type name. */
export interface NsNode {
  readonly path: string;
  readonly type: string;
}

/** `\_SB.PCI0` / `_SB_.PCI0` / `\_SB_.PCI0` -> `\_SB_.PCI0` (segments padded with `_`, upper case). */
export function normalisePath(path: string): string {
  const body = path.replace(/^\\/, '');
  if (body === '') return '\\';
  return '\\' + body.split('.').map((s) => s.toUpperCase().padEnd(4, '_')).join('.');
}

/**
 * Parses acpiexec's `namespace` command output: one line per node, `<depth> <NAME> <Type> 0x<addr> ...`,
 * indented by depth; the path is rebuilt from the depth stack. Objects acpiexec itself adds for its
 * self-test (`\_TI_` and its child `_T97`) are dropped: they are not defined by any table.
 */
export function parseAcpiexecNamespace(text: string): NsNode[] {
  const nodes: NsNode[] = [];
  const stack: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+([A-Z0-9_]{4})\s+(\w+)\s+0x[0-9a-f]+/.exec(line);
    if (!m) continue;
    const depth = Number(m[1]);
    stack.length = depth;
    stack.push(m[2]!);
    if (stack[0] === '_TI_') continue;
    nodes.push({ path: '\\' + stack.join('.'), type: m[3]! });
  }
  return nodes;
}

/** `Namespace node count: N` of an acpiexec run. */
export function acpiexecNodeCount(text: string): number | undefined {
  const m = /Namespace node count: (\d+)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Parses `fwlab aml namespace` text output: one `\PATH TYPE` line per node. */
export function parseFwlabNamespace(text: string): NsNode[] {
  const nodes: NsNode[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\\\S*)\s+(\w+)/.exec(line);
    if (m) nodes.push({ path: normalisePath(m[1]!), type: m[2]! });
  }
  return nodes;
}

/** Differences between two namespaces, as readable lines (empty when they match). */
export function diffNamespaces(expected: readonly NsNode[], actual: readonly NsNode[]): string[] {
  const exp = new Map(expected.map((n) => [n.path, n.type]));
  const act = new Map(actual.map((n) => [n.path, n.type]));
  const out: string[] = [];
  for (const [path, type] of exp) {
    const got = act.get(path);
    if (got === undefined) out.push(`missing ${path} ${type}`);
    else if (got.toLowerCase() !== type.toLowerCase()) out.push(`type of ${path}: acpiexec ${type}, fwlab ${got}`);
  }
  for (const [path, type] of act) if (!exp.has(path) && !path.startsWith('\\_TI_')) out.push(`extra ${path} ${type}`);
  return out;
}
