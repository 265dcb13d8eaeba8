; cpuhp-probe: waits for a CPU plugged at run time (QMP device_add on a -smp 1,maxcpus=2 machine)
; and starts it as an OS does, without ACPI: the boot sector loads sectors 2-4; the BSP enters flat
; real mode to reach its local APIC at 0xFEE00000, prints its APIC ID and the CPU count of CMOS 5Fh
; (+1), puts a far jump at 0x9000 and prints `cpuhp-probe: waiting for a cpu`. Then, every ~20 ms
; for up to ~10 s, it sends INIT, STARTUP 09h and STARTUP 09h to physical APIC ID 1 and looks for
; the AP's check-in (an absent APIC takes no message). The AP enters flat real mode, records its
; local APIC ID register and its CPUID.1 initial APIC ID, software-enables its APIC, checks in and
; waits in `sti; hlt`. The BSP prints the AP's line, sends it a fixed IPI (vector 61h) by physical
; ID, prints the count the AP's handler kept, then `cpuhp-probe: done` and
; waits in `sti; hlt` (for the monitor's last commands).
; Build: nasm -f bin -o cpuhp-probe.img cpuhp-probe.asm
bits 16
org 0x7c00
%include "console.inc"
%include "apic-probe.inc"

FLAT_SEL    equ 0x08
APIC        equ 0xfee00000
APIC_ID     equ APIC + 0x20
APIC_EOI    equ APIC + 0xb0
APIC_SVR    equ APIC + 0xf0
APIC_ICR_LO equ APIC + 0x300
APIC_ICR_HI equ APIC + 0x310
SIPI_PAGE   equ 0x9000
AP_STACK    equ 0x7000
AP_ID       equ 1
V_FIXED     equ 0x61
CMOS_SMP    equ 0x5f
TRIES       equ 500

three_sector_start

hex8_routine

stop:
    cli
    hlt
    jmp stop

msg_readerr: db 'cpuhp-probe: int 13h read failed', 13, 10, 0
drive: db 0

    times 510 - ($ - $$) db 0
    dw 0xaa55

; ---- sector 2 onwards (0x7E00) ----

apic_probe_routines

main:
    in al, 0x92
    or al, 2
    and al, 0xfe
    out 0x92, al
    cli
    call flat
    mov eax, [fs:dword APIC_ID]
    shr eax, 24
    mov si, msg_bsp
    call puts
    call hex8
    mov si, msg_cpus
    call puts
    mov al, CMOS_SMP
    out 0x70, al
    in al, 0x71
    inc al
    call hex8
    mov si, crlf
    call puts

    mov word [V_FIXED * 4], isr_fixed
    mov word [V_FIXED * 4 + 2], 0
    mov byte [SIPI_PAGE], 0xea
    mov word [SIPI_PAGE + 1], ap_entry
    mov word [SIPI_PAGE + 3], 0
    mov dword [fs:dword APIC_SVR], 0x1ff
    sti
    mov si, msg_waiting
    call puts

    mov di, TRIES
.try:
    ; INIT, 10 ms, STARTUP, 200 us, STARTUP to APIC ID 1, then up to 10 ms for the check-in.
    mov eax, 0x00004500
    mov edx, AP_ID << 24
    call icr
    xor cx, cx
    mov dx, 10000
    call delay
    mov eax, 0x00004600 | (SIPI_PAGE >> 12)
    mov edx, AP_ID << 24
    call icr
    xor cx, cx
    mov dx, 200
    call delay
    mov eax, 0x00004600 | (SIPI_PAGE >> 12)
    mov edx, AP_ID << 24
    call icr
    mov bx, 10
.poll:
    cmp byte [ready], 0
    jne .started
    xor cx, cx
    mov dx, 1000
    call delay
    dec bx
    jnz .poll
    dec di
    jnz .try
    mov si, msg_none
    call puts
    jmp .finish

.started:
    mov si, msg_ap
    call puts
    mov al, [ap_apic]
    call hex8
    mov si, msg_cpuid
    call puts
    mov al, [ap_cpuid]
    call hex8
    mov si, crlf
    call puts
    mov eax, 0x00004000 | V_FIXED
    mov edx, AP_ID << 24
    call icr
    xor cx, cx
    mov dx, 10000
    call delay
    mov si, msg_fixed
    call puts
    mov al, [n_fixed]
    call hex8
    mov si, crlf
    call puts
.finish:
    mov si, msg_done
    call puts
.idle:
    sti
    hlt
    jmp .idle

; ---- the AP: real mode at 0900:0000, then here ----
ap_entry:
    cli
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov sp, AP_STACK
    call flat
    mov eax, [fs:dword APIC_ID]
    shr eax, 24
    mov [ap_apic], al
    mov eax, 1
    cpuid
    shr ebx, 24
    mov [ap_cpuid], bl
    mov dword [fs:dword APIC_SVR], 0x1ff
    lock inc byte [ready]
.park:
    sti
    hlt
    jmp .park

isr_fixed:
    lock inc byte [n_fixed]
    mov dword [fs:dword APIC_EOI], 0
    iret

gdt:
    dq 0
    dq 0x00cf92000000ffff       ; 0x08: flat data, 4 GiB
gdt_desc:
    dw gdt_desc - gdt - 1
    dd gdt

ready: db 0
ap_apic: db 0xff
ap_cpuid: db 0xff
n_fixed: db 0

msg_bsp: db 'cpuhp-probe: bsp apic ', 0
msg_cpus: db ' cpus ', 0
msg_waiting: db 'cpuhp-probe: waiting for a cpu', 13, 10, 0
msg_none: db 'cpuhp-probe: no cpu checked in', 13, 10, 0
msg_ap: db 'cpuhp-probe: cpu checked in: apic ', 0
msg_cpuid: db ' cpuid ', 0
msg_fixed: db 'cpuhp-probe: fixed ipis taken ', 0
msg_done: db 'cpuhp-probe: done', 13, 10, 0
crlf: db 13, 10, 0

    times 4 * 512 - ($ - $$) db 0
    ; pad to one CHS cylinder (16 heads x 63 sectors) so AHCI boots it as well
    times 16 * 63 * 512 - ($ - $$) db 0
