; floppy-probe: a 1.44 MB floppy image whose boot sector reads its sectors 2-3 through int 13h
; AH=02h from drive 00h and runs them; they then calls the diskette services and prints
; each result on COM1 (and 0x402) as `name ax=.... bx=.... cx=.... dx=.... cf=.`, then the BIOS
; data area's diskette bytes. Run it with -snapshot: it writes to its last sector. Sectors past the
; code hold a pattern (every byte of LBA n ≥ 3 is n & 0xFF) so a read shows which sector arrived.
; Build: nasm -f bin -o floppy-probe.img floppy-probe.asm
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
    mov si, n_hello
    call puts
    mov al, [boot_drive]
    call hex8
    call crlf
    ; int 13h AH=02h: sectors 2-3 (CHS 0/0/2) to 0000:7E00
    mov ax, 0x0202
    mov cx, 0x0002
    xor dh, dh
    mov dl, [boot_drive]
    mov bx, 0x7e00
    int 0x13
    mov si, n_13_02
    call report
    jc fail
    mov si, 0x7e00 + (part2_msg - part2)
    call puts
    jmp part2
fail:
    cli
    hlt
    jmp fail

; report: SI = name (0-terminated); prints name and AX BX CX DX CF as they were at the call.
report:
    report_registers
crlf:
    mov al, 13
    call putc
    mov al, 10
    call putc
    ret

%include "print16.inc"

boot_drive: db 0
n_hello: db 'floppy-probe: booted, dl=', 0
n_13_02: db '13/02 sectors 2-3', 0
s_ax: db ' ax=', 0
s_bx: db ' bx=', 0
s_cx: db ' cx=', 0
s_dx: db ' dx=', 0
s_cf: db ' cf=', 0

    times 510 - ($ - $$) db 0
    dw 0xaa55

; ---- sectors 2-3, loaded by the boot sector ----
part2:
%macro call13 1
    mov dl, [boot_drive]
    int 0x13
    mov si, %1
    call report
%endmacro
    ; AH=08h: drive parameters (ES:DI, the parameter table, is left out: its place is the BIOS's own)
    mov ah, 0x08
    xor bx, bx
    call13 n_08
    xor ax, ax              ; AH=08h left ES at the table's segment
    mov es, ax
    ; AH=15h: drive type
    mov ah, 0x15
    call13 n_15
    ; AH=16h: change line
    mov ah, 0x16
    call13 n_16
    ; AH=02h: LBA 36 (CHS 1/0/1), 1 sector to 0000:2000, then its first byte
    mov ax, 0x0201
    mov cx, 0x0101
    xor dh, dh
    mov bx, 0x2000
    call13 n_02_c1
    mov al, [0x2000]
    call hex8
    call crlf
    ; two sectors across the head/cylinder boundary: CHS 0/1/18 (LBA 35) and 1/0/1 (LBA 36)
    mov ax, 0x0202
    mov cx, 0x0012
    mov dh, 1
    mov bx, 0x2000
    call13 n_02_span
    mov al, [0x2000]
    call hex8
    mov al, [0x2200]
    call hex8
    call crlf
    ; 18 sectors of cylinder 5 head 1 (LBA 198-215)
    mov ax, 0x0212
    mov cx, 0x0501
    mov dh, 1
    mov bx, 0x3000
    call13 n_02_track
    mov al, [0x3000 + 17 * 512]
    call hex8
    call crlf
    ; sector 19 of an 18-sector track: invalid parameter, the controller is not asked
    mov ax, 0x0201
    mov cx, 0x0013
    xor dh, dh
    mov bx, 0x2000
    call13 n_02_s19
    ; cylinder 80: past the drive
    mov ax, 0x0201
    mov cx, 0x5001
    xor dh, dh
    mov bx, 0x2000
    call13 n_02_c80
    ; a buffer across a 64 KiB boundary (0000:FF00, 512 bytes): DMA boundary error
    mov ax, 0x0201
    mov cx, 0x0001
    xor dh, dh
    mov bx, 0xff00
    call13 n_02_dma
    ; AH=01h: the last status
    mov ah, 0x01
    call13 n_01
    ; AH=00h: reset
    xor ah, ah
    call13 n_00
    ; AH=03h: write the last sector (CHS 79/1/18) from 0000:7C00, read it back to 0000:2000
    mov ax, 0x0301
    mov cx, 0x4f12
    mov dh, 1
    mov bx, 0x7c00
    call13 n_03
    mov ax, 0x0201
    mov cx, 0x4f12
    mov dh, 1
    mov bx, 0x2000
    call13 n_02_back
    mov ax, [0x2000 + 510]
    call hex16
    call crlf
    ; AH=04h: verify 3 sectors
    mov ax, 0x0403
    mov cx, 0x0201
    xor dh, dh
    call13 n_04
    ; AH=41h on a floppy: not a diskette function
    mov ah, 0x41
    mov bx, 0x55aa
    call13 n_41
    ; int 11h: the equipment word
    int 0x11
    xor bx, bx
    xor cx, cx
    xor dx, dx
    mov si, n_11
    call report
    ; the diskette parameter table int 1Eh points to (11 bytes)
    mov si, n_dpt
    call puts
    push ds
    lds si, [0x1e * 4]
    mov cx, 11
.dpt:
    lodsb
    call hex8
    loop .dpt
    pop ds
    call crlf
    ; BDA: 3Eh recalibrate status, 41h last status, 42h-48h controller result, 8Bh data rate, 90h media state, 94h track
    mov si, n_bda
    call puts
    mov al, [0x43e]
    call hex8
    mov al, ' '
    call putc
    mov si, 0x441
    mov cx, 8
.bda:
    lodsb
    call hex8
    loop .bda
    mov al, ' '
    call putc
    mov al, [0x48b]
    call hex8
    mov al, [0x490]
    call hex8
    mov al, [0x494]
    call hex8
    call crlf
    mov si, n_done
    call puts
.halt:
    cli
    hlt
    jmp .halt

part2_msg: db 'floppy-probe: sector 2 says hello', 13, 10, 0
n_08: db '13/08', 0
n_15: db '13/15', 0
n_16: db '13/16', 0
n_02_c1: db '13/02 chs 1/0/1, first byte', 0
n_02_span: db '13/02 chs 0/1/18 x2, first bytes', 0
n_02_track: db '13/02 chs 5/1/1 x18, last byte', 0
n_02_s19: db '13/02 sector 19', 0
n_02_c80: db '13/02 cylinder 80', 0
n_02_dma: db '13/02 across 64K', 0
n_01: db '13/01', 0
n_00: db '13/00', 0
n_03: db '13/03 chs 79/1/18', 0
n_02_back: db '13/02 read back, last word', 0
n_04: db '13/04 x3', 0
n_41: db '13/41', 0
n_11: db '11', 0
n_dpt: db 'int 1eh table ', 0
n_bda: db 'bda 3e, 41-48, 8b 90 94: ', 0
n_done: db 'floppy-probe: done', 13, 10, 0

    times 3 * 512 - ($ - $$) db 0
; every byte of sector n (n >= 3) is n & 0xFF
%assign lba 3
%rep 2880 - 3
    times 512 db lba & 0xff
%assign lba lba + 1
%endrep
