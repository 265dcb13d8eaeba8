/**
 * The BIOS call trap: how real-mode x86 code reaches the TypeScript firmware's BIOS services.
 *
 * The firmware puts a stub in its F-segment ROM for each vector it serves and points the IVT
 * at it. The stub saves the caller's registers on the caller's stack as a BIOS call frame,
 * tells the trap port where the frame is, and names the vector; the write of the vector is
 * the trap: the machine stops the x86 core and lets the resident firmware program serve the
 * call over the CPU wire (it reads and rewrites the frame in memory, nothing else), then the
 * x86 core resumes, the stub restores the registers from the frame and returns with IRET, so
 * the caller sees the registers and FLAGS the firmware left in the frame.
 *
 * The stub (16-bit real mode, 25 bytes):
 *
 *     66 60            pushad                 ; EAX ECX EDX EBX ESP EBP ESI EDI
 *     1e               push ds
 *     06               push es
 *     ba PP PP         mov dx, BIOS_TRAP_PORT
 *     8c d0            mov ax, ss
 *     ef               out dx, ax             ; +0: frame segment
 *     89 e0            mov ax, sp
 *     42 42            inc dx; inc dx
 *     ef               out dx, ax             ; +2: frame offset
 *     42 42            inc dx; inc dx
 *     b0 VV            mov al, VECTOR
 *     ee               out dx, al             ; +4: the vector — the trap
 *     07               pop es
 *     1f               pop ds
 *     66 61            popad
 *     cf               iret
 *
 * The IRQ 0 stub (vector 08h) adds, after the trap and before restoring the registers, what an
 * IBM-compatible BIOS does after counting the tick: the user timer hook and the end of interrupt
 * (SeaBIOS's handle_08 calls INT 1Ch, then sends the EOI; boot loaders such as SYSLINUX count
 * time by hooking INT 1Ch):
 *
 *     cd 1c            int 1Ch
 *     b0 20            mov al, 20h
 *     e6 20            out 20h, al            ; EOI to the master 8259
 *
 * Stubs are BIOS_STUB_SIZE bytes apart. A firmware that serves no vector answers the trap by
 * leaving the frame unchanged.
 */

/** Three registers: +0 frame segment (16 bits), +2 frame offset (16 bits), +4 vector (8 bits, the trap). */
export const BIOS_TRAP_PORT = 0x0b10;
export const BIOS_TRAP_PORT_LEN = 6;
export const BIOS_TRAP_SEGMENT = 0;
export const BIOS_TRAP_OFFSET = 2;
export const BIOS_TRAP_VECTOR = 4;

/** Byte offsets in the frame, from the frame's SS:SP (the order the stub pushes them, reversed). */
export const BIOS_FRAME = {
  es: 0,
  ds: 2,
  edi: 4,
  esi: 8,
  ebp: 12,
  /** ESP as pushed by PUSHAD (POPAD ignores it). */
  esp: 16,
  ebx: 20,
  edx: 24,
  ecx: 28,
  eax: 32,
  /** The return address and FLAGS the INT instruction pushed. */
  ip: 36,
  cs: 38,
  flags: 40,
} as const;
export const BIOS_FRAME_SIZE = 42;

/** FLAGS bits a BIOS service reports through (CF: error; ZF: keystroke waiting, equal). */
export const FLAGS_CF = 0x0001;
export const FLAGS_ZF = 0x0040;
export const FLAGS_IF = 0x0200;

/** The timer interrupt's vector, whose stub chains to INT 1Ch and sends the EOI itself. */
export const BIOS_TIMER_VECTOR = 0x08;

/** The stub for `vector`, as bytes (see the listings above). */
export function biosStub(vector: number): Uint8Array {
  const p = BIOS_TRAP_PORT;
  const timer = vector === BIOS_TIMER_VECTOR ? [0xcd, 0x1c, 0xb0, 0x20, 0xe6, 0x20] : [];
  return Uint8Array.of(
    0x66, 0x60, 0x1e, 0x06,
    0xba, p & 0xff, p >> 8,
    0x8c, 0xd0, 0xef,
    0x89, 0xe0, 0x42, 0x42, 0xef,
    0x42, 0x42, 0xb0, vector & 0xff, 0xee,
    ...timer,
    0x07, 0x1f, 0x66, 0x61, 0xcf,
  );
}
/** Distance between two stubs in the ROM (the longest stub, the timer's, is 31 bytes). */
export const BIOS_STUB_SIZE = 32;
