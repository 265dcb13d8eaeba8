; apm-probe: a boot sector that calls the APM BIOS (int 15h AH=53h) the way an APM driver does and
; prints each result on COM1 (and 0x402) as `53/NN ax=.... bx=.... cx=.... dx=.... cf=.`: the
; installation check, real-mode / 16-bit / 32-bit protected-mode connect (with the segment bases,
; entry offsets and lengths in SI, DI, EBX, ESI), disconnect, CPU idle and busy, set power state
; (standby, suspend, a device other than "all"), enable, get power status, get PM event, driver
; version, engage, capabilities, the functions SeaBIOS does not implement, and last set power state
; off for all devices (BX=1, CX=3), which turns the machine off.
; Build: nasm -f bin -o apm-probe.img apm-probe.asm
bits 16
org 0x7c00
%include "console.inc"

start:
    cli
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov sp, 0x7c00
    sti
    mov [boot_drive], dl
    com1_init
    ; sectors 2-5 (CHS 0/0/2) to 0000:7E00
    mov ax, 0x0204
    mov cx, 0x0002
    xor dh, dh
    mov dl, [boot_drive]
    mov bx, 0x7e00
    int 0x13
    jc $
    jmp part2

; report: SI = name (0-terminated); prints name and AX BX CX DX CF as they were at the call.
report:
    report_registers
    mov al, 13
    call putc
    mov al, 10
    call putc
    ret

%include "print16.inc"

boot_drive: db 0
s_ax: db ' ax=', 0
s_bx: db ' bx=', 0
s_cx: db ' cx=', 0
s_dx: db ' dx=', 0
s_cf: db ' cf=', 0

    times 510 - ($ - $$) db 0
    dw 0xaa55

; ---- sectors 2-5 ----

; apm FUNC, BX, CX, NAME: int 15h AX=53FUNC with BX, CX and every other register zero, then report.
%macro apm 4
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor esi, esi
    xor edi, edi
    mov ax, 0x5300 + %1
    mov bx, %2
    mov cx, %3
    int 0x15
    mov [r_esi], esi
    mov [r_edi], edi
    mov [r_ebx], ebx
    mov si, %4
    call report
%endmacro

; the 32-bit halves and SI/DI of the last call: ax=EBX high, bx=ESI high, cx=SI, dx=DI
%macro report_high 0
    mov ax, [r_ebx + 2]
    mov bx, [r_esi + 2]
    mov cx, [r_esi]
    mov dx, [r_edi]
    mov si, n_high
    call report
%endmacro

part2:
    apm 0x00, 0, 0, n_00
    apm 0x01, 0, 0, n_01
    apm 0x01, 0, 0, n_01
    apm 0x04, 0, 0, n_04
    apm 0x02, 0, 0, n_02
    report_high
    apm 0x04, 0, 0, n_04
    apm 0x03, 0, 0, n_03
    report_high
    apm 0x04, 0, 0, n_04
    apm 0x04, 0, 0, n_04
    apm 0x05, 0, 0, n_05
    apm 0x06, 0, 0, n_06
    apm 0x07, 1, 1, n_07_standby
    apm 0x07, 1, 2, n_07_suspend
    apm 0x07, 2, 3, n_07_other
    apm 0x08, 1, 1, n_08
    apm 0x09, 1, 1, n_09
    apm 0x0a, 1, 0, n_0a
    report_high
    apm 0x0b, 0, 0, n_0b
    apm 0x0c, 1, 0, n_0c
    apm 0x0d, 1, 1, n_0d
    apm 0x0e, 0, 0x0102, n_0e
    apm 0x0f, 1, 1, n_0f
    apm 0x10, 0, 0, n_10
    apm 0x11, 0, 0, n_11
    apm 0x80, 0, 0, n_80
    mov si, n_off
    call puts
    apm 0x07, 1, 3, n_07_off
    mov si, n_still
    call puts
    cli
    hlt

n_00: db '53/00 check', 0
n_01: db '53/01 connect real', 0
n_02: db '53/02 connect 16', 0
n_03: db '53/03 connect 32', 0
n_04: db '53/04 disconnect', 0
n_05: db '53/05 idle', 0
n_06: db '53/06 busy', 0
n_07_standby: db '53/07 all standby', 0
n_07_suspend: db '53/07 all suspend', 0
n_07_other: db '53/07 bx=2 off', 0
n_07_off: db '53/07 all off', 0
n_08: db '53/08 enable', 0
n_09: db '53/09', 0
n_0a: db '53/0a status', 0
n_0b: db '53/0b event', 0
n_0c: db '53/0c', 0
n_0d: db '53/0d', 0
n_0e: db '53/0e version', 0
n_0f: db '53/0f engage', 0
n_10: db '53/10 capabilities', 0
n_11: db '53/11', 0
n_80: db '53/80', 0
n_high: db '  ebx-hi esi-hi si di', 0
n_off: db 'apm-probe: power off', 13, 10, 0
n_still: db 'apm-probe: still running', 13, 10, 0
r_ebx: dd 0
r_esi: dd 0
r_edi: dd 0

    times 5 * 512 - ($ - $$) db 0
    ; pad to one CHS cylinder (16 heads x 63 sectors) so AHCI boots it as well
    times 16 * 63 * 512 - ($ - $$) db 0
