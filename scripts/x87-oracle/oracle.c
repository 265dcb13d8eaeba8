/*
 * x87 oracle: runs one x87 instruction per input line on this machine's own FPU and prints the
 * state after it. Built 32-bit (gcc -m32) so FSAVE/FRSTOR use the 32-bit protected-mode layout.
 *
 * Input line:  STATE MEM EFLAGS CODE
 *   STATE   216 hex digits: a 108-byte FRSTOR image (32-bit protected-mode layout) loaded first
 *   MEM     256 hex digits: 128 bytes; the instruction's memory operand is [EAX] = start of MEM
 *   EFLAGS  hex: only CF (0x1), PF (0x4) and ZF (0x40) are taken (for FCMOVcc)
 *   CODE    hex bytes of the instruction(s), ModRM mod=00 rm=000 for a memory operand
 * Output line: STATE MEM EFLAGS  (FNSAVE image after the instruction, MEM after it, EFLAGS & 0x8d5)
 *
 * Only no-wait forms follow the instruction, so an unmasked exception it raises is captured
 * (FSW.ES set) instead of trapping.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>

static uint8_t state_in[108], state_out[108];
static uint8_t mem[128] __attribute__((aligned(16)));
static uint32_t flags_out;

static int unhex(const char *s, uint8_t *out, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned v;
    if (sscanf(s + 2 * i, "%2x", &v) != 1) return -1;
    out[i] = (uint8_t)v;
  }
  return 0;
}

static void hex(const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; i++) printf("%02x", p[i]);
}

static uint8_t *emit32(uint8_t *p, uint32_t v) {
  memcpy(p, &v, 4);
  return p + 4;
}

int main(void) {
  uint8_t *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (page == MAP_FAILED) { perror("mmap"); return 1; }
  static char line[4096];
  while (fgets(line, sizeof line, stdin)) {
    char st[300], mm[300], code[200];
    unsigned eflags;
    if (sscanf(line, "%299s %299s %x %199s", st, mm, &eflags, code) != 4 || strlen(st) != 216 || strlen(mm) != 256) {
      fprintf(stderr, "bad line: %s", line);
      return 2;
    }
    unhex(st, state_in, 108);
    unhex(mm, mem, 128);
    size_t clen = strlen(code) / 2;
    uint8_t insn[100];
    unhex(code, insn, clen);

    uint8_t *p = page;
    *p++ = 0x53; *p++ = 0x56; *p++ = 0x57; *p++ = 0x55;            /* push ebx, esi, edi, ebp */
    *p++ = 0xb8; p = emit32(p, (uint32_t)(uintptr_t)mem);           /* mov eax, mem */
    *p++ = 0xdd; *p++ = 0x25; p = emit32(p, (uint32_t)(uintptr_t)state_in); /* frstor [state_in] */
    *p++ = 0x68; p = emit32(p, 0x202 | (eflags & 0x45));            /* push imm32 */
    *p++ = 0x9d;                                                    /* popfd */
    memcpy(p, insn, clen); p += clen;
    *p++ = 0x9c; *p++ = 0x5a;                                       /* pushfd; pop edx */
    *p++ = 0x89; *p++ = 0x15; p = emit32(p, (uint32_t)(uintptr_t)&flags_out); /* mov [flags_out], edx */
    *p++ = 0xdd; *p++ = 0x35; p = emit32(p, (uint32_t)(uintptr_t)state_out); /* fnsave [state_out] */
    *p++ = 0x5d; *p++ = 0x5f; *p++ = 0x5e; *p++ = 0x5b; *p++ = 0xc3; /* pop ebp, edi, esi, ebx; ret */
    __builtin___clear_cache((char *)page, (char *)p);
    ((void (*)(void))page)();
    hex(state_out, 108); putchar(' ');
    hex(mem, 128); printf(" %x\n", flags_out & 0x8d5);
    fflush(stdout);
  }
  return 0;
}
