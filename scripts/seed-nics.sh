#!/bin/sh
# QMP input for the seed reproduction (docs/scenarios.md): negotiate, then hot-plug 16 e1000s
# into pci-bridge br1 at slots 3..0x12, as in the 2016 vmgenid v19 thread. Extra QMP lines
# given as arguments are sent afterwards (e.g. '{"execute":"query-pci"}').
echo '{"execute":"qmp_capabilities"}'
for n in 3 4 5 6 7 8 9 a b c d e f 10 11 12; do
  echo "{\"execute\":\"device_add\",\"arguments\":{\"driver\":\"e1000\",\"bus\":\"br1\",\"addr\":\"0x$n\",\"id\":\"nic$n\"}}"
done
for line in "$@"; do echo "$line"; done
