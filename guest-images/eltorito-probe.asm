; eltorito-probe: a small ISO 9660 image with an El Torito 1.0 no-emulation boot entry, written here
; byte by byte (no mkisofs): system area, Primary Volume Descriptor (16), Boot Record Volume
; Descriptor (17), terminator (18), boot catalog (19), the boot image (20-21: 8 virtual sectors =
; two 2048-byte sectors, load segment 0 = 07C0h), a data sector (22), the root directory (23) and
; the two path tables (24, 25). The boot image prints on COM1 (and 0x402) the registers it was
; entered with, whether its second CD sector was loaded too, and what int 13h AH=41h, 48h, 42h
; (one and two 2048-byte sectors, and one past the end), 4B01h and 41h on a drive that is not there
; left, then `cli; hlt`. The same ISO under QEMU + SeaBIOS and under fwlab gives two texts to compare.
; Build: nasm -f bin -o eltorito-probe.iso eltorito-probe.asm
%include "console.inc"

SECTOR      equ 2048
VOLUME_SECTORS equ 26
BOOT_LBA    equ 20
BUF         equ 0x9000          ; int 13h reads land here, above the image (7C00h-8BFFh)
DATA_LBA    equ 22
ROOT_LBA    equ 23
PATH_L_LBA  equ 24
PATH_M_LBA  equ 25

%macro both16 1
    dw %1
    db (%1 >> 8) & 0xff, %1 & 0xff
%endmacro
%macro both32 1
    dd %1
    db (%1 >> 24) & 0xff, (%1 >> 16) & 0xff, (%1 >> 8) & 0xff, %1 & 0xff
%endmacro
; a directory record (ECMA-119 §9.1): extent, length, name byte
%macro dirrec 3
    db 34, 0
    both32 %1
    both32 %2
    db 126, 1, 1, 0, 0, 0, 0        ; 2026-01-01 00:00:00 GMT
    db 2, 0, 0                      ; flags: directory
    both16 1
    db 1, %3
%endmacro
; an ISO 9660 date-time (17 bytes, §8.4.26.1)
%macro isodate 0
    db '2026010100000000', 0
%endmacro

section system start=0 vstart=0
    times 16 * SECTOR db 0

section pvd start=16*SECTOR vstart=0
    db 1, 'CD001', 1, 0
    db 'FWLAB'
    times 40 - ($ - $$) db ' '      ; system identifier
    db 'FWLAB_ELTORITO'
    times 72 - ($ - $$) db ' '      ; volume identifier
    times 80 - ($ - $$) db 0
    both32 VOLUME_SECTORS
    times 120 - ($ - $$) db 0
    both16 1                        ; volume set size
    both16 1                        ; volume sequence number
    both16 SECTOR                   ; logical block size
    both32 10                       ; path table size
    dd PATH_L_LBA, 0
    db 0, 0, 0, PATH_M_LBA
    dd 0
    dirrec ROOT_LBA, SECTOR, 0      ; root directory record
    times 318 - ($ - $$) db ' '     ; volume set, publisher, preparer, application identifiers
    times 813 - ($ - $$) db ' '     ; file identifiers
    isodate
    isodate
    db '0000000000000000', 0
    db '0000000000000000', 0
    db 1, 0                         ; file structure version
    times SECTOR - ($ - $$) db 0

section brvd start=17*SECTOR vstart=0
    db 0, 'CD001', 1, 'EL TORITO SPECIFICATION'
    times 0x47 - ($ - $$) db 0
    dd 19                           ; the boot catalog's sector
    times SECTOR - ($ - $$) db 0

section term start=18*SECTOR vstart=0
    db 255, 'CD001', 1
    times SECTOR - ($ - $$) db 0

; The validation entry's words sum to 0 (El Torito §2.1): 0x0001 + 'FW' + 'LA' + 'B ' + 0xAA55 + check.
VALIDATION_SUM equ (0x0001 + 0x5746 + 0x414c + 0x2042 + 0xaa55) & 0xffff
section catalog start=19*SECTOR vstart=0
    db 1, 0, 0, 0                   ; header, platform 80x86
    db 'FWLAB '
    times 28 - ($ - $$) db 0
    dw (0x10000 - VALIDATION_SUM) & 0xffff
    db 0x55, 0xaa
    db 0x88, 0                      ; bootable, no emulation
    dw 0                            ; load segment 0: the BIOS uses 07C0h
    db 0, 0                         ; system type, unused
    dw 8                            ; 8 virtual (512-byte) sectors
    dd BOOT_LBA
    times SECTOR - ($ - $$) db 0

section boot start=BOOT_LBA*SECTOR vstart=0x7c00
bits 16
start:
    pushf
    push ss
    push es
    push ds
    push cs
    push bp
    push di
    push si
    push dx
    push cx
    push bx
    push ax
    mov bp, sp
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov [boot_drive], dl
    lea ax, [bp + 24]
    mov [entry_sp], ax
    mov ax, ss
    mov [entry_ss], ax
    com1_init
    mov si, n_entry
    call puts
    mov bx, entry_names
    mov cx, 11
.reg:
    mov si, bx
    call puts
    mov ax, [ss:bp]
    call hex16
    add bp, 2
    add bx, 5
    loop .reg
    mov si, s_if
    call puts
    mov ax, [ss:bp]
    shr ax, 9
    and al, 1
    add al, '0'
    call putc
    mov si, s_sp
    call puts
    mov ax, [entry_sp]
    call hex16
    call crlf
    mov si, s_tail_bad
    cmp dword [image_tail], 0x4c494154   ; 'TAIL'
    jne .tail
    mov si, s_tail_ok
.tail:
    call puts
    ; a stack of our own below the image
    cli
    xor ax, ax
    mov ss, ax
    mov sp, 0x7000
    sti
    ; AH=41h: EDD installation check
    mov ah, 0x41
    mov bx, 0x55aa
    mov dl, [boot_drive]
    int 0x13
    mov si, n_13_41
    call report
    ; AH=48h: the 1Ah-byte table, then its fields
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
    ; AH=42h: the data sector, one 2048-byte block to 0000:9000
    mov dword [dap_lba], DATA_LBA
    mov word [dap_count], 1
    call read_dap
    mov si, n_13_42a
    call report
    call print_data
    ; two blocks: the second boot image sector and the data sector
    mov dword [dap_lba], BOOT_LBA + 1
    mov word [dap_count], 2
    call read_dap
    mov si, n_13_42b
    call report
    mov eax, [BUF + SECTOR - 4]
    cmp eax, 0x4c494154
    mov si, s_tail_bad
    jne .tail2
    mov si, s_tail_ok
.tail2:
    call puts
    push word (BUF + SECTOR) >> 4   ; the second block
    pop ds
    xor si, si
    call print_text
    push word 0
    pop ds
    ; past the end of the medium
    mov dword [dap_lba], VOLUME_SECTORS + 100
    mov word [dap_count], 1
    call read_dap
    mov si, n_13_42c
    call report
    ; AH=4Bh AL=01h: El Torito status into the 13h-byte specification packet
    mov di, packet
    mov cx, 20
    mov al, 0xcc
    rep stosb
    mov ax, 0x4b01
    mov dl, [boot_drive]
    mov si, packet
    int 0x13
    mov si, n_13_4b
    call report
    mov si, n_packet
    call puts
    mov si, packet
    mov cx, 20
.pk:
    lodsb
    call hex8
    loop .pk
    call crlf
    ; a CD drive number with no drive behind it
    mov ah, 0x41
    mov bx, 0x55aa
    mov dl, 0xe1
    int 0x13
    mov si, n_13_41e1
    call report
    mov si, s_done
    call puts
    cli
    hlt
    jmp $

; read_dap: int 13h AH=42h with the packet at `dap`, buffer 0000:BUF (0x2000 bytes cleared first)
read_dap:
    mov di, BUF
    mov cx, 0x2000
    xor al, al
    rep stosb
    mov byte [dap], 0x10
    mov byte [dap + 1], 0
    mov word [dap + 4], BUF
    mov word [dap + 6], 0
    mov dword [dap_lba + 4], 0
    mov ah, 0x42
    mov dl, [boot_drive]
    mov si, dap
    int 0x13
    ret

; print_data: the text at 0000:BUF and the 16-bit sum of its 2048 bytes
print_data:
    mov si, BUF
    call print_text
    mov si, s_sum
    call puts
    mov si, BUF
    mov cx, SECTOR
    xor bx, bx
    xor ah, ah
.sum:
    lodsb
    add bx, ax
    loop .sum
    mov ax, bx
    call hex16
    call crlf
    ret

; print_text: DS:SI = a line ending in NUL (at most 64 bytes), printed with a prefix
print_text:
    push ds
    push si
    push word 0
    pop ds
    mov si, s_text
    call puts
    pop si
    pop ds
    mov cx, 64
.t:
    lodsb
    test al, al
    jz .e
    call putc
    loop .t
.e:
    push word 0
    pop ds
    call crlf
    ret

; report: SI = name; prints it with AX BX CX DX CF as they were at the call, and the packet count
report:
    report_registers
    mov si, s_count
    call puts
    mov ax, [dap_count]
    call hex16
crlf:
    mov al, 13
    call putc
    mov al, 10
    call putc
    ret

%include "print16.inc"

boot_drive: db 0
entry_sp: dw 0
entry_ss: dw 0
entry_names:
    db 'ax=', 0, 0, ' bx=', 0, ' cx=', 0, ' dx=', 0, ' si=', 0, ' di=', 0, ' bp=', 0, ' cs=', 0, ' ds=', 0, ' es=', 0, ' ss=', 0
n_entry: db 'eltorito: entry ', 0
s_if: db ' if=', 0
s_sp: db ' sp=', 0
s_tail_ok: db 'image: both sectors loaded', 13, 10, 0
s_tail_bad: db 'image: second sector missing', 13, 10, 0
s_text: db 'text: ', 0
s_sum: db 'sum=', 0
s_count: db ' n=', 0
s_done: db 'eltorito: done', 13, 10, 0
n_13_41: db '13/41', 0
n_13_48: db '13/48', 0
n_edd1: db 'edd size/flags/cyl/heads', 0
n_edd2: db 'edd spt/sectors lo/hi/bytes', 0
n_13_42a: db '13/42 lba 22', 0
n_13_42b: db '13/42 lba 21+2', 0
n_13_42c: db '13/42 past end', 0
n_13_4b: db '13/4b01', 0
n_packet: db 'packet ', 0
n_13_41e1: db '13/41 e1', 0
s_ax: db ' ax=', 0
s_bx: db ' bx=', 0
s_cx: db ' cx=', 0
s_dx: db ' dx=', 0
s_cf: db ' cf=', 0
align 4
dap: db 0x10, 0
dap_count: dw 0
    dd 0
dap_lba: dq 0
edd: times 0x20 db 0
packet: times 20 db 0
    times 2 * SECTOR - 8 - ($ - $$) db 0
    db 'END'
    db 0
image_tail: db 'TAIL'

section data start=DATA_LBA*SECTOR vstart=0
    db 'fwlab eltorito data sector 22', 0
%assign i 0
%rep SECTOR - 30
    db (i * 7 + 3) & 0xff
%assign i i + 1
%endrep

section root start=ROOT_LBA*SECTOR vstart=0
    dirrec ROOT_LBA, SECTOR, 0      ; .
    dirrec ROOT_LBA, SECTOR, 1      ; ..
    times SECTOR - ($ - $$) db 0

section pathl start=PATH_L_LBA*SECTOR vstart=0
    db 1, 0
    dd ROOT_LBA
    dw 1
    db 0, 0
    times SECTOR - ($ - $$) db 0

section pathm start=PATH_M_LBA*SECTOR vstart=0
    db 1, 0
    db 0, 0, 0, ROOT_LBA
    db 0, 1
    db 0, 0
    times SECTOR - ($ - $$) db 0
