; pwrbtn-probe: the ACPI power button (fixed event, ACPI 6.5 §4.8.3.1) as QMP `system_powerdown`
; presses it, then a soft-off through \_S5.
; The boot sector loads sectors 2-4 and, in flat real mode, finds the FADT's PM1a blocks and PM
; timer and the DSDT's \_S5 SLP_TYP. With interrupts off (no SCI handler) it prints PM1_EN and
; PM1_STS, waits one second of PM timer time with PWRBTN_EN clear (the capture presses the button
; then), prints PM1_STS, sets PWRBTN_EN (the line printed then ends in "waiting for the button",
; after the registers, for the capture to press it again), polls PM1_STS until PWRBTN_STS (the second press; gives
; up after 10 s), prints it, clears it (write 1), prints it again and writes SLP_TYP(\_S5)|SLP_EN.
; Build: nasm -f bin -o pwrbtn-probe.img pwrbtn-probe.asm
bits 16
org 0x7c00
%include "console.inc"
%include "acpi-walk.inc"

SLP_EN      equ 1 << 13
PWRBTN      equ 1 << 8
PMTMR_HZ    equ 3579545

three_sector_start
hex32_routine

stop:
    cli
    hlt
    jmp stop

msg_readerr: db 'pwrbtn-probe: int 13h read failed', 13, 10, 0
drive: db 0

    times 510 - ($ - $$) db 0
    dw 0xaa55

; ---- sector 2 onwards (0x7E00) ----

main:
    flat_real_mode
    cli
    find_fadt
    mov eax, [fs:ebx + 76]          ; PM_TMR_BLK
    mov [pm_tmr], ax
    movzx ax, byte [fs:ebx + 88]    ; PM1_EVT_LEN: PM1_EN is its upper half
    shr ax, 1
    add ax, [pm1a_evt]
    mov [pm1a_en], ax
    find_sleep_type '_S5_'
    cmp byte [have_slp], 0
    jne .s5ok
    mov si, msg_nos5
    call puts
    jmp stop
.s5ok:
    mov si, msg_start
    call puts
    call print_en_sts
    mov si, msg_wait
    call puts

    mov ecx, PMTMR_HZ               ; one second with PWRBTN_EN clear
    call pm_wait
    mov si, msg_after_wait
    call puts
    call print_en_sts

    mov dx, [pm1a_en]
    mov ax, PWRBTN
    out dx, ax
    mov si, msg_armed
    call puts
    call print_regs
    mov si, msg_armed_end
    call puts

    mov ecx, 10 * PMTMR_HZ          ; until PWRBTN_STS, at most 10 s
    call pm_wait
    mov si, msg_pressed
    jnc .pressed
    mov si, msg_timeout
.pressed:
    call puts
    call print_en_sts

    mov dx, [pm1a_evt]              ; PWRBTN_STS is write-1-to-clear
    mov ax, PWRBTN
    out dx, ax
    mov si, msg_cleared
    call puts
    call print_en_sts

    mov si, msg_off
    call puts
    movzx eax, byte [slp_typ]
    call hex32
    mov si, crlf
    call puts
    mov dx, [pm1a_cnt]
    in ax, dx
    and ax, ~(7 << 10)
    movzx bx, byte [slp_typ]
    shl bx, 10
    or ax, bx
    or ax, SLP_EN
    out dx, ax
    ; The machine is off once that write completes: nothing runs past it.
    mov si, msg_still
    call puts
    jmp stop

; print_en_sts: " PM1_EN=xxxxxxxx PM1_STS=xxxxxxxx" and the line end; print_regs without it.
print_en_sts:
    call print_regs
    mov si, crlf
    call puts
    ret

print_regs:
    mov si, msg_en
    call puts
    mov dx, [pm1a_en]
    in ax, dx
    movzx eax, ax
    call hex32
    mov si, msg_sts
    call puts
    mov dx, [pm1a_evt]
    in ax, dx
    movzx eax, ax
    call hex32
    ret

; pm_wait: ECX PM timer ticks pass (24-bit counter), or PWRBTN_STS is set while PWRBTN_EN is:
; CF = 1 when the time ran out.
pm_wait:
    mov dx, [pm_tmr]
    in eax, dx
    mov ebp, eax
.poll:
    mov dx, [pm1a_en]
    in ax, dx
    mov bx, ax
    mov dx, [pm1a_evt]
    in ax, dx
    and ax, bx
    test ax, PWRBTN
    jnz .event
    mov dx, [pm_tmr]
    in eax, dx
    mov edi, eax
    sub eax, ebp
    and eax, 0x00ffffff
    mov ebp, edi
    sub ecx, eax
    ja .poll
    stc
    ret
.event:
    clc
    ret

flat_gdt

fadt: dd 0
facs: dd 0
dsdt: dd 0
pm1a_evt: dw 0
pm1a_en: dw 0
pm1a_cnt: dw 0
pm_tmr: dw 0
slp_typ: db 0
have_slp: db 0

msg_nordsp: db 'pwrbtn-probe: no RSDP', 13, 10, 0
msg_nofadt: db 'pwrbtn-probe: no FACP in the RSDT', 13, 10, 0
msg_nos5: db 'pwrbtn-probe: no _S5 package in the DSDT', 13, 10, 0
msg_start: db 'pwrbtn-probe: start', 0
msg_wait: db 'pwrbtn-probe: waiting 1 s with PWRBTN_EN clear', 13, 10, 0
msg_after_wait: db 'pwrbtn-probe: after the wait', 0
msg_armed: db 'pwrbtn-probe: PWRBTN_EN set', 0
msg_armed_end: db ', waiting for the button', 13, 10, 0
msg_pressed: db 'pwrbtn-probe: pressed', 0
msg_timeout: db 'pwrbtn-probe: no press in 10 s', 0
msg_cleared: db 'pwrbtn-probe: cleared', 0
msg_off: db 'pwrbtn-probe: soft-off SLP_TYP=', 0
msg_still: db 'pwrbtn-probe: still running after SLP_EN', 13, 10, 0
msg_en: db ' PM1_EN=', 0
msg_sts: db ' PM1_STS=', 0
crlf: db 13, 10, 0

    times 4 * 512 - ($ - $$) db 0
    ; pad to one CHS cylinder (16 heads x 63 sectors) so AHCI boots it as well
    times 16 * 63 * 512 - ($ - $$) db 0
