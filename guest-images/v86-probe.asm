; v86-probe: virtual-8086 mode (SDM vol. 3 ch. 20) from a boot sector, one line per event on COM1
; and 0x402. A ring-0 monitor enters V86 with IRETD (VM = 1 in the popped EFLAGS, then ESP SS ES DS
; FS GS), runs real-mode code there and prints what reaches it: with IOPL 0 the IOPL-sensitive
; CLI STI PUSHF POPF INT n IRET raise #GP(0) (the monitor prints the faulting CS:IP, opcode, the
; ring-0 ESP of the frame and skips the instruction), INT3 goes straight to its DPL 3 gate (and is
; #GP(1Ah) through a DPL 0 gate), IN/OUT follow the TSS I/O permission bitmap, HLT is #GP. The
; handlers print the V86 frame (EIP CS EFLAGS ESP SS ES DS FS GS) and the data segment registers they
; find (null). Then with IOPL 3: the sensitive instructions run, INT 21h reaches its gate, IRET
; returns within V86; #DE from V86 goes to the ring-0 handler. CPUID.1:EDX's VME and PAE bits too.
; Boot it from an IDE disk: qemu-system-x86_64 -machine pc -nodefaults -m 128M -display none
; -drive file=guest-images/v86-probe.img,format=raw,if=ide -serial stdio -device isa-debug-exit,iobase=0xf4,iosize=0x04
; Build: nasm -f bin -o v86-probe.img v86-probe.asm
%include "probe32.inc"

TSS     equ 0x3000
IOMAP   equ 0x68
V86_SS  equ 0x6000

; enter_v86 eflags: IRETD to v86_code (CS 0, SS:SP 6000:FFF0, DS ES FS GS = 0, 1000h, 2000h, 3000h)
%macro enter_v86 1
    push dword 0x3000           ; GS
    push dword 0x2000           ; FS
    push dword 0                ; DS
    push dword 0x1000           ; ES
    push dword V86_SS
    push dword 0xfff0
    push dword %1
    push dword 0
    push dword v86_code
    iretd
%endmacro

main:
    mov al, 0xff                ; no IRQ may reach the IDT (V86 runs with IF = 1 at IOPL 3)
    out 0x21, al
    out 0xa1, al
    ; TSS: ESP0 = 70000h, SS0 = 10h, an I/O bitmap at 68h for ports 0-3FFh (all allowed but 80h).
    mov edi, TSS
    mov ecx, 0x100 / 4
    xor eax, eax
    rep stosd
    mov dword [TSS + 4], 0x70000
    mov word [TSS + 8], 0x10
    mov word [TSS + 0x66], IOMAP
    or byte [TSS + IOMAP + 0x80 / 8], 1
    mov byte [TSS + IOMAP + 0x400 / 8], 0xff
    mov ax, 0x18
    ltr ax
    set_gate 13, monitor, 0x8e
    set_gate 3, int3_handler, 0x8e
    set_gate 0x21, int21_handler, 0xee

    say 'v86-probe: cpuid.1'
    mov eax, 1
    cpuid
    mov eax, edx
    shr eax, 1
    and eax, 1
    sayhex 'vme', eax
    mov eax, edx
    shr eax, 6
    and eax, 1
    sayhex 'pae', eax
    call crlf

    say 'IOPL 0:'
    call crlf
    try phase2
    mov byte [phase], 0
    enter_v86 0x00020002

phase2:
    say 'v86 stores'
    movzx eax, word [0x500]
    sayhex 'mov', eax
    movzx eax, byte [0x502]
    sayhex 'in', eax
    call crlf
    say 'IOPL 0 with INT3 through a DPL 3 gate:'
    call crlf
    set_gate 3, int3_handler, 0xee
    try phase3
    mov byte [phase], 1
    enter_v86 0x00020002

phase3:
    say 'IOPL 3:'
    call crlf
    try phase4
    mov byte [phase], 2
    enter_v86 0x00023002

phase4:
    say 'after #DE from v86'
    movzx eax, word [0x504]
    sayhex 'pushf', eax
    mov eax, ds
    sayhex 'ds', eax
    mov eax, fs
    sayhex 'fs', eax
    mov eax, ss
    sayhex 'ss', eax
    call crlf
    done 'v86-probe'

; The #GP handler: the V86 monitor. [esp] error code, then EIP CS EFLAGS ESP SS ES DS FS GS.
monitor:
    pushad
    lea ebx, [esp + 32]
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    test dword [ebx + 12], 0x20000
    jnz .v86
    popad
    jmp stub_13                 ; not from V86: the generic handler
.v86:
    say '  #GP('
    mov ax, [ebx]
    call hex16
    say ') cs:ip='
    mov ax, [ebx + 8]
    call hex16
    mov al, ':'
    call putc
    mov ax, [ebx + 4]
    call hex16
    movzx esi, word [ebx + 8]
    shl esi, 4
    add esi, [ebx + 4]
    movzx ecx, byte [esi]
    sayhex 'op', ecx
    sayhex 'esp', ebx
    sayhex 'eflags', [ebx + 12]
    call crlf
    cmp cl, 0xf4
    je .leave
    mov eax, 1
    cmp cl, 0xcd
    je .two
    cmp cl, 0xe6
    je .two
    cmp cl, 0xe4
    jne .skip
.two:
    inc eax
.skip:
    add [ebx + 4], eax
    popad
    add esp, 4
    iretd
.leave:
    mov esp, [recover_esp]
    jmp [recover]

; Prints the V86 frame at EBX (EIP CS EFLAGS ESP SS ES DS FS GS) and the handler's DS/ES/FS/GS.
show_frame:
    sayhex 'eip', [ebx]
    sayhex 'cs', [ebx + 4]
    sayhex 'eflags', [ebx + 8]
    sayhex 'esp', [ebx + 12]
    sayhex 'ss', [ebx + 16]
    sayhex 'es', [ebx + 20]
    sayhex 'ds', [ebx + 24]
    sayhex 'fs', [ebx + 28]
    sayhex 'gs', [ebx + 32]
    call crlf
    ret

int3_handler:
    mov ebx, esp
    mov eax, ds
    mov ecx, es
    mov edx, gs
    mov si, 0x10
    mov ds, si
    mov es, si
    say '  int3 in ring 0: handler ds/es/gs'
    sayhex 'ds', eax
    sayhex 'es', ecx
    sayhex 'gs', edx
    sayhex 'esp', ebx
    call crlf
    say '  frame'
    call show_frame
    iretd

int21_handler:
    mov ebx, esp
    mov si, 0x10
    mov ds, si
    say '  int 21h in ring 0'
    movzx eax, ax
    sayhex 'ax', eax
    call crlf
    say '  frame'
    call show_frame
    iretd

phase: db 0

bits 16
; Real-mode code run in V86 (CS = 0, DS = 0, SS = 6000h).
v86_code:
    mov ax, 0x1234
    mov [0x500], ax
    cmp byte [phase], 1
    je .int3_only
    cmp byte [phase], 2
    je .iopl3
    cli
    sti
    pushf
    popf
    int 0x21
    int3
    mov al, 0x5a
    out 0x80, al                ; denied by the bitmap: #GP(0)
    mov dx, 0x3ff               ; COM1 scratch register: allowed
    out dx, al
    mov al, 0
    in al, dx
    mov [0x502], al
    iret
    hlt
.int3_only:
    mov ax, 0x0303
    int3
    hlt
.iopl3:
    cli
    sti
    pushf
    pop ax
    mov [0x504], ax
    push word 0x3202
    popf
    mov ax, 0x2121
    int 0x21
    pushf
    push cs
    push word .after_iret
    iret
    hlt
.after_iret:
    mov ax, 0x2222
    int 0x21
    xor dx, dx
    xor cx, cx
    div cx                      ; #DE: to the ring-0 handler, which resumes the monitor at phase4
    hlt
bits 32

align 8
gdt:
    dq 0
    dq 0x00cf9a000000ffff       ; 0x08 code, DPL 0, 4 GiB
    dq 0x00cf92000000ffff       ; 0x10 data, DPL 0
    ; 0x18: 32-bit TSS at 0x3000, limit 0xE8 (the bitmap and its terminating FFh byte)
    dw 0x00e8
    dw TSS
    db 0, 0x89, 0, 0
gdt_end:

    times 16 * 63 * 512 - ($ - $$) db 0
