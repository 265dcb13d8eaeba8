; ap-probe: wakes the application processors itself, as an OS does (SDM vol. 3 §8.4.4.1), and
; exercises the local APICs' interprocessor interrupts.
; The boot sector loads sectors 2-4; the BSP enters flat real mode (FS with a 4 GiB limit) to reach
; its local APIC at 0xFEE00000, prints its APIC ID and the CPU count of CMOS 5Fh (+1), puts a far
; jump at 0x9000 and sends INIT, then STARTUP vector 09h twice, to all but itself. Each AP enters
; flat real mode too, records its local APIC ID register and its CPUID.1 initial APIC ID by that
; APIC ID, software-enables its APIC, sets a flat-model logical ID (bit n for APIC ID n < 8),
; counts itself in and waits in `sti; hlt`. The BSP then sends: a fixed IPI (vector 61h) to each AP
; by physical ID, a fixed IPI (62h) to all but itself, a fixed IPI (63h) to logical destination 06h
; (APIC IDs 1 and 2), an NMI to all but itself, and a self IPI (64h); each handler counts per APIC
; ID. It prints one line per CPU in APIC ID order (so the order the APs ran in does not show) on COM1
; and 0x402, then `ap-probe: done` and `cli; hlt`.
; Build: nasm -f bin -o ap-probe.img ap-probe.asm
bits 16
org 0x7c00
%include "console.inc"
%include "apic-probe.inc"

FLAT_SEL    equ 0x08
APIC        equ 0xfee00000
APIC_ID     equ APIC + 0x20
APIC_EOI    equ APIC + 0xb0
APIC_LDR    equ APIC + 0xd0
APIC_DFR    equ APIC + 0xe0
APIC_SVR    equ APIC + 0xf0
APIC_ICR_LO equ APIC + 0x300
APIC_ICR_HI equ APIC + 0x310
SIPI_PAGE   equ 0x9000
AP_STACKS   equ 0x7000          ; AP n's stack ends at AP_STACKS - n * 100h
V_FIXED     equ 0x61
V_BCAST     equ 0x62
V_LOGICAL   equ 0x63
V_SELF      equ 0x64
CMOS_SMP    equ 0x5f

three_sector_start

hex8_routine

stop:
    cli
    hlt
    jmp stop

msg_readerr: db 'ap-probe: int 13h read failed', 13, 10, 0
drive: db 0

    times 510 - ($ - $$) db 0
    dw 0xaa55

; ---- sector 2 onwards (0x7E00) ----

apic_probe_routines

; setvec: BX = vector, AX = handler offset (segment 0).
setvec:
    shl bx, 2
    mov [bx], ax
    mov word [bx + 2], 0
    ret

main:
    ; Fast A20 (port 92h), then flat real mode.
    in al, 0x92
    or al, 2
    and al, 0xfe
    out 0x92, al
    cli
    call flat
    ; Zero the tables (seen .. n_nmi).
    mov di, seen
    mov cx, 6 * 0x100
    xor al, al
    rep stosb
    mov eax, [fs:dword APIC_ID]
    shr eax, 24
    mov [bsp_id], al
    mov al, CMOS_SMP
    out 0x70, al
    in al, 0x71
    inc al
    mov [cpus], al
    mov si, msg_bsp
    call puts
    mov al, [bsp_id]
    call hex8
    mov si, msg_cpus
    call puts
    mov al, [cpus]
    call hex8
    mov si, crlf
    call puts

    ; The handlers, and the STARTUP page: a far jump to ap_entry.
    mov bx, V_FIXED
    mov ax, isr_fixed
    call setvec
    mov bx, V_BCAST
    mov ax, isr_bcast
    call setvec
    mov bx, V_LOGICAL
    mov ax, isr_logical
    call setvec
    mov bx, V_SELF
    mov ax, isr_self
    call setvec
    mov bx, 2
    mov ax, isr_nmi
    call setvec
    mov byte [SIPI_PAGE], 0xea
    mov word [SIPI_PAGE + 1], ap_entry
    mov word [SIPI_PAGE + 3], 0
    mov dword [fs:dword APIC_SVR], 0x1ff
    sti

    ; INIT, 10 ms, STARTUP, 200 us, STARTUP (to all excluding self).
    mov eax, 0x000c4500
    xor edx, edx
    call icr
    xor cx, cx
    mov dx, 10000
    call delay
    mov eax, 0x000c4600 | (SIPI_PAGE >> 12)
    xor edx, edx
    call icr
    xor cx, cx
    mov dx, 200
    call delay
    mov eax, 0x000c4600 | (SIPI_PAGE >> 12)
    xor edx, edx
    call icr

    ; Wait up to ~1 s (1000 x 1 ms) for CMOS's count less one to check in.
    mov di, 1000
.wait:
    mov al, [ready]
    inc al
    cmp al, [cpus]
    jae .started
    xor cx, cx
    mov dx, 1000
    call delay
    dec di
    jnz .wait
.started:
    mov si, msg_started
    call puts
    mov al, [ready]
    call hex8
    mov si, crlf
    call puts

    ; A fixed IPI to each AP by physical APIC ID.
    xor bx, bx
.each:
    cmp byte [seen + bx], 0
    je .nexteach
    mov eax, 0x00004000 | V_FIXED
    mov edx, ebx
    shl edx, 24
    call icr
.nexteach:
    inc bx
    cmp bx, 256
    jb .each
    ; All excluding self, logical 06h, NMI to all excluding self, self.
    mov eax, 0x000c4000 | V_BCAST
    xor edx, edx
    call icr
    mov eax, 0x00004800 | V_LOGICAL
    mov edx, 0x06000000
    call icr
    mov eax, 0x000c4400
    xor edx, edx
    call icr
    mov eax, 0x00044000 | V_SELF
    xor edx, edx
    call icr
    xor cx, cx
    mov dx, 10000
    call delay

    ; One line per CPU that checked in, in APIC ID order.
    xor bx, bx
.line:
    cmp byte [seen + bx], 0
    je .nextline
    mov si, msg_ap
    call puts
    mov al, bl
    call hex8
    mov si, msg_cpuid
    call puts
    mov al, [cpuid_id + bx]
    call hex8
    mov si, msg_fixed
    call puts
    mov al, [n_fixed + bx]
    call hex8
    mov si, msg_bcast
    call puts
    mov al, [n_bcast + bx]
    call hex8
    mov si, msg_logical
    call puts
    mov al, [n_logical + bx]
    call hex8
    mov si, msg_nmi
    call puts
    mov al, [n_nmi + bx]
    call hex8
    mov si, crlf
    call puts
.nextline:
    inc bx
    cmp bx, 256
    jb .line
    mov si, msg_self
    call puts
    mov al, [n_self]
    call hex8
    mov si, crlf
    call puts
    mov si, msg_done
    call puts
    jmp stop

; ---- the APs: real mode at 0900:0000, then here ----
ap_entry:
    cli
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov al, 1
    lock xadd [next_slot], al
    xor ah, ah
    shl ax, 8
    mov sp, AP_STACKS
    sub sp, ax
    call flat
    mov eax, [fs:dword APIC_ID]
    shr eax, 24
    movzx si, al
    push si
    mov eax, 1
    cpuid
    pop si
    shr ebx, 24
    mov [cpuid_id + si], bl
    mov byte [seen + si], 1
    mov dword [fs:dword APIC_SVR], 0x1ff
    mov dword [fs:dword APIC_DFR], 0xffffffff
    xor eax, eax
    cmp si, 8
    jae .noldr
    mov cx, si
    mov eax, 1 << 24
    shl eax, cl
.noldr:
    mov [fs:dword APIC_LDR], eax
    lock inc byte [ready]
.park:
    sti
    hlt
    jmp .park

; Handlers (real mode, DS = 0 on every CPU here): count by the local APIC ID, then EOI.
%macro counting_isr 2
%1:
    push eax
    push si
    mov eax, [fs:dword APIC_ID]
    shr eax, 24
    movzx si, al
    inc byte [%2 + si]
%ifnidn %1, isr_nmi
    mov dword [fs:dword APIC_EOI], 0
%endif
    pop si
    pop eax
    iret
%endmacro
counting_isr isr_fixed, n_fixed
counting_isr isr_bcast, n_bcast
counting_isr isr_logical, n_logical
counting_isr isr_nmi, n_nmi

isr_self:
    inc byte [n_self]
    mov dword [fs:dword APIC_EOI], 0
    iret

gdt:
    dq 0
    dq 0x00cf92000000ffff       ; 0x08: flat data, 4 GiB
gdt_desc:
    dw gdt_desc - gdt - 1
    dd gdt

bsp_id: db 0
cpus: db 0
ready: db 0
next_slot: db 0
n_self: db 0

msg_bsp: db 'ap-probe: bsp apic ', 0
msg_cpus: db ' cpus ', 0
msg_started: db 'ap-probe: aps checked in ', 0
msg_ap: db 'ap-probe: apic ', 0
msg_cpuid: db ' cpuid ', 0
msg_fixed: db ' fixed ', 0
msg_bcast: db ' all-but-self ', 0
msg_logical: db ' logical ', 0
msg_nmi: db ' nmi ', 0
msg_self: db 'ap-probe: bsp self ', 0
msg_done: db 'ap-probe: done', 13, 10, 0
crlf: db 13, 10, 0

    times 4 * 512 - ($ - $$) db 0
    ; Tables indexed by APIC ID, below the loaded sectors (zeroed by main).
seen        equ 0x6000
cpuid_id    equ 0x6100
n_fixed     equ 0x6200
n_bcast     equ 0x6300
n_logical   equ 0x6400
n_nmi       equ 0x6500
    ; pad to one CHS cylinder (16 heads x 63 sectors) so AHCI boots it as well
    times 16 * 63 * 512 - ($ - $$) db 0
