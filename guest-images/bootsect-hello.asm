; bootsect-hello: a two-sector disk image for the BIOS boot path.
; Sector 0 (the boot sector) prints a greeting through int 10h teletype, QEMU's debug console
; (0x402) and COM1; reads sector 1 with int 13h AH=42h (LBA, disk address packet) and prints the
; text found there; prints the int 15h E820 map, one entry per line (base length type, hex); halts.
; Build: nasm -f bin -o bootsect-hello.img bootsect-hello.asm

bits 16
org 0x7c00
%include "console.inc"

start:
    real_mode_entry
    mov si, msg_hello
    call puts

    mov ah, 0x41            ; int 13h extensions present?
    mov bx, 0x55aa
    mov dl, [drive]
    int 0x13
    jc .noext
    cmp bx, 0xaa55
    jne .noext
    mov si, dap
    mov ah, 0x42
    mov dl, [drive]
    int 0x13
    jc .readerr
    mov si, msg_sector
    call puts
    mov si, 0x7e00
    call puts
    jmp .e820
.noext:
    mov si, msg_noext
    call puts
    jmp .e820
.readerr:
    mov si, msg_readerr
    call puts

.e820:
    xor ebx, ebx
.next:
    mov eax, 0xe820
    mov edx, 0x534d4150     ; 'SMAP'
    mov ecx, 20
    mov di, entry
    int 0x15
    jc .done
    cmp eax, 0x534d4150
    jne .done
    mov si, msg_e820
    call puts
    mov eax, [entry + 4]
    call puthex32
    mov eax, [entry]
    call puthex32
    mov al, ' '
    call putc
    mov eax, [entry + 12]
    call puthex32
    mov eax, [entry + 8]
    call puthex32
    mov al, ' '
    call putc
    mov eax, [entry + 16]
    call puthex32
    mov si, crlf
    call puts
    test ebx, ebx
    jnz .next
.done:
    mov si, msg_done
    call puts
.halt:
    cli
    hlt
    jmp .halt

; puts: DS:SI = NUL-terminated string.
puts:
    lodsb
    test al, al
    jz .ret
    call putc
    jmp puts
.ret:
    ret

; putc: AL to int 10h teletype, 0x402 and COM1.
putc:
    pusha
    mov ah, 0x0e
    mov bx, 0x0007
    int 0x10
    popa
    putc_ports_body
    ret

; puthex32: EAX as 8 hex digits.
puthex32:
    mov cx, 8
.digit:
    rol eax, 4
    push eax
    and al, 0x0f
    add al, '0'
    cmp al, '9'
    jbe .out
    add al, 'a' - '0' - 10
.out:
    call putc
    pop eax
    loop .digit
    ret

msg_hello   db 'bootsect-hello: booted', 13, 10, 0
msg_sector  db 'sector 1: ', 0
msg_noext   db 'int13 extensions missing', 13, 10, 0
msg_readerr db 'int13 read error', 13, 10, 0
msg_e820    db 'e820 ', 0
msg_done    db 'bootsect-hello: done', 13, 10, 0
crlf        db 13, 10, 0

align 4
dap:                        ; int 13h AH=42h disk address packet
    db 16, 0
    dw 1                    ; sectors
    dw 0x7e00, 0            ; buffer offset, segment
    dq 1                    ; LBA
drive       db 0

times 510 - ($ - $$) db 0
    dw 0xaa55

; Sector 1: the text the boot sector reads back.
    db 'text from LBA 1 via int 13h AH=42h', 13, 10, 0
; 1 MiB in all: SeaBIOS does not boot an AHCI disk smaller than one CHS cylinder (16 * 63 sectors).
times 1048576 - ($ - $$) db 0

entry equ 0x0600            ; E820 result buffer (free conventional memory)
