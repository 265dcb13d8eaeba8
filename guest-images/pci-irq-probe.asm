; pci-irq-probe: takes PCI interrupts from QEMU's edu device (-device edu), as a driver does.
; The boot sector loads sectors 2-7; the probe scans buses 0-7 through 0xCF8/0xCFC for 1234:11E8,
; prints its address, command, BAR0, interrupt pin and the interrupt line the firmware assigned,
; the chipset's PIRQ routing registers (PIIX3 60h-63h, or ICH9 60h-63h and 68h-6Bh) and the ELCR.
; In flat real mode (FS with a 4 GiB limit, set again before each MMIO access: BIOS code may reload
; FS) it reads edu's identification and liveness registers, installs a handler on the line's
; vector (08h + IRQ, or 70h + IRQ - 8), unmasks the IRQ at the 8259 and:
;   - raises INTx through register 60h; the handler reads 24h, acknowledges it at 64h, counts, EOIs;
;   - raises three more; with Interrupt Disable (command bit 10) set, raises one that does not
;     arrive until the bit is cleared (Status bit 3 shows the pending pin meanwhile);
;   - computes 10! with the completion interrupt (status bit 7), and moves 16 bytes through edu's
;     DMA buffer and back, each with its completion interrupt (edu runs DMA 100 ms after the command);
;   - switches to MSI (address FEE00000h, data 0060h, bus mastering on, the local APIC enabled):
;     a raise and a factorial arrive on vector 60h, whose handler EOIs the local APIC;
;   - switches to the I/O APIC (MSI off, the line masked at the 8259): arms inputs 16-23 (level,
;     vector 80h + input) and raises, then the line's own input alone and raises; prints which came.
; Waits are HLT loops bounded by the BIOS tick count (0:046Ch). Output on COM1 and 0x402, then `cli; hlt`.
; Build: nasm -f bin -o pci-irq-probe.img pci-irq-probe.asm
bits 16
org 0x7c00
%include "console.inc"

FLAT_SEL    equ 0x08
BDA_TICKS   equ 0x46c
MSI_VECTOR  equ 0x60
LAPIC       equ 0xfee00000
IOAPIC      equ 0xfec00000
IOAPIC_VEC  equ 0x80
EDU_ID      equ 0x00
EDU_LIVE    equ 0x04
EDU_FACT    equ 0x08
EDU_STATUS  equ 0x20
EDU_ISR     equ 0x24
EDU_RAISE   equ 0x60
EDU_ACK     equ 0x64
EDU_DMA_SRC equ 0x80
EDU_DMA_DST equ 0x88
EDU_DMA_CNT equ 0x90
EDU_DMA_CMD equ 0x98
DMA_BUF     equ 0x9000

start:
    real_mode_entry
    ; int 13h AH=02h: sectors 2-7 (CHS 0/0/2) to 0000:7E00
    mov ax, 0x0206
    mov cx, 0x0002
    xor dh, dh
    mov dl, [drive]
    mov bx, 0x7e00
    int 0x13
    jc .readerr
    jmp main
.readerr:
    mov si, msg_readerr
    call puts
    jmp stop

%include "print16.inc"

stop:
    cli
    hlt
    jmp stop

msg_readerr: db 'pci-irq-probe: int 13h read failed', 13, 10, 0
drive: db 0

    times 510 - ($ - $$) db 0
    dw 0xaa55

; ---- sector 2 onwards (0x7E00) ----

; hex32: EAX as 8 hex digits.
hex32:
    push eax
    shr eax, 16
    call hex16
    pop eax
    jmp hex16

; say: SI = string, EAX printed after it as hex32.
say:
    push eax
    call puts
    pop eax
    jmp hex32

; say16: SI = string, AX printed after it as hex16.
say16:
    push ax
    call puts
    pop ax
    jmp hex16

newline:
    push si
    mov si, crlf
    call puts
    pop si
    ret

; flat: FS base 0 with a 4 GiB limit (real mode again afterwards); keeps IF and all registers.
flat:
    pushf
    push eax
    cli
    lgdt [gdt_desc]
    mov eax, cr0
    or al, 1
    mov cr0, eax
    jmp .pm
.pm:
    push bx
    mov bx, FLAT_SEL
    mov fs, bx
    and al, 0xfe
    mov cr0, eax
    jmp 0:.rm
.rm:
    xor bx, bx
    mov fs, bx
    pop bx
    pop eax
    popf
    ret

; edu_rd: SI = register → EAX.  edu_wr: SI = register, EAX = value.
edu_rd:
    push edi
    call flat
    mov edi, [bar0]
    movzx esi, si
    mov eax, [fs:edi + esi]
    pop edi
    ret
edu_wr:
    push edi
    call flat
    mov edi, [bar0]
    movzx esi, si
    mov [fs:edi + esi], eax
    pop edi
    ret

; Config space: EBX = bus << 16 | dev << 11 | fn << 8, CL = register.
pci_addr:
    push eax
    push dx
    mov eax, ebx
    or eax, 0x80000000
    mov al, cl
    and al, 0xfc
    mov dx, 0xcf8
    out dx, eax
    pop dx
    pop eax
    ret
pci_rd32:
    call pci_addr
    push dx
    mov dx, 0xcfc
    in eax, dx
    pop dx
    ret
pci_rd16:
    call pci_addr
    push dx
    mov dx, 0xcfc
    mov al, cl
    and al, 2
    or dl, al
    in ax, dx
    pop dx
    ret
; pci_wr16: AX = value
pci_wr16:
    call pci_addr
    push dx
    push ax
    mov dx, 0xcfc
    mov al, cl
    and al, 2
    or dl, al
    pop ax
    out dx, ax
    pop dx
    ret
pci_wr32:
    call pci_addr
    push dx
    mov dx, 0xcfc
    out dx, eax
    pop dx
    ret

; wait_irq: HLT until [count] differs from BX, or CX ticks pass. Returns with IF set.
wait_irq:
    push eax
    push edx
    sti
    mov edx, [BDA_TICKS]
.l:
    cmp [count], bx
    jne .e
    mov eax, [BDA_TICKS]
    sub eax, edx
    cmp ax, cx
    jae .e
    hlt
    jmp .l
.e:
    pop edx
    pop eax
    ret

; report: "<SI> count=NNNN status=XXXXXXXX\r\n" (status = what the handler read at 24h).
report:
    call puts
    mov si, msg_count
    call puts
    mov ax, [count]
    call hex16
    mov si, msg_status
    mov eax, [last_status]
    call say
    jmp newline

; The INTx handler: read and acknowledge edu's interrupt status, count, EOI the 8259(s).
intx_handler:
    push eax
    push si
    push ds
    xor ax, ax
    mov ds, ax
    mov si, EDU_ISR
    call edu_rd
    mov [last_status], eax
    mov si, EDU_ACK
    call edu_wr
    inc word [count]
    mov al, 0x20
    cmp byte [irq], 8
    jb .master
    out 0xa0, al
.master:
    out 0x20, al
    pop ds
    pop si
    pop eax
    iret

; The MSI handler: the same, then EOI the local APIC.
msi_handler:
    push eax
    push edi
    push si
    push ds
    xor ax, ax
    mov ds, ax
    mov si, EDU_ISR
    call edu_rd
    mov [last_status], eax
    mov si, EDU_ACK
    call edu_wr
    inc word [count]
    call flat
    mov edi, LAPIC + 0xb0
    mov dword [fs:edi], 0
    pop ds
    pop si
    pop edi
    pop eax
    iret

; I/O APIC handlers: vector 80h + pin for pins 0-23 (the probe arms its line's pin and 16-23); each notes its pin, then as INTx, EOI at the local APIC.
%assign pin 0
%rep 24
ioapic_stub_ %+ pin:
    push ax
    mov al, pin
    jmp ioapic_common
%assign pin pin + 1
%endrep
ioapic_common:
    push edi
    push si
    push ds
    push ax
    xor ax, ax
    mov ds, ax
    pop ax
    mov [gsi_hit], al
    mov si, EDU_ISR
    call edu_rd
    mov [last_status], eax
    mov si, EDU_ACK
    call edu_wr
    inc word [count]
    call flat
    mov edi, LAPIC + 0xb0
    mov dword [fs:edi], 0
    pop ds
    pop si
    pop edi
    pop ax
    iret

ioapic_stubs:
%assign pin 0
%rep 24
    dw ioapic_stub_ %+ pin
%assign pin pin + 1
%endrep

; ioapic_entry: CL = pin, EAX = low dword (the high dword, destination APIC 0, is written 0).
ioapic_entry:
    push edi
    push eax
    call flat
    mov edi, IOAPIC
    movzx eax, cl
    shl eax, 1
    add eax, 0x11
    mov [fs:edi], eax
    mov dword [fs:edi + 0x10], 0
    dec eax
    mov [fs:edi], eax
    pop eax
    mov [fs:edi + 0x10], eax
    pop edi
    ret

; ioapic_arm: CL = pin: its IVT entry (vector 80h + pin) and its redirection entry, unmasked.
ioapic_arm:
    push eax
    push bx
    movzx bx, cl
    add bx, bx
    mov ax, [ioapic_stubs + bx]
    movzx bx, cl
    add bx, IOAPIC_VEC
    shl bx, 2
    mov [bx], ax
    mov word [bx + 2], 0
    movzx eax, cl
    add eax, IOAPIC_VEC | 0x8000
    call ioapic_entry
    pop bx
    pop eax
    ret

; ioapic_raise: raise edu's interrupt (IF clear on entry), wait up to 5 ticks, report "<SI> count=..
; status=.. input=PP" (PP: the pin whose vector came, FF for none); without one, acknowledge it here.
ioapic_raise:
    mov byte [gsi_hit], 0xff
    mov bx, [count]
    mov cx, 5
    push si
    mov eax, 0x00000040
    mov si, EDU_RAISE
    call edu_wr
    call wait_irq
    pop si
    call puts
    mov si, msg_count
    call puts
    mov ax, [count]
    call hex16
    mov si, msg_input
    call puts
    mov al, [gsi_hit]
    call hex8
    call newline
    cmp bx, [count]
    jne .done
    mov eax, 0x00000040
    mov si, EDU_ACK
    call edu_wr
.done:
    ret

main:
    ; Fast A20 (port 92h): BAR addresses have bit 20 set.
    in al, 0x92
    or al, 2
    and al, 0xfe
    out 0x92, al
    mov si, msg_booted
    call puts

    ; The host bridge: 8086:1237 (i440FX) or 8086:29C0 (Q35 MCH).
    xor ebx, ebx
    xor cl, cl
    call pci_rd32
    mov [host], eax
    mov si, msg_host
    call say
    call newline

    ; Find edu on buses 0-7.
    xor ebx, ebx
.scan:
    xor cl, cl
    call pci_rd32
    cmp eax, 0x11e81234
    je .found
    add ebx, 0x100
    cmp ebx, 0x80000
    jb .scan
    mov si, msg_noedu
    call puts
    jmp stop
.found:
    mov [bdf], ebx
    mov si, msg_edu
    call puts
    mov eax, ebx
    shr eax, 16
    call hex8
    mov al, ':'
    call putc
    mov eax, ebx
    shr eax, 11
    and al, 0x1f
    call hex8
    mov al, '.'
    call putc
    mov eax, ebx
    shr eax, 8
    and al, 7
    call hex4
    mov cl, 0x04
    call pci_rd16
    mov si, msg_cmd
    call say16
    mov cl, 0x10
    call pci_rd32
    and eax, 0xfffffff0
    mov [bar0], eax
    mov si, msg_bar0
    call say
    mov cl, 0x3c
    call pci_rd16
    mov [irq], al
    push ax
    mov si, msg_pin
    call puts
    mov al, ah
    call hex8
    mov si, msg_line
    call puts
    pop ax
    call hex8
    call newline

    ; The chipset's routing registers and the ELCR.
    mov si, msg_pirq
    call puts
    mov ebx, 0x0800                 ; 00:01.0 PIIX3
    cmp word [host + 2], 0x29c0
    jne .piix
    mov ebx, 0xf800                 ; 00:1f.0 ICH9 LPC
.piix:
    mov cl, 0x60
    call pci_rd32
    call hex32
    cmp word [host + 2], 0x29c0
    jne .elcr
    mov al, ' '
    call putc
    mov cl, 0x68
    call pci_rd32
    call hex32
.elcr:
    mov si, msg_elcr
    call puts
    mov dx, 0x4d1
    in al, dx
    call hex8
    dec dx
    in al, dx
    call hex8
    call newline

    ; edu's identification and liveness registers.
    mov si, EDU_ID
    call edu_rd
    push eax
    mov si, msg_id
    pop eax
    call say
    mov eax, 0x12345678
    mov si, EDU_LIVE
    call edu_wr
    call edu_rd
    mov si, msg_live
    call say
    call newline

    ; INTx: the handler on the line's vector, the IRQ unmasked at the 8259.
    mov ebx, [bdf]
    mov cl, 0x04
    call pci_rd16
    or ax, 0x0006                   ; memory decoding, bus mastering (for DMA)
    call pci_wr16
    movzx bx, byte [irq]
    cmp bx, 16
    jb .lineok
    mov si, msg_noline
    call puts
    jmp stop
.lineok:
    lea ax, [bx + 8]
    cmp bx, 8
    jb .vec
    lea ax, [bx + 0x70 - 8]
.vec:
    mov [vector], al
    mov bx, ax
    shl bx, 2
    cli
    mov word [bx], intx_handler
    mov word [bx + 2], 0
    mov cl, [irq]
    cmp cl, 8
    jb .mmaster
    sub cl, 8
    mov ah, 1
    shl ah, cl
    not ah
    in al, 0xa1
    and al, ah
    out 0xa1, al
    mov cl, 2
.mmaster:
    mov ah, 1
    shl ah, cl
    not ah
    in al, 0x21
    and al, ah
    out 0x21, al
    sti
    mov si, msg_vector
    call puts
    mov al, [vector]
    call hex8
    call newline

    ; One raise.
    mov bx, [count]
    mov cx, 10
    cli
    mov eax, 0x00010000
    mov si, EDU_RAISE
    call edu_wr
    call wait_irq
    mov si, EDU_ISR
    call edu_rd
    push eax
    mov si, msg_intx
    call report
    mov si, msg_after
    pop eax
    call say
    call newline

    ; Three more, one at a time.
    mov di, 3
.three:
    mov bx, [count]
    mov cx, 10
    cli
    mov eax, 0x00000002
    mov si, EDU_RAISE
    call edu_wr
    call wait_irq
    dec di
    jnz .three
    mov si, msg_three
    call report

    ; Interrupt Disable set: the raise waits in Status bit 3 until the bit is cleared.
    mov ebx, [bdf]
    mov cl, 0x04
    call pci_rd16
    or ax, 0x0400
    call pci_wr16
    mov bx, [count]
    mov cx, 3
    cli
    mov eax, 0x00000004
    mov si, EDU_RAISE
    call edu_wr
    call wait_irq
    mov si, msg_disabled
    call report
    mov ebx, [bdf]
    mov cl, 0x06
    call pci_rd16
    mov si, msg_pcistatus
    call say16
    call newline
    mov cl, 0x04
    call pci_rd16
    and ax, ~0x0400
    cli
    mov ebx, [bdf]
    call pci_wr16
    mov bx, [count]
    mov cx, 10
    call wait_irq
    mov si, msg_enabled
    call report

    ; 10! with the completion interrupt.
    mov eax, 0x80
    mov si, EDU_STATUS
    call edu_wr
    mov bx, [count]
    mov cx, 10
    cli
    mov eax, 10
    mov si, EDU_FACT
    call edu_wr
    call wait_irq
    mov si, msg_fact
    call report
    mov si, EDU_FACT
    call edu_rd
    mov si, msg_result
    call say
    call newline
    xor eax, eax
    mov si, EDU_STATUS
    call edu_wr

    ; DMA: 16 bytes to the device's buffer and back, each with its completion interrupt.
    mov di, DMA_BUF
    mov cx, 16
    mov al, 0x41
.fill:
    mov [di], al
    inc al
    inc di
    loop .fill
    mov eax, DMA_BUF
    mov si, EDU_DMA_SRC
    call edu_wr
    mov eax, 0x40000
    mov si, EDU_DMA_DST
    call edu_wr
    mov eax, 16
    mov si, EDU_DMA_CNT
    call edu_wr
    mov bx, [count]
    mov cx, 20
    cli
    mov eax, 0x5                    ; run, from memory, interrupt
    mov si, EDU_DMA_CMD
    call edu_wr
    call wait_irq
    mov si, msg_dma_in
    call report
    mov eax, 0x40000
    mov si, EDU_DMA_SRC
    call edu_wr
    mov eax, DMA_BUF + 0x100
    mov si, EDU_DMA_DST
    call edu_wr
    mov bx, [count]
    mov cx, 20
    cli
    mov eax, 0x7                    ; run, to memory, interrupt
    mov si, EDU_DMA_CMD
    call edu_wr
    call wait_irq
    mov si, msg_dma_out
    call report
    mov si, msg_data
    call puts
    mov si, DMA_BUF + 0x100
    mov cx, 16
.show:
    lodsb
    call putc
    loop .show
    call newline

    ; MSI: the local APIC enabled (SVR bit 8), the message FEE00000h / 0060h, bus mastering on.
    mov al, MSI_VECTOR
    movzx bx, al
    shl bx, 2
    cli
    mov word [bx], msi_handler
    mov word [bx + 2], 0
    call flat
    mov edi, LAPIC + 0xf0
    or dword [fs:edi], 0x100
    sti
    mov ebx, [bdf]
    mov cl, 0x34
    call pci_rd16
    and al, 0xfc
    mov cl, al
    mov [msicap], cl
    add cl, 4
    mov eax, LAPIC
    call pci_wr32
    add cl, 4
    xor eax, eax
    call pci_wr32
    add cl, 4
    mov ax, MSI_VECTOR
    call pci_wr16
    mov cl, [msicap]
    add cl, 2
    call pci_rd16
    or ax, 1
    call pci_wr16
    mov cl, [msicap]
    call pci_rd32
    mov si, msg_msicap
    call say
    call newline
    mov bx, [count]
    mov cx, 10
    cli
    mov eax, 0x00100000
    mov si, EDU_RAISE
    call edu_wr
    call wait_irq
    mov si, msg_msi
    call report
    mov eax, 0x80
    mov si, EDU_STATUS
    call edu_wr
    mov bx, [count]
    mov cx, 10
    cli
    mov eax, 12
    mov si, EDU_FACT
    call edu_wr
    call wait_irq
    mov si, msg_msi_fact
    call report
    mov si, EDU_FACT
    call edu_rd
    mov si, msg_result
    call say
    call newline
    ; The 8259 saw nothing of it: its IRR for the line (OCW3).
    mov al, 0x0a
    out 0xa0, al
    out 0x20, al
    in al, 0xa0
    mov ah, al
    in al, 0x20
    mov cl, [irq]
    mov dx, 1
    shl dx, cl
    and ax, dx
    setnz al
    xor ah, ah
    mov si, msg_irr
    call say16
    call newline

    ; The I/O APIC: MSI off, the line masked at the 8259; I/O APIC pins armed level-triggered, active
    ; high, vector 80h + pin, to APIC 0; a raise shows which input the INTx reaches.
    mov ebx, [bdf]
    mov cl, [msicap]
    add cl, 2
    call pci_rd16
    and ax, ~1
    call pci_wr16
    cli
    mov cl, [irq]
    mov dx, 0x21
    cmp cl, 8
    jb .imr
    sub cl, 8
    mov dx, 0xa1
.imr:
    mov ah, 1
    shl ah, cl
    in al, dx
    or al, ah
    out dx, al
    ; First the ICH9-style inputs 16-23 alone, then the line's own pin alone.
    mov cl, 16
.pins:
    call ioapic_arm
    inc cl
    cmp cl, 24
    jb .pins
    mov si, msg_ioapic_pirq
    call ioapic_raise
    cli
    mov eax, 0x10000
    mov cl, 16
.mask:
    call ioapic_entry
    inc cl
    cmp cl, 24
    jb .mask
    mov cl, [irq]
    call ioapic_arm
    mov si, msg_ioapic_line
    call ioapic_raise
    cli
    mov eax, 0x10000
    mov cl, [irq]
    call ioapic_entry
    sti

    mov si, msg_done
    call puts
    jmp stop

gdt:
    dq 0
    dq 0x00cf92000000ffff           ; 08h: data, base 0, 4 GiB
gdt_desc:
    dw gdt_desc - gdt - 1
    dd gdt

host: dd 0
bdf: dd 0
bar0: dd 0
last_status: dd 0
count: dw 0
irq: db 0
vector: db 0
msicap: db 0
gsi_hit: db 0

msg_booted: db 'pci-irq-probe: booted', 13, 10, 0
msg_host: db 'host ', 0
msg_noedu: db 'pci-irq-probe: no edu (1234:11e8) on buses 0-7', 13, 10, 0
msg_noline: db 'pci-irq-probe: no interrupt line', 13, 10, 0
msg_edu: db 'edu ', 0
msg_cmd: db ' cmd=', 0
msg_bar0: db ' bar0=', 0
msg_pin: db ' pin=', 0
msg_line: db ' line=', 0
msg_pirq: db 'pirq ', 0
msg_elcr: db ' elcr=', 0
msg_id: db 'edu id=', 0
msg_live: db ' live=', 0
msg_vector: db 'intx vector=', 0
msg_intx: db 'intx raise', 0
msg_after: db 'intx status after ack=', 0
msg_three: db 'intx three more', 0
msg_disabled: db 'intx with interrupt disable', 0
msg_pcistatus: db 'pci status=', 0
msg_enabled: db 'intx enabled again', 0
msg_fact: db 'fact 10 irq', 0
msg_result: db 'fact result=', 0
msg_dma_in: db 'dma to device irq', 0
msg_dma_out: db 'dma to memory irq', 0
msg_data: db 'dma data=', 0
msg_msicap: db 'msi cap=', 0
msg_msi: db 'msi raise', 0
msg_msi_fact: db 'msi fact 12', 0
msg_irr: db '8259 irr line bit=', 0
msg_count: db ' count=', 0
msg_status: db ' status=', 0
msg_ioapic_pirq: db 'ioapic pins 16-23 raise', 0
msg_ioapic_line: db 'ioapic line pin raise', 0
msg_input: db ' input=', 0
msg_done: db 'pci-irq-probe: done', 13, 10, 0
crlf: db 13, 10, 0

    times 7 * 512 - ($ - $$) db 0
    ; pad to one CHS cylinder (16 heads x 63 sectors) so AHCI boots it as well
    times 16 * 63 * 512 - ($ - $$) db 0
