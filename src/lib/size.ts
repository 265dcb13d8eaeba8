export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;
export const TiB = 1024 * GiB;

const SUFFIX: Record<string, number> = { '': 1, b: 1, k: KiB, m: MiB, g: GiB, t: TiB };

/**
 * Parses a QEMU size ("512M", "2G", "0x1000", "4096"). `defaultUnit` applies to a
 * bare number (QEMU's -m takes MiB). Returns undefined when the text is not a size.
 */
export function parseSize(text: string, defaultUnit = 1): number | undefined {
  const m = /^(0x[0-9a-f]+|\d+(?:\.\d+)?)([bkmgt]?)$/i.exec(text.trim());
  if (!m) return undefined;
  const n = m[1]!.toLowerCase().startsWith('0x') ? parseInt(m[1]!, 16) : Number(m[1]);
  const unit = m[2] ? SUFFIX[m[2].toLowerCase()]! : defaultUnit;
  const bytes = n * unit;
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

/** "512 MiB", "4 GiB", "640 KiB", "1234 B": the largest exact binary unit. */
export function formatSize(bytes: number): string {
  for (const [unit, n] of [['TiB', TiB], ['GiB', GiB], ['MiB', MiB], ['KiB', KiB]] as const) {
    if (bytes >= n && bytes % n === 0) return `${bytes / n} ${unit}`;
  }
  return `${bytes} B`;
}
