; bench-loop: a boot sector that runs a fixed integer loop (add, xor, rotate, imul, a taken and a
; not-taken branch per iteration) and prints a checksum, so an interpreter's speed can be timed
; against a known answer. The iteration count is the dword at offset 0x1F8 of the sector (a
; bench may patch it). Output on 0x402 and COM1; then isa-debug-exit (port 0xF4) and hlt.
; Build: nasm -f bin -o bench-loop.img bench-loop.asm

bits 16
org 0x7c00
%include "console.inc"

start:
    cli
    xor ax, ax
    mov ds, ax
    mov ss, ax
    mov sp, 0x7c00
    cld
    com1_init
    mov si, msg_start
    call puts
    mov ecx, [iterations]
    mov eax, 0x12345678
    mov ebx, 0x9e3779b9
    xor edx, edx
.loop:
    add eax, ebx
    xor edx, eax
    rol edx, 5
    imul ebx, ebx, 0x01000193
    test cl, 1
    jz .even
    inc edx
.even:
    dec ecx
    jnz .loop
    mov [result], edx
    mov si, msg_sum
    call puts
    mov eax, [result]
    call puthex32
    mov si, crlf
    call puts
    mov al, 0
    out 0xf4, al
.halt:
    hlt
    jmp .halt

puts:
    lodsb
    test al, al
    jz .ret
    call putc
    jmp puts
.ret:
    ret

putc:
    putc_ports_body
    ret

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

msg_start   db 'bench-loop: start', 13, 10, 0
msg_sum     db 'bench-loop: checksum ', 0
crlf        db 13, 10, 0
result      dd 0

times 0x1f8 - ($ - $$) db 0
iterations  dd 10000000
times 510 - ($ - $$) db 0
    dw 0xaa55
