; bios-calls: a boot sector that calls the PC BIOS services the way DOS-era and Linux-setup code
; does and prints each result on COM1 (and 0x402) as `name ax=.... bx=.... cx=.... dx=.... cf=.`,
; so the same image under QEMU + SeaBIOS and under fwlab gives two texts to compare. Covers int 11h,
; 12h, 13h (AH=02h CHS read of its own sectors 2-4, 08h, 41h, 48h), 15h (C0h, E801h, 88h, 86h,
; 2400h-2403h), 16h (05h, 01h, 00h, 01h empty), 1Ah (02h/04h without the seconds, B101h, B102h,
; B10Ah), then int 18h (no more boot devices).
; Build: nasm -f bin -o bios-calls.img bios-calls.asm
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
    ; int 13h AH=02h: sectors 2-4 (CHS 0/0/2) to 0000:7E00
    mov ax, 0x0203
    mov cx, 0x0002
    xor dh, dh
    mov dl, [boot_drive]
    mov bx, 0x7e00
    int 0x13
    mov si, n_13_02
    call report
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
n_13_02: db '13/02', 0
s_ax: db ' ax=', 0
s_bx: db ' bx=', 0
s_cx: db ' cx=', 0
s_dx: db ' dx=', 0
s_cf: db ' cf=', 0

    times 510 - ($ - $$) db 0
    dw 0xaa55

; ---- sectors 2-4, loaded by the AH=02h call above ----
part2:
    int 0x11
    xor bx, bx
    xor cx, cx
    xor dx, dx
    mov si, n_11
    call report
    int 0x12
    mov si, n_12
    call report
    ; int 13h AH=08h: drive parameters
    mov ah, 0x08
    mov dl, [boot_drive]
    xor di, di
    int 0x13
    mov si, n_13_08
    call report
    ; AH=41h: EDD installation check
    mov ah, 0x41
    mov bx, 0x55aa
    mov dl, [boot_drive]
    int 0x13
    mov si, n_13_41
    call report
    ; AH=48h: the 1Ah-byte result buffer, then its size, flags, cylinders, heads, sectors, total
    mov word [edd], 0x1a
    mov ah, 0x48
    mov dl, [boot_drive]
    mov si, edd
    int 0x13
    mov si, n_13_48
    call report
    mov ax, [edd]
    mov bx, [edd + 2]
    mov cx, [edd + 4]
    mov dx, [edd + 8]
    mov si, n_edd1
    call report
    mov ax, [edd + 12]
    mov bx, [edd + 16]
    mov cx, [edd + 18]
    mov dx, [edd + 24]
    mov si, n_edd2
    call report
    ; int 15h C0h: configuration table pointer, and its model/submodel bytes
    mov ah, 0xc0
    int 0x15
    mov cx, es
    mov dx, [es:bx + 2]
    push ds
    pop es
    mov si, n_15_c0
    call report
    mov ax, 0xe801
    int 0x15
    mov si, n_15_e801
    call report
    mov ah, 0x88
    int 0x15
    mov si, n_15_88
    call report
    ; AH=86h: wait CX:DX = 1000 us
    mov ah, 0x86
    xor cx, cx
    mov dx, 1000
    int 0x15
    mov si, n_15_86
    call report
    mov ax, 0x2403
    int 0x15
    mov si, n_15_2403
    call report
    mov ax, 0x2402
    int 0x15
    mov si, n_15_2402
    call report
    mov ax, 0x2400
    int 0x15
    mov ax, 0x2402
    int 0x15
    mov si, n_15_2400
    call report
    mov ax, 0x2401
    int 0x15
    mov ax, 0x2402
    int 0x15
    mov si, n_15_2401
    call report
    ; int 16h: store a keystroke, peek, read, peek an empty buffer
    mov ah, 0x05
    mov cx, 0x1e61
    int 0x16
    mov si, n_16_05
    call report
    mov ah, 0x01
    int 0x16
    pushf
    pop dx
    and dx, 0x40
    mov si, n_16_01
    call report
    mov ah, 0x00
    int 0x16
    mov si, n_16_00
    call report
    mov ah, 0x01
    int 0x16
    pushf
    pop dx
    and dx, 0x40
    mov si, n_16_01e
    call report
    ; int 1Ah AH=02h: CH hours, CL minutes (BCD); DH seconds dropped
    mov ah, 0x02
    int 0x1a
    xor dh, dh
    mov si, n_1a_02
    call report
    mov ah, 0x04
    int 0x1a
    mov si, n_1a_04
    call report
    ; PCI BIOS: installation check (EDX = 'PCI '), find 8086:7010 (PIIX3 IDE), read its class dword
    mov ax, 0xb101
    xor edi, edi
    int 0x1a
    mov [scratch], edx
    mov dx, [scratch + 2]
    mov si, n_1a_b101
    call report
    mov ax, 0xb102
    mov cx, 0x7010
    mov dx, 0x8086
    xor si, si
    int 0x1a
    mov [pci_bdf], bx
    mov si, n_1a_b102
    call report
    mov ax, 0xb10a
    mov bx, [pci_bdf]
    mov di, 0x08
    int 0x1a
    mov [scratch], ecx
    mov ax, cx
    mov cx, [scratch + 2]
    mov si, n_1a_b10a
    call report
    mov si, n_done
    call puts
    int 0x18
    cli
    hlt

n_11: db '11', 0
n_12: db '12', 0
n_13_08: db '13/08', 0
n_13_41: db '13/41', 0
n_13_48: db '13/48', 0
n_edd1: db 'edd size flags cyl-lo heads-lo', 0
n_edd2: db 'edd spt-lo total-lo total-hi bps', 0
n_15_c0: db '15/c0 (cx=es dx=model)', 0
n_15_e801: db '15/e801', 0
n_15_88: db '15/88', 0
n_15_86: db '15/86', 0
n_15_2403: db '15/2403', 0
n_15_2402: db '15/2402', 0
n_15_2400: db '15/2400 then 2402', 0
n_15_2401: db '15/2401 then 2402', 0
n_16_05: db '16/05', 0
n_16_01: db '16/01 (dx=zf)', 0
n_16_00: db '16/00', 0
n_16_01e: db '16/01 empty (dx=zf)', 0
n_1a_02: db '1a/02', 0
n_1a_04: db '1a/04', 0
n_1a_b101: db '1a/b101 (dx=edx hi)', 0
n_1a_b102: db '1a/b102', 0
n_1a_b10a: db '1a/b10a (ax,cx=value)', 0
n_done: db 'bios-calls: done', 13, 10, 0
pci_bdf: dw 0
scratch: dd 0
edd: times 0x1a db 0

    times 4 * 512 - ($ - $$) db 0
    ; pad to one CHS cylinder (16 heads x 63 sectors) so AHCI boots it as well
    times 16 * 63 * 512 - ($ - $$) db 0
