/** `fwlab boot --help` (its own module: `fwlab help boot` loads no machine). */
export const BOOT_HELP = `usage: fwlab boot [QEMU-style options] [--json] [--bios FILE] [--guest ospm|none|FILE]

Builds the machine, runs the firmware ROM from reset, then the guest, and prints the boot report.
  -machine pc|q35[,prop=val]   board (default pc, as QEMU)
  -m SIZE[,slots=N,maxmem=SIZE] RAM (default 128M, as QEMU)
  -global DRIVER.PROP=VALUE     PIIX4_PM/ICH9-LPC.disable_s3|disable_s4, fw_cfg.dma_enabled
  -device DRIVER[,prop=val...]  add a device
  -object memory-backend-ram,id=ID,size=SIZE
  -drive file=IMG,format=raw[,if=ide][,index=N][,snapshot=on][,readonly=on]  a disk (pc: IDE)
  -vga std|cirrus|qxl|virtio|none  the display QEMU adds (default std; none with -nodefaults; -vga help)
  -L DIR                        look for firmware files (option ROMs, VGA BIOS) in DIR before QEMU's
                                directories (-L help lists the search path)
  -nodefaults, -serial BACKEND, -parallel BACKEND|none, -uuid UUID, -cpu MODEL, -rtc base=DATE, -no-reboot (a reset stops the machine)
  -smp N[,sockets=S,dies=D,cores=C,threads=T,maxcpus=M]  CPUs (QEMU 7.2 rules; one executes)
  -smbios type=0|1|2|3|4|11|17,FIELD=VALUE...|file=BLOB  SMBIOS fields as QEMU 7.2 builds them
                                (-machine ...,smbios-entry-point-type=32|64 picks the entry point)
  --json                        the report as one JSON document
  --bios FILE                   another ROM module instead of roms/fwlab-bios.mjs (also -bios)
  --firmware seabios|ovmf       the built-in firmware profile (ovmf = roms/fwlab-ovmf.mjs)
  --guest ospm|none|FILE        the guest image run after hand-over (default ospm = roms/ospm.mjs)
  --guest-os linux|windows      the OSPM's PCI resource policy (default linux; docs/scenarios.md)
  --guest-s3 rtc:SECONDS|external  the OSPM suspends to RAM once booted, woken by its RTC alarm or by
                                QMP system_wakeup (--qmp-at); the firmware resumes it (decision 0053)
  --loader-policy seabios|ovmf|strict  how the firmware runs etc/table-loader (default: the profile's)
  -fw_cfg name=NAME,file=PATH|string=TEXT  add a fw_cfg file (QEMU's spelling)
  --monitor stdio|unix:PATH     then serve the QMP-style monitor (docs/tools.md)
  --qmp-at TIME:JSON            run a QMP command at virtual time TIME of the boot (300ms, 2s; repeatable),
                                e.g. '300ms:{"execute":"set-vm-generation-id","arguments":{"guid":"G"}}';
                                the reply and the QMP events go to stderr (docs/tools.md); with
                                '1s:{"execute":"system_wakeup"}' a guest that suspended to RAM (S3) resumes
  -incoming file:PATH           restore a snapshot written by QMP migrate instead of booting (also exec:cat PATH)
                                (same options; vmgenid guid= may differ: the guest is told); an x86
                                guest goes on to --until / --run-for
  --report FILE.html            also write the self-contained HTML report
  --trace AREA[,AREA...]        record traces in the report: aml (the guest's AML calls, region
                                accesses, Notify, GPEs), loader (each command with the bytes it
                                patched), pci (pci_cfg_write, pci_update_mappings_add/del), fwcfg
                                (fw_cfg_select, DMA); DEBUG=fwlab:<area> prints them live
  --until REGEX                 stop once the serial output matches REGEX and exit 0 (x86 guests: raw --bios,
                                or a kernel / boot sector the built-in firmware booted)
                                (exit 1 if the run ends first); -serial stdio streams it as it comes
  --run-for TIME                virtual time x86 code may run (raw --bios, or what the built-in firmware
                                booted), e.g. 300ms, 12s; default 10s; counted from the run's start,
                                also after -incoming
  --query-pci                   print only the PCI state after POST, as QMP query-pci JSON
  --random                      random instead of seeded values (vmgenid guid=auto)`;

/** `-vga help`: QEMU 7.2's list, for the types fwlab has. */
export const VGA_HELP = `none                 no graphic card
std                  standard VGA (default)
cirrus               Cirrus VGA
qxl                  QXL VGA
virtio               Virtio VGA
`;
