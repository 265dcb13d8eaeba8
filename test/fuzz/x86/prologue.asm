; The x86 fuzz target's system prologue (test/fuzz/targets/x86-system.ts), entered in flat 32-bit ring 0
; at 0x600: loads the GDT, IDT and TSS the harness wrote, turns on the paging the parameter block asks
; for, loads the case's general registers and IRETs into the case's code (ring 0, ring 3 or virtual-8086,
; as the frame the harness wrote says). Build: nasm -f bin -o prologue.bin prologue.asm
bits 32
org 0x600
PARAMS equ 0xf00                ; +0 CR3 (0: no paging), +4 CR4, +8 CR0 bits to set
REGS   equ 0xf40                ; PUSHAD image (EDI first), then the IRET frame
        lgdt [0xff0]
        lidt [0xff8]
        mov ax, 0x28
        ltr ax
        mov eax, [PARAMS]
        test eax, eax
        jz .run
        mov cr3, eax
        mov eax, [PARAMS + 4]
        mov cr4, eax
        mov eax, cr0
        or eax, [PARAMS + 8]
        mov cr0, eax
        jmp .run
.run:
        mov esp, REGS
        popad
        iretd
