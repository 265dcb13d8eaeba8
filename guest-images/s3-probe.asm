; s3-probe: an ACPI S3 suspend and resume through the FACS waking vector, as an OS does it.
; The boot sector loads sectors 2-4 and, in flat real mode (FS with a 4 GiB limit), walks
; RSDP (0xE0000-0xFFFFF) -> RSDT -> FACP -> FACS and DSDT; reads the _S3 package's first value
; (PM1a_CNT.SLP_TYP) from the DSDT, writes the address of its wake code into the FACS
; Firmware_Waking_Vector, prints `s3-probe: suspend ...` on COM1 (and 0x402) and writes
; SLP_TYP|SLP_EN to PM1a_CNT (FADT PM1a_CNT_BLK).
; The firmware enters the wake code in real mode at (vector >> 4):(vector & 0Fh); it prints
; `s3-probe: resumed ...` with PM1a_STS (WAK_STS and the wake reason) and CMOS 0Fh, then `cli; hlt`.
; With `-device vmgenid` it prints, before and after, the fw_cfg file etc/vmgenid_addr read back
; through the fw_cfg ports: the host clears it at the reset of the wake-up, and only the firmware's
; replay of its WRITE_POINTER fills it again (QEMU needs it to write a new GUID after a migration).
; Build: nasm -f bin -o s3-probe.img s3-probe.asm
bits 16
org 0x7c00
%include "console.inc"
%include "acpi-walk.inc"

SLP_EN      equ 1 << 13
FW_CFG_SEL  equ 0x510
FW_CFG_DATA equ 0x511

three_sector_start

hex32_routine

stop:
    cli
    hlt
    jmp stop

msg_readerr: db 's3-probe: int 13h read failed', 13, 10, 0
drive: db 0

    times 510 - ($ - $$) db 0
    dw 0xaa55

; ---- sector 2 onwards (0x7E00) ----

main:
    flat_real_mode
    find_fadt

    find_sleep_type '_S3_'
    cmp byte [have_slp], 0
    jne .s3ok
    mov si, msg_nos3
    call puts
    jmp stop
.s3ok:

    mov si, msg_vmgenid
    call vmgenid_addr

    ; Firmware_Waking_Vector (FACS+12) = the wake code; X_Firmware_Waking_Vector (FACS+24) = 0.
    mov ebx, [facs]
    mov dword [fs:ebx + 12], wake
    mov dword [fs:ebx + 24], 0
    mov dword [fs:ebx + 28], 0

    mov si, msg_suspend
    call puts
    movzx eax, byte [slp_typ]
    call hex32
    mov si, msg_cnt
    call puts
    movzx eax, word [pm1a_cnt]
    call hex32
    mov si, msg_facs
    call puts
    mov eax, [facs]
    call hex32
    mov si, msg_vector
    call puts
    mov eax, wake
    call hex32
    mov si, crlf
    call puts

    ; Clear WAK_STS (write 1), then SLP_TYP|SLP_EN into PM1a_CNT.
    mov dx, [pm1a_evt]
    mov ax, 0x8000
    out dx, ax
    mov dx, [pm1a_cnt]
    in ax, dx
    and ax, ~(7 << 10)
    movzx bx, byte [slp_typ]
    shl bx, 10
    or ax, bx
    or ax, SLP_EN
    out dx, ax
    ; The machine is asleep once that write completes: nothing runs past it.
    mov si, msg_awake
    call puts
    jmp stop

; The waking vector: the firmware's far jump lands here in real mode, CS = wake >> 4.
wake:
    cli
    jmp 0:wake_flat
wake_flat:
    xor ax, ax
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov sp, 0x7c00
    cld
    com1_init
    mov si, msg_resumed
    call puts
    mov dx, [pm1a_evt]
    in ax, dx
    movzx eax, ax
    call hex32
    mov si, msg_cmos
    call puts
    mov al, 0x0f
    out 0x70, al
    in al, 0x71
    movzx eax, al
    call hex32
    mov si, crlf
    call puts
    mov si, msg_vmgenid_wake
    call vmgenid_addr
    mov si, msg_done
    call puts
    jmp stop

; vmgenid_addr: if fw_cfg has etc/vmgenid_addr (-device vmgenid), prints SI then the address the
; host holds there (what the firmware's WRITE_POINTER told it), read back through the fw_cfg ports.
vmgenid_addr:
    push si
    mov dx, FW_CFG_SEL
    mov ax, 0x0019                  ; FW_CFG_FILE_DIR: u32 count, then 64-byte entries (big-endian)
    out dx, ax
    call cfg_be32
    mov ecx, eax
    pop si
.file:
    test ecx, ecx
    jz .none
    dec ecx
    call cfg_be32                   ; size
    call cfg_be32                   ; select (high half), reserved
    shr eax, 16
    mov bx, ax
    mov di, name_buf
    push cx
    mov cx, 56
    mov dx, FW_CFG_DATA
.name:
    in al, dx
    mov [di], al
    inc di
    loop .name
    pop cx
    push si
    push cx
    mov si, name_buf
    mov di, vmgenid_file
    mov cx, 17
    repe cmpsb
    pop cx
    pop si
    jne .file
    call puts
    mov dx, FW_CFG_SEL
    mov ax, bx
    out dx, ax
    mov dx, FW_CFG_DATA
    mov cx, 4
.byte:
    in al, dx
    ror eax, 8
    loop .byte
    call hex32
    mov si, crlf
    call puts
.none:
    ret

; cfg_be32: EAX = the next 4 fw_cfg data bytes as a big-endian dword.
cfg_be32:
    push cx
    push dx
    mov dx, FW_CFG_DATA
    mov cx, 4
.b: shl eax, 8
    in al, dx
    loop .b
    pop dx
    pop cx
    ret

flat_gdt

fadt: dd 0
facs: dd 0
dsdt: dd 0
pm1a_evt: dw 0
pm1a_cnt: dw 0
slp_typ: db 0
have_slp: db 0

msg_nordsp: db 's3-probe: no RSDP', 13, 10, 0
msg_nofadt: db 's3-probe: no FACP in the RSDT', 13, 10, 0
msg_nos3: db 's3-probe: no _S3 package in the DSDT', 13, 10, 0
msg_suspend: db 's3-probe: suspend SLP_TYP=', 0
msg_cnt: db ' PM1a_CNT=', 0
msg_facs: db ' FACS=', 0
msg_vector: db ' vector=', 0
msg_awake: db 's3-probe: still running after SLP_EN', 13, 10, 0
msg_resumed: db 's3-probe: resumed PM1a_STS=', 0
msg_cmos: db ' CMOS[0f]=', 0
msg_vmgenid: db 's3-probe: etc/vmgenid_addr=', 0
msg_vmgenid_wake: db 's3-probe: after resume etc/vmgenid_addr=', 0
vmgenid_file: db 'etc/vmgenid_addr', 0
name_buf: times 56 db 0
msg_done: db 's3-probe: done', 13, 10, 0
crlf: db 13, 10, 0

    times 4 * 512 - ($ - $$) db 0
    ; pad to one CHS cylinder (16 heads x 63 sectors) so AHCI boots it as well
    times 16 * 63 * 512 - ($ - $$) db 0
