/** What the OSPM guest found, parsed from its console lines (format: docs/guest.md). */

export interface GuestDevice {
  readonly path: string;
  readonly hid?: string;
  readonly cid?: string;
  readonly uid?: string;
  readonly adr?: string;
  readonly sta: string;
  readonly crs?: string;
}

export interface GuestFindings {
  readonly rsdp: string | null;
  readonly tables: readonly string[];
  readonly namespace: string | null;
  readonly acpiMode: string | null;
  readonly gpes: string | null;
  readonly devices: readonly GuestDevice[];
  readonly vmgenid: { readonly guid: string; readonly address: string; readonly path: string } | null;
  /** Errors, GPEs handled, Notify deliveries, generation-ID changes: everything else, in order. */
  readonly events: readonly string[];
}

const PREFIX = 'ospm: ';

export function parseGuestConsole(lines: readonly string[]): GuestFindings {
  let rsdp: string | null = null;
  let namespace: string | null = null;
  let acpiMode: string | null = null;
  let gpes: string | null = null;
  let vmgenid: GuestFindings['vmgenid'] = null;
  const tables: string[] = [];
  const devices: GuestDevice[] = [];
  const events: string[] = [];
  for (const line of lines) {
    if (!line.startsWith(PREFIX)) continue;
    const body = line.slice(PREFIX.length);
    const space = body.indexOf(' ');
    const kind = space < 0 ? body : body.slice(0, space);
    const rest = space < 0 ? '' : body.slice(space + 1);
    switch (kind) {
      case 'rsdp': rsdp = rest; break;
      case 'table': tables.push(rest); break;
      case 'namespace': namespace = rest; break;
      case 'acpi-mode': acpiMode = rest; break;
      case 'gpe-enabled': gpes = rest; break;
      case 'device': {
        const [path, ...fields] = rest.split(' ');
        const kv = Object.fromEntries(fields.map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)]));
        devices.push({ path: path!, ...kv, sta: kv.sta ?? '' } as GuestDevice);
        break;
      }
      case 'vmgenid': {
        const m = /^(\S+) addr=(\S+) (\S+)$/.exec(rest);
        if (m) vmgenid = { guid: m[1]!, address: m[2]!, path: m[3]! };
        else events.push(body);
        break;
      }
      case 'idle': break;
      default: events.push(body);
    }
  }
  return { rsdp, tables, namespace, acpiMode, gpes, devices, vmgenid, events };
}
