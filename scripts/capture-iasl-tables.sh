#!/bin/sh
# Reference data tables for `fwlab acpi disasm`'s field decoders: ACPICA's own table templates
# (`iasl -T`), compiled by iasl into binaries (SIG.dat) and disassembled by `iasl -d` (SIG.dsl).
# Usage: sh scripts/capture-iasl-tables.sh   (needs acpica-tools; the tests only read the files)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/test/fixtures/acpi-tables/iasl-20200925
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
for sig in apic bert bgrt dmar ecdt erst facp facs fpdt hpet mcfg nfit rsdt slit srat tpm2 waet wsmt xsdt; do
  iasl -T "$(echo "$sig" | tr a-z A-Z)" >/dev/null 2>&1
  iasl -p "$tmp/bin" "$sig.asl" >/dev/null 2>&1
  cp bin.aml "$out/$sig.dat"
  cp bin.aml "$sig.dat"
  iasl -d "$sig.dat" >/dev/null 2>&1
  # Drop the banner's date line so that re-running changes nothing.
  grep -v '^ \* Disassembly of ' "$sig.dsl" > "$out/$sig.dsl"
done

# iasl's view of QEMU's own data tables (after SeaBIOS, and after OVMF which adds an XSDT).
fixtures=$root/test/fixtures/qemu-7.2
for cfg in pc-default/seabios q35-vmgenid/ovmf; do
  dest=$root/test/fixtures/acpi-tables/qemu-7.2-iasl/$(echo "$cfg" | tr / -)
  mkdir -p "$dest"
  for f in "$fixtures/$cfg/acpi-installed/"*.dat; do
    sig=$(basename "$f" .dat)
    case $sig in dsdt|ssdt|rsdp) continue ;; esac
    cp "$f" "$tmp/$sig.dat"
    (cd "$tmp" && iasl -d "$sig.dat" >/dev/null 2>&1)
    grep -v '^ \* Disassembly of ' "$tmp/$sig.dsl" > "$dest/$sig.dsl"
  done
done
