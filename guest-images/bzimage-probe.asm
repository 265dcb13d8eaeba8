; bzimage-probe: a tiny Linux "bzImage" (x86 boot protocol 2.10, Documentation/x86/boot.rst) for
; `-kernel`. The loader (QEMU's linuxboot_dma.bin under SeaBIOS, or fwlab's TypeScript firmware)
; enters its 16-bit setup code at the setup segment + 20h:0. The setup code prints, on COM1 and
; the 0x402 debug console, the registers it was entered with, the header fields the loader wrote,
; what int 12h, int 15h E801/88h/2401h/E980h/5300h, int 16h 02h/0305h and int 13h 41h/08h (drive
; 80h) return, the calls Linux's setup makes (with "probe-int10" in the command line also its int 10h
; video calls and the BDA video fields); it collects the E820 map through int 15h into a
; zero page (boot_params) as Linux's setup does, switches to 32-bit protected mode itself and jumps
; to code32_start (0x100000) with ESI = boot_params. The 32-bit kernel prints the command line
; (hdr.cmd_line_ptr), the first and last dwords of the initrd (hdr.ramdisk_image/size) and the
; E820 table from boot_params, then leaves through isa-debug-exit
; (port 0xF4) and halts.
; Build: nasm -f bin -o bzimage-probe.bin bzimage-probe.asm

%include "console.inc"

SETUP_SECTS equ 4                   ; setup = (4 + 1) × 512 bytes before the 32-bit kernel
ZP          equ 0x1000              ; the zero page, at setup segment:1000h
ZP_E820_ENTRIES equ 0x1e8
ZP_E820_TABLE   equ 0x2d0
E820_MAX    equ 128
HDR_START   equ 0x1f1
HDR_END     equ 0x268
DEBUG_EXIT  equ 0xf4
SMAP        equ 0x534d4150
BOOT_CS     equ 0x10                ; boot.rst: __BOOT_CS and __BOOT_DS of the 32-bit boot protocol
BOOT_DS     equ 0x18

bits 16
section setup start=0

    times HDR_START - ($ - $$) db 0
setup_sects:    db SETUP_SECTS      ; 1f1
root_flags:     dw 0                ; 1f2
syssize:        dd (kernel_end - kernel_start + 15) / 16   ; 1f4
ram_size:       dw 0                ; 1f8
vid_mode:       dw 0xffff           ; 1fa (normal)
root_dev:       dw 0                ; 1fc
boot_flag:      dw 0xaa55           ; 1fe
    jmp short setup_start           ; 200: the 16-bit entry
header:         db 'HdrS'           ; 202
version:        dw 0x020a           ; 206
realmode_swtch: dd 0                ; 208
start_sys_seg:  dw 0                ; 20c
kernel_version: dw 0                ; 20e
type_of_loader: db 0                ; 210
loadflags:      db 0x01             ; 211 LOADED_HIGH
setup_move_size: dw 0               ; 212
code32_start:   dd 0x100000         ; 214
ramdisk_image:  dd 0                ; 218
ramdisk_size:   dd 0                ; 21c
bootsect_kludge: dd 0               ; 220
heap_end_ptr:   dw 0                ; 224
ext_loader_ver: db 0                ; 226
ext_loader_type: db 0               ; 227
cmd_line_ptr:   dd 0                ; 228
initrd_addr_max: dd 0x37ffffff      ; 22c
kernel_alignment: dd 0x1000         ; 230
relocatable_kernel: db 0            ; 234
min_alignment:  db 0                ; 235
xloadflags:     dw 0                ; 236
cmdline_size:   dd 255              ; 238
hardware_subarch: dd 0              ; 23c
hardware_subarch_data: dq 0         ; 240
payload_offset: dd 0                ; 248
payload_length: dd 0                ; 24c
setup_data:     dq 0                ; 250
pref_address:   dq 0x100000         ; 258
init_size:      dd kernel_end - kernel_start   ; 260
handover_offset: dd 0               ; 264

setup_start:                        ; 268
    mov [entry_sp], sp
    mov [entry_ax], ax
    mov [entry_ss], ss
    mov [entry_ds], ds
    mov [entry_es], es
    mov [entry_fs], fs
    mov [entry_gs], gs
    mov [entry_cs], cs
    pushf
    pop word [entry_flags]
    cld
    com1_init
    mov si, msg_setup
    call puts16
    ; cs=XXXX ip=0000 ds= es= fs= gs= ss= sp= ax= if=
    mov si, msg_cs
    mov ax, [entry_cs]
    call put_field16
    mov si, msg_ds
    mov ax, [entry_ds]
    call put_field16
    mov si, msg_es
    mov ax, [entry_es]
    call put_field16
    mov si, msg_fs
    mov ax, [entry_fs]
    call put_field16
    mov si, msg_gs
    mov ax, [entry_gs]
    call put_field16
    mov si, msg_ss
    mov ax, [entry_ss]
    call put_field16
    mov si, msg_sp
    mov ax, [entry_sp]
    call put_field16
    mov si, msg_if
    mov ax, [entry_flags]
    shr ax, 9
    and ax, 1
    call put_field16
    call crlf16

    ; What the loader wrote into the header (boot.rst: type_of_loader, loadflags, heap_end_ptr, ...).
    mov si, msg_hdr
    call puts16
    mov si, msg_loader
    mov al, [type_of_loader]
    call put_field8
    mov si, msg_loadflags
    mov al, [loadflags]
    call put_field8
    mov si, msg_heap
    mov ax, [heap_end_ptr]
    call put_field16
    mov si, msg_cmdptr
    mov eax, [cmd_line_ptr]
    call put_field32
    mov si, msg_ramdisk
    mov eax, [ramdisk_image]
    call put_field32
    mov si, msg_ramdisk_size
    mov eax, [ramdisk_size]
    call put_field32
    call crlf16

    ; int 12h: conventional memory in KiB
    mov si, msg_int12
    call puts16
    int 0x12
    call puthex16
    call crlf16

    ; int 15h E801: AX/BX and CX/DX, CF
    mov si, msg_e801
    call puts16
    mov ax, 0xe801
    xor bx, bx
    xor cx, cx
    xor dx, dx
    clc
    int 0x15
    call put_regs_cf
    ; int 15h AH=88h: extended memory in KiB (at most 63 MiB)
    mov si, msg_88
    call puts16
    mov ah, 0x88
    xor bx, bx
    xor cx, cx
    xor dx, dx
    clc
    int 0x15
    call put_regs_cf
    ; int 15h AX=2401h: A20 on
    mov si, msg_a20
    call puts16
    mov ax, 0x2401
    xor bx, bx
    xor cx, cx
    xor dx, dx
    clc
    int 0x15
    call put_regs_cf

    ; What Linux's setup asks next (arch/x86/boot: keyboard_init, query_ist, query_apm_bios,
    ; query_edd on drive 80h with no disk attached).
    mov si, msg_1602
    call puts16
    mov ah, 0x02
    xor bx, bx
    xor cx, cx
    xor dx, dx
    clc
    int 0x16
    call put_regs_cf
    mov si, msg_1603
    call puts16
    mov ax, 0x0305
    xor bx, bx
    xor cx, cx
    xor dx, dx
    clc
    int 0x16
    call put_regs_cf
    mov si, msg_e980
    call puts16
    mov eax, 0x0000e980
    mov edx, 0x47534943             ; 'GSIC'
    xor bx, bx
    xor cx, cx
    clc
    int 0x15
    call put_regs_cf
    mov si, msg_5300
    call puts16
    mov ax, 0x5300
    xor bx, bx
    xor cx, cx
    xor dx, dx
    clc
    int 0x15
    call put_regs_cf
    mov si, msg_1341
    call puts16
    mov ah, 0x41
    mov bx, 0x55aa
    xor cx, cx
    mov dx, 0x0080
    clc
    int 0x13
    call put_regs_cf
    mov si, msg_1308
    call puts16
    mov ah, 0x08
    xor bx, bx
    xor cx, cx
    mov dx, 0x0080
    push es
    xor di, di
    mov es, di
    clc
    int 0x13
    pop es
    call put_regs_cf

    ; With "probe-int10" on the command line: the video calls of Linux's set_video (store_cursor_position,
    ; store_video_mode, vga_probe) and the BDA fields it reads. Without a VGA device SeaBIOS has no
    ; video BIOS, so the runs without one leave this out.
    mov eax, [cmd_line_ptr]
    mov bx, ax
    and bx, 0x0f
    shr eax, 4
    mov fs, ax
.scan:
    cmp byte [fs:bx], 0
    je .no_int10
    mov si, str_int10
    mov di, bx
.cmp:
    lodsb
    test al, al
    jz .int10
    cmp al, [fs:di]
    jne .next
    inc di
    jmp .cmp
.next:
    inc bx
    jmp .scan
.int10:
    mov si, msg_1003
    call puts16
    mov ah, 0x03
    xor bx, bx
    xor cx, cx
    xor dx, dx
    clc
    int 0x10
    call put_regs_cf
    mov si, msg_100f
    call puts16
    mov ah, 0x0f
    xor bx, bx
    xor cx, cx
    xor dx, dx
    clc
    int 0x10
    call put_regs_cf
    mov si, msg_1012
    call puts16
    mov ah, 0x12
    mov bx, 0x0010
    xor cx, cx
    xor dx, dx
    clc
    int 0x10
    call put_regs_cf
    mov si, msg_101a
    call puts16
    mov ax, 0x1a00
    xor bx, bx
    xor cx, cx
    xor dx, dx
    clc
    int 0x10
    call put_regs_cf
    ; BDA: mode (449h), columns (44Ah), rows - 1 (484h), character height (485h), CRTC base (463h)
    push ds
    xor ax, ax
    mov ds, ax
    mov al, [0x449]
    mov cx, [0x44a]
    mov dl, [0x484]
    mov bx, [0x485]
    mov di, [0x463]
    pop ds
    push di
    push bx
    push dx
    push cx
    mov si, msg_bda
    call put_field8
    mov si, msg_bda_cols
    pop ax
    call put_field16
    mov si, msg_bda_rows
    pop ax
    call put_field8
    mov si, msg_bda_font
    pop ax
    call put_field16
    mov si, msg_bda_crtc
    pop ax
    call put_field16
    call crlf16
.no_int10:

    ; The zero page: cleared, the setup header copied in, the E820 map collected (detect_memory_e820).
    mov di, ZP
    mov cx, 4096
    xor al, al
    rep stosb
    mov si, HDR_START
    mov di, ZP + HDR_START
    mov cx, HDR_END - HDR_START
    rep movsb
    xor ebx, ebx
    mov di, ZP + ZP_E820_TABLE
.e820:
    mov eax, 0xe820
    mov edx, SMAP
    mov ecx, 20
    int 0x15
    jc .e820_done
    cmp eax, SMAP
    jne .e820_done
    add di, 20
    inc byte [ZP + ZP_E820_ENTRIES]
    test ebx, ebx
    jz .e820_done
    cmp byte [ZP + ZP_E820_ENTRIES], E820_MAX
    jb .e820
.e820_done:
    mov si, msg_pm
    call puts16

    ; Protected mode: the GDT's linear address from DS, CR0.PE, a far jump to code32_start.
    cli
    xor eax, eax
    mov ax, ds
    shl eax, 4
    mov esi, eax
    add esi, ZP
    add eax, gdt
    mov [gdt_ptr + 2], eax
    lgdt [gdt_ptr]
    mov eax, cr0
    or al, 1
    mov cr0, eax
    jmp dword BOOT_CS:0x100000

; put_field16: SI = label, AX as 4 hex digits
put_field16:
    push ax
    call puts16
    pop ax
    jmp puthex16
put_field8:
    push ax
    call puts16
    pop ax
    jmp puthex8
put_field32:
    push eax
    call puts16
    pop eax
    jmp puthex32_16

; put_regs_cf: " ax=.. bx=.. cx=.. dx=.. cf=N" and a line end (FLAGS.CF from the call)
put_regs_cf:
    pushf
    push dx
    push cx
    push bx
    push ax
    mov si, msg_ax
    pop ax
    call put_field16
    mov si, msg_bx
    pop ax
    call put_field16
    mov si, msg_cx
    pop ax
    call put_field16
    mov si, msg_dx
    pop ax
    call put_field16
    mov si, msg_cf
    pop ax
    and ax, 1
    call put_field8
    jmp crlf16

crlf16:
    mov si, msg_crlf
; puts16: DS:SI, zero-terminated
puts16:
    lodsb
    test al, al
    jz .ret
    call putc16
    jmp puts16
.ret:
    ret

putc16:
    putc_ports_body
    ret

puthex32_16:
    push eax
    shr eax, 16
    call puthex16
    pop eax
puthex16:
    push ax
    mov al, ah
    call puthex8
    pop ax
puthex8:
    push ax
    shr al, 4
    call puthex4
    pop ax
puthex4:
    push ax
    and al, 0x0f
    add al, '0'
    cmp al, '9'
    jbe .out
    add al, 'a' - '0' - 10
.out:
    call putc16
    pop ax
    ret

align 8
gdt:
    dq 0
    dq 0
    dq 0x00cf9a000000ffff           ; 10h: code, base 0, 4 GiB, 32-bit
    dq 0x00cf92000000ffff           ; 18h: data, base 0, 4 GiB, 32-bit
gdt_end:
gdt_ptr:
    dw gdt_end - gdt - 1
    dd 0

entry_sp    dw 0
entry_ax    dw 0
entry_ss    dw 0
entry_ds    dw 0
entry_es    dw 0
entry_fs    dw 0
entry_gs    dw 0
entry_cs    dw 0
entry_flags dw 0

msg_setup   db 'bzimage-probe: setup', 13, 10, 'entry', 0
msg_cs      db ' cs=', 0
msg_ds      db ' ds=', 0
msg_es      db ' es=', 0
msg_fs      db ' fs=', 0
msg_gs      db ' gs=', 0
msg_ss      db ' ss=', 0
msg_sp      db ' sp=', 0
msg_if      db ' if=', 0
msg_hdr     db 'hdr', 0
msg_loader  db ' type_of_loader=', 0
msg_loadflags db ' loadflags=', 0
msg_heap    db ' heap_end_ptr=', 0
msg_cmdptr  db ' cmd_line_ptr=', 0
msg_ramdisk db ' ramdisk_image=', 0
msg_ramdisk_size db ' ramdisk_size=', 0
msg_int12   db 'int 12h ax=', 0
msg_e801    db 'int 15h e801', 0
msg_88      db 'int 15h 88', 0
msg_a20     db 'int 15h 2401', 0
msg_1602    db 'int 16h 02', 0
msg_1603    db 'int 16h 0305', 0
msg_e980    db 'int 15h e980', 0
msg_5300    db 'int 15h 5300', 0
msg_1341    db 'int 13h 41 dl=80', 0
msg_1308    db 'int 13h 08 dl=80', 0
str_int10   db 'probe-int10', 0
msg_1003    db 'int 10h 03', 0
msg_100f    db 'int 10h 0f', 0
msg_1012    db 'int 10h 12 bl=10', 0
msg_101a    db 'int 10h 1a00', 0
msg_bda     db 'bda mode=', 0
msg_bda_cols db ' cols=', 0
msg_bda_rows db ' rows-1=', 0
msg_bda_font db ' char_height=', 0
msg_bda_crtc db ' crtc=', 0
msg_ax      db ' ax=', 0
msg_bx      db ' bx=', 0
msg_cx      db ' cx=', 0
msg_dx      db ' dx=', 0
msg_cf      db ' cf=', 0
msg_pm      db 'setup: e820 collected, entering protected mode', 13, 10, 0
msg_crlf    db 13, 10, 0

    times (SETUP_SECTS + 1) * 512 - ($ - $$) db 0

bits 32
section kernel follows=setup vstart=0x100000
kernel_start:
    mov ax, BOOT_DS
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov esp, stack_top
    mov ebp, esi                    ; boot_params
    mov esi, msg_kernel
    call puts
    mov eax, ebp
    call puthex32
    call crlf
    mov esi, msg_cmdline
    call puts
    mov esi, [ebp + 0x228]          ; hdr.cmd_line_ptr
    call puts
    call crlf
    mov ebx, [ebp + 0x218]          ; hdr.ramdisk_image: its first and last dwords, if any
    mov ecx, [ebp + 0x21c]
    test ecx, ecx
    jz .no_initrd
    mov esi, msg_initrd
    call puts
    mov eax, [ebx]
    call puthex32
    mov al, ' '
    call putc
    mov eax, [ebx + ecx - 4]
    call puthex32
    call crlf
.no_initrd:
    movzx ecx, byte [ebp + ZP_E820_ENTRIES]
    lea ebx, [ebp + ZP_E820_TABLE]
.entry:
    test ecx, ecx
    jz .done
    mov esi, msg_e820
    call puts
    mov eax, [ebx + 4]
    call puthex32
    mov eax, [ebx]
    call puthex32
    mov al, ' '
    call putc
    mov eax, [ebx + 12]
    call puthex32
    mov eax, [ebx + 8]
    call puthex32
    mov al, ' '
    call putc
    mov eax, [ebx + 16]
    call puthex32
    call crlf
    add ebx, 20
    dec ecx
    jmp .entry
.done:
    mov esi, msg_exit
    call puts
    xor eax, eax
    out DEBUG_EXIT, al
    cli
.halt:
    hlt
    jmp .halt

crlf:
    mov esi, msg_crlf32
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
    push ecx
    mov ecx, 8
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
    pop ecx
    ret

msg_kernel  db 'bzimage-probe: 32-bit kernel, boot_params at ', 0
msg_cmdline db 'cmdline ', 0
msg_e820    db 'e820 ', 0
msg_initrd  db 'initrd first/last dword ', 0
msg_exit    db 'bzimage-probe: exit', 13, 10, 0
msg_crlf32  db 13, 10, 0
align 16
stack:
    times 1024 db 0
stack_top:
kernel_end:
