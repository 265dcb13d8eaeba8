#!/bin/sh
# Records Debian's QEMU 7.2 + SeaBIOS serial log of the Linux boot (TCG) to its root-mount panic, the
# reference docs/linux-boot.md compares fwlab with: test/fixtures/linux/qemu-<board>/serial.log and
# cmdline.txt. Needs scripts/fetch-linux.sh first. Usage: scripts/capture-linux-qemu.sh [pc|q35|pc-vmgenid|pc-smp2]...
# (pc-vmgenid: pc with -device vmgenid,guid=$VMGENID_GUID, the seed scenarios' GUID.)
# (pc-smp2: pc with -smp 2.)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
kernel="$root/.cache/linux/vmlinuz"
[ -f "$kernel" ] || { echo "capture-linux-qemu: no $kernel (run scripts/fetch-linux.sh)" >&2; exit 2; }
VMGENID_GUID=324e6eaf-d1d1-4bf6-bf41-b9bb6c91fb87
for config in ${*:-pc q35}; do
  out="$root/test/fixtures/linux/qemu-$config"
  mkdir -p "$out"
  log=$(mktemp)
  board=${config%%-*}
  extra=""
  [ "$config" = pc-vmgenid ] && extra="-device vmgenid,guid=$VMGENID_GUID"
  [ "$config" = pc-smp2 ] && extra="-smp 2"
  # shellcheck disable=SC2086
  set -- qemu-system-x86_64 -machine "$board" -m 512M $extra -kernel vmlinuz -append console=ttyS0 -display none -monitor none -serial "file:$log"
  ( cd "$root/.cache/linux" && exec "$@" 2>/dev/null ) &
  pid=$!
  n=0
  until grep -q 'end Kernel panic' "$log" 2>/dev/null || [ $n -ge 600 ]; do sleep 0.5; n=$((n + 1)); done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  cp "$log" "$out/serial.log"
  rm -f "$log"
  echo "qemu-system-x86_64 -machine $board -m 512M ${extra:+$extra }-kernel vmlinuz -append console=ttyS0 -serial stdio -display none  # $(cat "$root/.cache/linux/version"), $(qemu-system-x86_64 --version | head -1)" > "$out/cmdline.txt"
  echo "capture-linux-qemu: $config: $(wc -l < "$out/serial.log") lines"
done
