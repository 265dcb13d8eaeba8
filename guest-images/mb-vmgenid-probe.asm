; mb-vmgenid-probe: a multiboot (v1) ELF32 kernel that finds the VM Generation ID the way a guest
; OS would: RSDP (EBDA, then 0xE0000-0xFFFFF) -> RSDT -> the SSDT whose OEM table id is "VMGENID"
; -> the AML `Name(VGIA, DWordConst)` -> 16 bytes at VGIA + 40 (QEMU docs/specs/vmgenid.txt).
; It prints the GUID on COM1 (and the 0x402 debug console) in canonical form, the first three
; fields read little-endian as QEMU's tests/qtest/vmgenid-test.c does, then re-reads it about
; every 55 ms (PIT channel 0 wraps) and prints it again only when it changed. After about 8 s, or
; when 'q' arrives on COM1, it leaves through isa-debug-exit (port 0xF4) and halts.
; Build: nasm -f bin -o mb-vmgenid-probe.elf mb-vmgenid-probe.asm  (the ELF headers are below)

bits 32
org 0x100000
%include "console.inc"

RUN_TICKS   equ 146         ; PIT wraps of 65536 / 1.193182 MHz = 54.9 ms: about 8 s
DEBUG_EXIT  equ 0xf4

elf_header:
    db 0x7f, 'ELF', 1, 1, 1, 0
    times 8 db 0
    dw 2                    ; ET_EXEC
    dw 3                    ; EM_386
    dd 1
    dd start
    dd program_header - $$
    dd 0                    ; no section headers
    dd 0
    dw 52, 32, 1            ; ehsize, phentsize, phnum
    dw 0, 0, 0
program_header:
    dd 1                    ; PT_LOAD
    dd 0                    ; file offset
    dd $$, $$               ; vaddr, paddr
    dd file_end - $$
    dd bss_end - $$
    dd 7                    ; RWX
    dd 0x1000

align 4
multiboot_header:
    dd 0x1badb002
    dd 0
    dd -0x1badb002

start:
    mov esp, stack_top
    cld
    com1_init
    mov esi, msg_start
    call puts
    call find_rsdp
    test esi, esi
    jz fail_rsdp
    mov ebx, esi
    mov esi, msg_rsdp
    mov eax, ebx
    call put_labelled
    mov ebx, [ebx + 16]     ; RsdtAddress
    mov esi, msg_rsdt
    mov eax, ebx
    call put_labelled
    call find_vmgenid_ssdt
    test eax, eax
    jz fail_ssdt
    mov ebx, eax
    mov esi, msg_ssdt
    call put_labelled
    call find_vgia
    jc fail_vgia
    mov [vgia], eax
    mov esi, msg_vgia
    call put_labelled

    mov al, 0x34            ; PIT channel 0, lobyte/hibyte, mode 2, reload 0 (65536)
    out 0x43, al
    xor al, al
    out 0x40, al
    out 0x40, al
    xor ebp, ebp            ; ticks
    mov dword [last], 0xffffffff
.poll:
    call read_guid
    mov esi, guid
    mov edi, shown
    mov ecx, 4
    repe cmpsd
    je .same
    mov esi, guid
    mov edi, shown
    mov ecx, 4
    rep movsd
    mov esi, msg_guid
    call puts
    call put_guid
    mov esi, crlf
    call puts
.same:
    mov dx, COM1 + 5        ; 'q' on COM1 ends the run early
    in al, dx
    test al, 1
    jz .tick
    mov dx, COM1
    in al, dx
    cmp al, 'q'
    je finish
.tick:
    call wait_pit_wrap
    inc ebp
    cmp ebp, RUN_TICKS
    jb .poll
finish:
    mov esi, msg_exit
    call puts
    mov al, 0               ; QEMU exits with status (0 << 1) | 1 = 1
    out DEBUG_EXIT, al
.halt:
    cli
    hlt
    jmp .halt

fail_rsdp:
    mov esi, msg_no_rsdp
    jmp fail
fail_ssdt:
    mov esi, msg_no_ssdt
    jmp fail
fail_vgia:
    mov esi, msg_no_vgia
fail:
    call puts
    jmp finish

; find_rsdp: ESI = address of a valid RSDP, or 0. ACPI 6.5 §5.2.5.1: the first 1 KiB of the EBDA,
; then 0xE0000-0xFFFFF, on 16-byte boundaries.
find_rsdp:
    movzx esi, word [0x40e]
    shl esi, 4
    jz .bios
    lea edx, [esi + 1024]
    call scan_rsdp
    test esi, esi
    jnz .ret
.bios:
    mov esi, 0xe0000
    mov edx, 0x100000
    call scan_rsdp
.ret:
    ret

; scan_rsdp: ESI = start, EDX = end. Returns ESI = RSDP or 0.
scan_rsdp:
.next:
    cmp dword [esi], 'RSD '
    jne .skip
    cmp dword [esi + 4], 'PTR '
    jne .skip
    xor eax, eax
    xor ecx, ecx
.sum:
    add al, [esi + ecx]
    inc ecx
    cmp ecx, 20
    jb .sum
    test al, al
    jz .found
.skip:
    add esi, 16
    cmp esi, edx
    jb .next
    xor esi, esi
.found:
    ret

; find_vmgenid_ssdt: EBX = RSDT. Returns EAX = the SSDT with OEM table id "VMGENID", or 0.
find_vmgenid_ssdt:
    mov ecx, [ebx + 4]      ; Length
    sub ecx, 36
    shr ecx, 2
    lea esi, [ebx + 36]
.next:
    test ecx, ecx
    jz .none
    mov eax, [esi]
    cmp dword [eax], 'SSDT'
    jne .skip
    cmp dword [eax + 16], 'VMGE'
    jne .skip
    cmp dword [eax + 20], `NID\0`
    je .ret
.skip:
    add esi, 4
    dec ecx
    jmp .next
.none:
    xor eax, eax
.ret:
    ret

; find_vgia: EBX = SSDT. Searches its AML for NameOp 'VGIA' and decodes the integer after it
; (DWordConst 0x0C, WordConst 0x0B or ByteConst 0x0A). EAX = VGIA, CF set if not found.
find_vgia:
    lea esi, [ebx + 36]
    mov edx, ebx
    add edx, [ebx + 4]
    sub edx, 10
.next:
    cmp esi, edx
    ja .none
    cmp byte [esi], 0x08
    jne .skip
    cmp dword [esi + 1], 'VGIA'
    jne .skip
    mov al, [esi + 5]
    cmp al, 0x0c
    je .dword
    cmp al, 0x0b
    je .word
    cmp al, 0x0a
    jne .skip
    movzx eax, byte [esi + 6]
    clc
    ret
.word:
    movzx eax, word [esi + 6]
    clc
    ret
.dword:
    mov eax, [esi + 6]
    clc
    ret
.skip:
    inc esi
    jmp .next
.none:
    stc
    ret

read_guid:
    mov esi, [vgia]
    add esi, 40
    mov edi, guid
    mov ecx, 4
    rep movsd
    ret

; put_guid: the 16 bytes at `guid` as xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx; the first three
; fields are little-endian in memory (QEMU byte-swaps them, include/qemu/uuid.h qemu_uuid_bswap).
put_guid:
    mov eax, [guid]
    mov ecx, 8
    call puthex
    call dash
    movzx eax, word [guid + 4]
    mov ecx, 4
    call puthex
    call dash
    movzx eax, word [guid + 6]
    mov ecx, 4
    call puthex
    call dash
    mov esi, guid + 8
    mov ebx, 2
    call putbytes
    call dash
    mov esi, guid + 10
    mov ebx, 6
    call putbytes
    ret

dash:
    mov al, '-'
    jmp putc

; putbytes: EBX bytes at ESI, in memory order, two hex digits each.
putbytes:
    movzx eax, byte [esi]
    mov ecx, 2
    call puthex
    inc esi
    dec ebx
    jnz putbytes
    ret

; puthex: the low ECX hex digits of EAX.
puthex:
    push ecx
    neg ecx
    lea ecx, [ecx * 4 + 32]
    rol eax, cl             ; bring the first wanted digit to the top
    pop ecx
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

; put_labelled: ESI = label, EAX = value printed as 8 hex digits, then a line end.
put_labelled:
    push eax
    call puts
    pop eax
    mov ecx, 8
    call puthex
    mov esi, crlf
    jmp puts

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

; wait_pit_wrap: returns after PIT channel 0's count wraps (it counts down from 65536).
wait_pit_wrap:
    call pit_count
    mov ebx, eax
.loop:
    call pit_count
    cmp eax, ebx
    mov ebx, eax
    jbe .loop
    ret

pit_count:
    xor al, al              ; latch channel 0
    out 0x43, al
    in al, 0x40
    mov ah, al
    in al, 0x40
    xchg al, ah
    movzx eax, ax
    ret

msg_start   db 'mb-vmgenid-probe: start', 13, 10, 0
msg_rsdp    db 'rsdp ', 0
msg_rsdt    db 'rsdt ', 0
msg_ssdt    db 'ssdt ', 0
msg_vgia    db 'vgia ', 0
msg_guid    db 'guid ', 0
msg_exit    db 'mb-vmgenid-probe: exit', 13, 10, 0
msg_no_rsdp db 'error: no RSDP', 13, 10, 0
msg_no_ssdt db 'error: no VMGENID SSDT', 13, 10, 0
msg_no_vgia db 'error: no VGIA in the SSDT', 13, 10, 0
crlf        db 13, 10, 0

align 4
file_end:

vgia        equ file_end
last        equ file_end + 4
guid        equ file_end + 8
shown       equ file_end + 24
stack_top   equ file_end + 4096
bss_end     equ stack_top
