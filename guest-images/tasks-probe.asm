; tasks-probe: hardware task switching (SDM vol. 3 ch. 7) from a boot sector, one line per case on
; COM1 and 0x402: JMP and CALL to a 32-bit TSS (busy bits, CR0.TS, the back link and NT, the EIP
; and EFLAGS saved in the outgoing TSS), CALL through a GDT task gate, INT n through an IDT task
; gate, a double fault delivered through a task gate (its error code on the new task's stack, IRET
; back to a repaired task), a 16-bit TSS, and the faults: busy TSS (#GP), TSS limit < 67h (#TS), TSS
; not present (#NP), RPL above the TSS's DPL (#GP), a task gate to a busy TSS (#GP), IRET with NT to
; a TSS that is not busy (#TS); a task with an LDT (LDTR and an LDT data segment loaded by the switch)
; and a bad data segment in the new TSS (#TS in the new task's context). Not here: faults the switch
; raises before the new SS is loaded (a bad LDT, CS or SS): QEMU 7.2 then pushes the frame through an
; SS cache with base 0 and a 16-bit stack pointer.
; Boot it from an IDE disk: qemu-system-x86_64 -machine pc -nodefaults -m 128M -display none
; -drive file=guest-images/tasks-probe.img,format=raw,if=ide -serial stdio -device isa-debug-exit,iobase=0xf4,iosize=0x04
; Build: nasm -f bin -o tasks-probe.img tasks-probe.asm
%include "probe32.inc"

TSS_A   equ 0x3000      ; the probe's own task (selector 0x18)
TSS_B   equ 0x3100      ; 0x20
TSS_C   equ 0x3200      ; 0x28: the double-fault task
TSS_D   equ 0x3300      ; 0x38: limit 0x20
TSS_E   equ 0x3400      ; 0x40: not present
TSS_F   equ 0x3500      ; 0x48: a 16-bit TSS
TSS_G   equ 0x3600      ; 0x50: DS = 0x20 (a TSS descriptor)
TSS_H   equ 0x3700      ; 0x68: LDT 0x58, DS = 0x0C (LDT entry 1)
LDT     equ 0x3900      ; 0x58: entry 1 a data segment based at 0x3A00

; tss_desc base, limit, type (9: 32-bit available, 1: 16-bit available), P (0x80 or 0)
%macro tss_desc 4
    dw (%2) & 0xffff
    dw (%1) & 0xffff
    db ((%1) >> 16) & 0xff
    db (%4) | (%3)
    db ((%2) >> 16) & 0x0f
    db ((%1) >> 24) & 0xff
%endmacro
%macro task_gate 1
    dw 0
    dw %1
    db 0
    db 0x85
    dw 0
%endmacro

; init_tss32 base, eip, esp: flat ring-0 segments, EFLAGS 2, no I/O bitmap
%macro init_tss32 3
    mov edi, %1
    mov ecx, 0x68 / 4
    xor eax, eax
    rep stosd
    mov dword [%1 + 0x20], %2
    mov dword [%1 + 0x24], 2
    mov dword [%1 + 0x38], %3
    mov word [%1 + 0x48], 0x10
    mov word [%1 + 0x4c], 0x08
    mov word [%1 + 0x50], 0x10
    mov word [%1 + 0x54], 0x10
    mov word [%1 + 0x58], 0x10
    mov word [%1 + 0x5c], 0x10
    mov word [%1 + 0x66], 0x68
%endmacro

; Type nibbles of the TSS descriptors A, B, C, F, G (9/1 available, B/3 busy).
show_busy:
    say ' busy='
    push eax
%assign d 0x18
%rep 3
    mov al, [gdt + d + 5]
    call hex4
  %assign d d + 8
%endrep
    mov al, [gdt + 0x48 + 5]
    call hex4
    mov al, [gdt + 0x50 + 5]
    call hex4
    pop eax
    ret

show_tr_nt:
    push eax
    xor eax, eax
    str ax
    sayhex 'tr', eax
    pushfd
    pop eax
    sayhex 'eflags', eax
    pop eax
    ret

main:
    init_tss32 TSS_A, 0, 0
    init_tss32 TSS_B, task_b_jmp, 0x70000
    init_tss32 TSS_C, task_c, 0x68000
    init_tss32 TSS_D, 0, 0
    init_tss32 TSS_E, 0, 0
    init_tss32 TSS_G, task_g, 0x58000
    mov word [TSS_G + 0x54], 0x20
    init_tss32 TSS_H, task_h, 0x50000
    mov word [TSS_H + 0x60], 0x58
    mov word [TSS_H + 0x54], 0x0c
    mov dword [LDT], 0
    mov dword [LDT + 4], 0
    mov dword [LDT + 8], 0x3a00ffff         ; base 0x3A00, limit 0xFFFF, data, DPL 0
    mov dword [LDT + 12], 0x00009200
    mov dword [0x3a00], 0x1dd7da7a
    ; 16-bit TSS F: IP, FLAGS, SP, ES CS SS DS
    mov edi, TSS_F
    mov ecx, 0x2c / 4
    xor eax, eax
    rep stosd
    mov word [TSS_F + 0x0e], task_f
    mov word [TSS_F + 0x10], 2
    mov word [TSS_F + 0x1a], 0x8000
    mov word [TSS_F + 0x22], 0x10
    mov word [TSS_F + 0x24], 0x08
    mov word [TSS_F + 0x26], 0x10
    mov word [TSS_F + 0x28], 0x10

    mov ax, 0x18
    ltr ax
    say 'tasks-probe: ltr'
    call show_tr_nt
    call show_busy
    call crlf

    ; JMP to TSS B; B jumps back to A.
    jmp 0x20:0
    say 'back from jmp'
    call show_tr_nt
    call show_busy
    mov eax, cr0
    and eax, 8
    sayhex 'cr0.ts', eax
    sayhex 'B.eip', [TSS_B + 0x20]
    sayhex 'B.eflags', [TSS_B + 0x24]
    sayhex 'B.link', [TSS_B]
    call crlf
    clts

    ; CALL to TSS B; B returns with IRET (NT = 1).
    mov dword [TSS_B + 0x20], task_b_iret
    call 0x20:0
    say 'back from call'
    call show_tr_nt
    call show_busy
    sayhex 'B.eip', [TSS_B + 0x20]
    sayhex 'B.eflags', [TSS_B + 0x24]
    movzx eax, word [TSS_B]
    sayhex 'B.link', eax
    call crlf

    ; CALL through the GDT task gate 0x30.
    mov dword [TSS_B + 0x20], task_b_iret
    mov word [TSS_B], 0
    call 0x30:0x12345678
    say 'back from gate call'
    call show_tr_nt
    call show_busy
    movzx eax, word [TSS_B]
    sayhex 'B.link', eax
    call crlf

    ; INT 0x40 through an IDT task gate to B.
    set_task_gate 0x40, 0x20
    mov dword [TSS_B + 0x20], task_b_iret
    mov word [TSS_B], 0
    int 0x40
    say 'back from int 40'
    call show_tr_nt
    call show_busy
    movzx eax, word [TSS_B]
    sayhex 'B.link', eax
    call crlf

    say 'jmp to the busy TSS A: '
    try .t2
    jmp 0x18:0
.t2:
    say 'call TSS D (limit 20h): '
    try .t3
    call 0x38:0
.t3:
    say 'jmp TSS E (not present): '
    try .t4
    jmp 0x40:0
.t4:
    say 'jmp TSS B with RPL 3: '
    try .t5
    jmp 0x23:0
.t5:
    say 'call a task gate to the busy TSS A: '
    try .t6
    call 0x60:0
.t6:
    say 'iret with NT to the available TSS B: '
    mov word [TSS_A], 0x20
    try .t7
    pushfd
    or dword [esp], 0x4000
    popfd
    iret
.t7:
    call show_tr_nt
    call crlf

    ; Double fault through a task gate: INT 0x41 hits an empty gate (#GP), whose own gate is not
    ; present (#NP): #DF, delivered to task C, which repairs the IDT and returns with IRET.
    set_task_gate 8, 0x28
    and byte [IDT + 13 * 8 + 5], 0x7f
    mov dword [after_df_at], after_df
df_here:
    int 0x41
after_df:
    say 'back from the double-fault task'
    call show_tr_nt
    call show_busy
    movzx eax, word [TSS_C]
    sayhex 'C.link', eax
    sayhex 'C.eflags', [TSS_C + 0x24]
    call crlf

    ; A 16-bit TSS.
    call 0x48:0
    say 'back from the 16-bit task'
    call show_tr_nt
    call show_busy
    movzx eax, word [TSS_F + 0x0e]
    sayhex 'F.ip', eax
    movzx eax, word [TSS_F + 0x10]
    sayhex 'F.flags', eax
    movzx eax, word [TSS_F + 0x22]
    sayhex 'F.es', eax
    call crlf

    ; A task with an LDT: LDTR and an LDT data segment loaded by the switch.
    call 0x68:0
    say 'back from task H'
    call show_tr_nt
    xor eax, eax
    sldt ax
    sayhex 'ldtr', eax
    movzx eax, word [TSS_H + 0x54]
    sayhex 'H.ds', eax
    call crlf
    ; A bad DS in the new TSS: #TS(0020) after the switch, in task G's context. The EIP it pushes is
    ; the new task's (SDM vol. 3 §7.3, faults after the commit point); QEMU 7.2 pushes the JMP's own
    ; address, so the line leaves it out.
    say 'jmp TSS G (DS = a TSS): '
    mov byte [no_eip], 1
    try .t8
    jmp 0x50:0
.t8:
    mov byte [no_eip], 0
    say 'after it'
    call show_tr_nt
    call show_busy
    call crlf
    done 'tasks-probe'

task_b_jmp:
    say 'task B (jmp)'
    call show_tr_nt
    call show_busy
    call crlf
    jmp 0x18:0
task_b_iret:
    say 'task B'
    call show_tr_nt
    call show_busy
    movzx eax, word [TSS_B]
    sayhex 'link', eax
    call crlf
    iret
    jmp task_b_iret

after_df_at: dd 0
task_c:
    mov ebx, [esp]
    mov edx, esp
    say 'double-fault task'
    call show_tr_nt
    call show_busy
    sayhex 'error', ebx
    sayhex 'esp', edx
    movzx eax, word [TSS_C]
    sayhex 'link', eax
    sayhex 'A.eip', [TSS_A + 0x20]
    call crlf
    or byte [IDT + 13 * 8 + 5], 0x80
    mov eax, [after_df_at]
    mov [TSS_A + 0x20], eax
    iret

task_f:
    mov edx, esp
    say 'task F (16-bit TSS)'
    call show_tr_nt
    call show_busy
    movzx eax, word [TSS_F]
    sayhex 'link', eax
    sayhex 'esp', edx
    call crlf
    iret

task_h:
    mov ebx, ds
    mov ecx, [0]                ; through DS = LDT entry 1 (base 0x3A00)
    mov ax, 0x10
    mov ds, ax
    say 'task H'
    call show_tr_nt
    xor eax, eax
    sldt ax
    sayhex 'ldtr', eax
    sayhex 'ds', ebx
    sayhex 'ds:0', ecx
    call crlf
    iret

task_g:
    say 'task G ran'
    call crlf
    jmp $

align 8
gdt:
    dq 0
    dq 0x00cf9a000000ffff       ; 0x08 code, DPL 0, 4 GiB
    dq 0x00cf92000000ffff       ; 0x10 data, DPL 0
    tss_desc TSS_A, 0x67, 9, 0x80   ; 0x18
    tss_desc TSS_B, 0x67, 9, 0x80   ; 0x20
    tss_desc TSS_C, 0x67, 9, 0x80   ; 0x28
    task_gate 0x20                  ; 0x30
    tss_desc TSS_D, 0x20, 9, 0x80   ; 0x38
    tss_desc TSS_E, 0x67, 9, 0      ; 0x40
    tss_desc TSS_F, 0x2b, 1, 0x80   ; 0x48
    tss_desc TSS_G, 0x67, 9, 0x80   ; 0x50
    tss_desc LDT, 0x0f, 2, 0x80     ; 0x58: the LDT
    task_gate 0x18                  ; 0x60
    tss_desc TSS_H, 0x67, 9, 0x80   ; 0x68
gdt_end:

    times 16 * 63 * 512 - ($ - $$) db 0
