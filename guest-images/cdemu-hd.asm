; cdemu-hd: an El Torito ISO whose initial entry is a hard-disk image (media type 4): 272 sectors,
; its MBR's first partition ending at CHS 3/3/17 (SeaBIOS takes the emulated geometry, 4 cylinders ×
; 4 heads × 17 sectors, from there). The BIOS loads the MBR (one virtual sector) at 07C0h and boots
; it as drive 80h; a real hard disk moves up to 81h. The MBR reads its sectors 2-4 through int 13h
; AH=02h and runs them: int 13h on 80h (08h, CHS reads that start and end inside a 2048-byte CD
; sector, the geometry errors, 01h, 03h, 04h, 05h, the stubs, 10h, 15h, 16h, and the functions above
; 16h the emulated drive refuses), on 81h, 82h, 00h and E0h, then 4B01h (the specification packet),
; 4B00h (terminate) and 08h/4B01h after it; each as `name ax=.... bx=.... cx=.... dx=.... cf=.`
; on COM1 and 0x402, then `cli; hlt`. Every byte of image sector n ≥ 4 is n & FFh.
; Build: nasm -f bin -o cdemu-hd.iso cdemu-hd.asm
EMU_MEDIA     equ 4
HD_SECTORS    equ 4 * 4 * 17
IMAGE_SECTORS equ HD_SECTORS * 512 / 2048
LOAD_COUNT    equ 1
%include "eltorito-iso.inc"
%include "console.inc"

PACKET      equ 0x600               ; where 4Bh writes the specification packet
BUF         equ 0x2000

section image start=IMAGE_LBA*SECTOR vstart=0x7c00
bits 16
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
    mov si, n_hdcount
    call puts
    mov al, [0x475]
    call hex8
    mov si, n_equip
    call puts
    mov ax, [0x410]
    call hex16
    call crlf
    ; int 13h AH=02h: sectors 2-4 (CHS 0/0/2) to 0000:7E00
    mov ax, 0x0203
    mov cx, 0x0002
    xor dh, dh
    mov dl, [boot_drive]
    mov bx, 0x7e00
    int 0x13
    mov si, n_13_02
    call report
    jc fail
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
n_hello: db 'cdemu-hd: booted, dl=', 0
n_hdcount: db ' bda 75h=', 0
n_equip: db ' equipment=', 0
n_13_02: db '13/02 sectors 2-4', 0
s_ax: db ' ax=', 0
s_bx: db ' bx=', 0
s_cx: db ' cx=', 0
s_dx: db ' dx=', 0
s_cf: db ' cf=', 0

    times 0x1be - ($ - $$) db 0
    ; partition 1: active, CHS 0/1/1 .. 3/3/17, type 01h, LBA 17, 255 sectors
    db 0x80, 1, 1, 0, 0x01, 3, 17, 3
    dd 17, HD_SECTORS - 17
    times 510 - ($ - $$) db 0
    dw 0xaa55

; ---- sectors 2-4, loaded by the MBR ----
part2:
%macro call13 2                     ; drive, name
    mov dl, %1
    int 0x13
    mov si, %2
    call report
%endmacro
%macro chs 4                        ; AX, cylinder, head, sector
    mov ax, %1
    mov ch, %2
    mov cl, %4
    mov dh, %3
    mov bx, BUF
%endmacro
    mov ah, 0x08
    xor bx, bx
    call13 0x80, n_08
    ; LBA 6-12: a read that starts in the second half of CD sector 1, takes CD sector 2 whole and ends in CD sector 3
    chs 0x0207, 0, 0, 7
    call13 0x80, n_02_7
    mov si, BUF
    mov cx, 7
.first:
    mov al, [si]
    call hex8
    add si, 512
    loop .first
    call crlf
    chs 0x0201, 3, 3, 17
    call13 0x80, n_02_last
    mov al, [BUF + 511]
    call hex8
    call crlf
    chs 0x0201, 0, 0, 18
    call13 0x80, n_02_s18
    chs 0x0201, 4, 0, 1
    call13 0x80, n_02_c4
    chs 0x0201, 0, 4, 1
    call13 0x80, n_02_h4
    chs 0x0200, 0, 0, 1
    call13 0x80, n_02_n0
    mov ah, 0x01
    call13 0x80, n_01
    chs 0x0301, 1, 0, 1
    call13 0x80, n_03
    chs 0x0403, 1, 0, 1
    call13 0x80, n_04
    chs 0x0511, 1, 0, 1
    call13 0x80, n_05
    mov ax, 0x0900
    call13 0x80, n_09
    mov ax, 0x0c00
    call13 0x80, n_0c
    mov ax, 0x0d00
    call13 0x80, n_0d
    mov ax, 0x1000
    call13 0x80, n_10
    mov ax, 0x1100
    call13 0x80, n_11
    mov ax, 0x1400
    call13 0x80, n_14
    mov ax, 0x1500
    call13 0x80, n_15
    mov ax, 0x1600
    call13 0x80, n_16
    mov ax, 0x0600
    call13 0x80, n_06
    mov ax, 0x4100
    mov bx, 0x55aa
    call13 0x80, n_41
    mov ax, 0x4200
    mov si, PACKET
    call13 0x80, n_42
    mov ax, 0x4800
    mov si, PACKET
    call13 0x80, n_48
    xor ax, ax
    call13 0x80, n_00
    ; the drive that was 80h
    mov ah, 0x08
    xor bx, bx
    call13 0x81, n_08_81
    chs 0x0201, 0, 0, 1
    call13 0x81, n_02_81
    mov ax, [BUF + 510]
    call hex16
    call crlf
    mov ax, 0x4100
    mov bx, 0x55aa
    call13 0x81, n_41_81
    mov ah, 0x08
    xor bx, bx
    call13 0x82, n_08_82
    mov ah, 0x08
    xor bx, bx
    call13 0x00, n_08_00
    mov ah, 0x08
    xor bx, bx
    call13 0xe0, n_08_e0
    mov ax, 0x4100
    mov bx, 0x55aa
    call13 0xe0, n_41_e0
    ; El Torito: status, terminate, then the drives again
    mov di, PACKET
    mov al, 0xcc
    mov cx, 19
    rep stosb
    mov ax, 0x4b01
    mov si, PACKET
    call13 0x7f, n_4b01
    call packet
    mov ax, 0x4b00
    mov si, PACKET
    call13 0x80, n_4b00
    call packet
    mov ah, 0x08
    xor bx, bx
    call13 0x80, n_08_after
    mov ax, 0x4b01
    mov si, PACKET
    call13 0x80, n_4b01_after
    call packet
    mov si, n_done
    call puts
.halt:
    cli
    hlt
    jmp .halt

; packet: prints the 19 bytes 4Bh left at PACKET, then fills them with CCh for the next call.
packet:
    mov si, n_packet
    call puts
    mov si, PACKET
    mov cx, 19
.b:
    lodsb
    call hex8
    loop .b
    call crlf
    mov di, PACKET
    mov al, 0xcc
    mov cx, 19
    rep stosb
    ret

n_08: db '13/08 80h es:di left out', 0
n_02_7: db '13/02 chs 0/0/7 x7, first bytes', 0
n_02_last: db '13/02 chs 3/3/17, last byte', 0
n_02_s18: db '13/02 sector 18', 0
n_02_c4: db '13/02 cylinder 4', 0
n_02_h4: db '13/02 head 4', 0
n_02_n0: db '13/02 count 0', 0
n_01: db '13/01', 0
n_03: db '13/03', 0
n_04: db '13/04 x3', 0
n_05: db '13/05 x17', 0
n_09: db '13/09', 0
n_0c: db '13/0c', 0
n_0d: db '13/0d', 0
n_10: db '13/10', 0
n_11: db '13/11', 0
n_14: db '13/14', 0
n_15: db '13/15', 0
n_16: db '13/16', 0
n_06: db '13/06', 0
n_41: db '13/41', 0
n_42: db '13/42', 0
n_48: db '13/48', 0
n_00: db '13/00', 0
n_08_81: db '13/08 81h', 0
n_02_81: db '13/02 81h chs 0/0/1, last word', 0
n_41_81: db '13/41 81h', 0
n_08_82: db '13/08 82h', 0
n_08_00: db '13/08 00h', 0
n_08_e0: db '13/08 e0h', 0
n_41_e0: db '13/41 e0h', 0
n_4b01: db '13/4b01', 0
n_4b00: db '13/4b00', 0
n_08_after: db '13/08 80h after 4b00', 0
n_4b01_after: db '13/4b01 after 4b00', 0
n_packet: db 'packet ', 0
n_done: db 'cdemu-hd: done', 13, 10, 0

    times 4 * 512 - ($ - $$) db 0
%assign n 4
%rep HD_SECTORS - 4
    times 512 db n & 0xff
%assign n n + 1
%endrep
