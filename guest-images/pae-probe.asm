; pae-probe: PAE paging (SDM vol. 3 §4.4) from a boot sector, one line per case on COM1 and 0x402.
; PDPT at 20000h, page directory 21000h (linear 0-1 GiB; PDPTE 1 not present), page tables 22000h
; (0-2 MiB identity, 4 KiB pages) and 23000h (4 MiB-6 MiB). Reads and writes through a 2 MiB page
; and 4 KiB pages (data seen at the physical address; accessed and dirty bits in the PDE/PTE), INVLPG
; after a PTE change, MOV CR3 reloading the PDPTEs, and the page faults with CR2 and error code: not
; present (PTE, PDPTE), read-only with CR0.WP 0 and 1, a reserved bit in a PTE, XD set with
; EFER.NXE = 0, a 2 MiB PDE with bit 13 set (RSVD), and a ring-3 access to a supervisor page.
; For the reserved-bit faults the line leaves out the error code's P bit: the SDM (§4.7: P is 0 only
; when a P flag was 0) gives P = 1, QEMU 7.2 TCG pushes P = 0 (8 and 0Ah where the SDM has 9, 0Bh).
; CR0 is printed without CD/NW (SeaBIOS clears them, fwlab's firmware leaves the reset value).
; Boot it from an IDE disk: qemu-system-x86_64 -machine pc -nodefaults -m 128M -display none
; -drive file=guest-images/pae-probe.img,format=raw,if=ide -serial stdio -device isa-debug-exit,iobase=0xf4,iosize=0x04
; Build: nasm -f bin -o pae-probe.img pae-probe.asm
%include "probe32.inc"

PDPT    equ 0x20000
PD      equ 0x21000
PT0     equ 0x22000
PT2     equ 0x23000
PD2     equ 0x24000     ; a second directory: CR3 2 names PDPT2, whose PDPTE 0 points here
PDPT2   equ 0x20020
TSS     equ 0x3000

; pte32 address-of-entry, low dword, high dword
%macro entry 3
    mov dword [%1], %2
    mov dword [%1 + 4], %3
%endmacro

%macro show_cr2 0
    mov eax, cr2
    sayhex 'cr2', eax
    call crlf
%endmacro

main:
    mov edi, PDPT
    mov ecx, 0x5000 / 4
    xor eax, eax
    rep stosd
    entry PDPT, PD + 1, 0
    entry PDPT2, PD2 + 1, 0
    entry PD, PT0 + 7, 0                    ; 0-2 MiB: 4 KiB pages, user
    entry PD + 8, 0x400000 + 0x83, 0        ; 2-4 MiB: a 2 MiB page at 4 MiB, supervisor, writable
    entry PD + 16, PT2 + 7, 0               ; 4-6 MiB: PT2
    entry PD + 24, 0x600000 + 0x2083, 0     ; 6-8 MiB: 2 MiB page with bit 13 (reserved) set
    entry PD2, PT0 + 7, 0
    entry PD2 + 8, 0x800000 + 0x83, 0       ; under CR3 = PDPT2: 2-4 MiB maps 8 MiB
    xor ecx, ecx
.identity:
    lea eax, [ecx * 8]
    mov edx, ecx
    shl edx, 12
    or edx, 7
    mov [PT0 + eax], edx
    inc ecx
    cmp ecx, 512
    jb .identity
    entry PT2, 0xa00000 + 7, 0              ; 400000h → A00000h, user, writable
    entry PT2 + 8, 0xa01000 + 1, 0          ; 401000h → A01000h, read-only, supervisor
    ; 402000h: not present
    entry PT2 + 24, 0xa03000 + 3, 0x00100000 ; 403000h: bit 52 (reserved)
    entry PT2 + 32, 0xa04000 + 3, 0x80000000 ; 404000h: XD with EFER.NXE = 0 (reserved)
    mov dword [0x401234], 0x22221111        ; physical, before paging
    mov dword [0x801234], 0x88884444
    mov dword [0xa00010], 0xaaaa0000
    mov dword [0xa01010], 0xaaaa1111

    say 'pae-probe: cpuid.1'
    mov eax, 1
    cpuid
    shr edx, 6
    and edx, 1
    sayhex 'pae', edx
    call crlf

    mov eax, PDPT
    mov cr3, eax
    mov eax, cr4
    or eax, 0x20
    mov cr4, eax
    mov eax, cr0
    or eax, 0x80000000
    mov cr0, eax
    jmp .on
.on:
    say 'paging on'
    mov eax, cr0
    and eax, 0x9fffffff
    sayhex 'cr0', eax
    mov eax, cr4
    sayhex 'cr4', eax
    call crlf

    say '2 MiB page'
    sayhex 'read', [0x201234]
    sayhex 'pde', [PD + 8]
    mov dword [0x201238], 0x33333333
    sayhex 'pde.after.write', [PD + 8]
    call crlf

    say '4 KiB page'
    sayhex 'read', [0x400010]
    sayhex 'pde', [PD + 16]
    sayhex 'pte', [PT2]
    mov dword [0x400014], 0x55555555
    sayhex 'pte.after.write', [PT2]
    sayhex 'ro.read', [0x401010]
    sayhex 'ro.pte', [PT2 + 8]
    call crlf

    say 'write to a read-only page with WP 0'
    mov dword [0x401014], 0x66666666
    sayhex 'pte', [PT2 + 8]
    call crlf

    say 'INVLPG after the PTE changed'
    mov dword [PT2], 0xa01000 + 7
    invlpg [0x400000]
    sayhex 'read', [0x400010]
    call crlf

    say 'MOV CR3 to a second PDPT'
    mov eax, PDPT2
    mov cr3, eax
    sayhex 'read', [0x201234]
    mov eax, PDPT
    mov cr3, eax
    sayhex 'back', [0x201234]
    call crlf

    say 'not present PTE: '
    try .f1
    mov eax, [0x402000]
.f1:
    show_cr2
    mov eax, cr0
    or eax, 0x10000
    mov cr0, eax
    say 'write to read-only with WP 1: '
    try .f2
    mov dword [0x401018], 1
.f2:
    show_cr2
    mov word [err_mask], 0xfffe
    say 'PTE bit 52: '
    try .f3
    mov eax, [0x403000]
.f3:
    show_cr2
    say 'PTE XD with NXE 0, write: '
    try .f4
    mov dword [0x404008], 1
.f4:
    show_cr2
    say '2 MiB PDE bit 13: '
    try .f5
    mov eax, [0x600000]
.f5:
    show_cr2
    mov word [err_mask], 0xffff
    say 'PDPTE 1 not present: '
    try .f6
    mov eax, [0x40000100]
.f6:
    show_cr2

    ; Ring 3 reads a supervisor page (the 2 MiB one): #PF with U/S = 1.
    mov edi, TSS
    mov ecx, 0x68 / 4
    xor eax, eax
    rep stosd
    mov dword [TSS + 4], 0x70000
    mov word [TSS + 8], 0x10
    mov ax, 0x28
    ltr ax
    say 'ring 3 read of a supervisor page: '
    try .f7
    push dword 0x23
    push dword 0x60000
    push dword 2
    push dword 0x1b
    push dword .user
    iretd
.user:
    mov ax, 0x23
    mov ds, ax
    mov eax, [0x200000]
    jmp $
.f7:
    show_cr2
    done 'pae-probe'

align 8
gdt:
    dq 0
    dq 0x00cf9a000000ffff       ; 0x08 code, DPL 0, 4 GiB
    dq 0x00cf92000000ffff       ; 0x10 data, DPL 0
    dq 0x00cffa000000ffff       ; 0x18 code, DPL 3
    dq 0x00cff2000000ffff       ; 0x20 data, DPL 3
    dq 0x0000890030000067       ; 0x28 32-bit TSS at 0x3000
gdt_end:

    times 16 * 63 * 512 - ($ - $$) db 0
