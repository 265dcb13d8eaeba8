#!/bin/sh
# Records acpiexec's namespace dump of each QEMU 7.2 fixture config's installed DSDT (+ SSDT)
# as test/aml-namespace/<config>.acpiexec.txt (first line: the command). Needs acpica-tools 20200925.
# Usage: sh scripts/aml-suite/record-namespace.sh   (from the repository root)
set -eu
out=test/aml-namespace
mkdir -p "$out"
for dir in test/fixtures/qemu-7.2/*/seabios/acpi-installed; do
  config=$(echo "$dir" | cut -d/ -f4)
  tables=dsdt.dat
  [ -f "$dir/ssdt.dat" ] && tables="dsdt.dat ssdt.dat"
  {
    echo "# cd test/fixtures/qemu-7.2/$config/seabios/acpi-installed && acpiexec -b namespace $tables   (acpiexec $(acpiexec -v 2>/dev/null | sed -n 's/.*version \([0-9]*\).*/\1/p' | head -1))"
    (cd "$dir" && acpiexec -b namespace $tables 2>/tmp/record-namespace.err)
    echo "# stderr:"
    cat /tmp/record-namespace.err
  } > "$out/$config.acpiexec.txt"
  echo "$out/$config.acpiexec.txt: $(grep 'Namespace node count' "$out/$config.acpiexec.txt")"
done
