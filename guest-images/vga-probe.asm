; vga-probe: a boot sector that reports the VGA state the firmware handed over, on COM1 and the
; debug console: the misc output register, the sequencer (SR0-4), graphics controller (GR0-8),
; CRTC (CR0-18h), attribute controller (AR0-14h) registers, the DAC's pixel mask and first 16
; colours, and the BIOS data area's video fields (0449h-0466h, 0484h-048Ah); then halts. One cylinder.
; Build: nasm -f bin -o vga-probe.img vga-probe.asm

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
    cld
    com1_init
    mov si, s_misc
    call puts
    mov dx, 0x3cc
    in al, dx
    call hex8
    mov si, s_sr            ; indexed register sets: DX index port, CL count
    mov dx, 0x3c4
    mov cl, 5
    call indexed
    mov si, s_gr
    mov dx, 0x3ce
    mov cl, 9
    call indexed
    mov si, s_cr
    mov dx, 0x3d4
    mov cl, 0x19
    call indexed
    mov si, s_ar
    call puts
    xor bl, bl
.ar:
    mov dx, 0x3da
    in al, dx               ; reset the flip-flop to the index state
    mov dx, 0x3c0
    mov al, bl
    or al, 0x20             ; keep the palette address source (screen on)
    out dx, al
    inc dx
    in al, dx
    call space_hex8
    inc bl
    cmp bl, 0x15
    jb .ar
    mov dx, 0x3da
    in al, dx
    mov dx, 0x3c0
    mov al, 0x20
    out dx, al
    mov si, s_dac
    call puts
    mov dx, 0x3c6
    in al, dx
    call hex8
    mov dx, 0x3c7
    xor al, al
    out dx, al
    mov dx, 0x3c9
    mov cx, 48
.dac:
    in al, dx
    call space_hex8
    loop .dac
    mov si, s_bda
    call puts
    mov si, 0x449
    mov cx, 0x1e
    call bytes
    mov si, 0x484
    mov cx, 7
    call bytes
    mov si, s_done
    call puts
.halt:
    cli
    hlt
    jmp .halt

; puts SI's name, then CL registers read through index port DX / data port DX+1.
indexed:
    call puts
    xor bl, bl
.next:
    mov al, bl
    out dx, al
    inc dx
    in al, dx
    dec dx
    call space_hex8
    inc bl
    cmp bl, cl
    jb .next
    ret

; CX bytes from DS:SI, each after a space.
bytes:
    lodsb
    call space_hex8
    loop bytes
    ret

space_hex8:
    push ax
    mov al, ' '
    call putc
    pop ax
    jmp hex8

%include "print16.inc"

s_misc: db 'vga-probe: misc ', 0
s_sr:   db 13, 10, 'sr', 0
s_gr:   db 13, 10, 'gr', 0
s_cr:   db 13, 10, 'cr', 0
s_ar:   db 13, 10, 'ar', 0
s_dac:  db 13, 10, 'dac ', 0
s_bda:  db 13, 10, 'bda', 0
s_done: db 13, 10, 'vga-probe: done', 13, 10, 0

times 510 - ($ - $$) db 0
dw 0xaa55
; Padded to one cylinder (16 heads x 63 sectors): SeaBIOS gives a smaller AHCI disk 0 logical cylinders and cannot CHS-read it.
times 16 * 63 * 512 - ($ - $$) db 0
