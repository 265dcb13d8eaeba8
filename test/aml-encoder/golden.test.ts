import {
  Debug, Ones, acquire, add, and, arg, buffer, call, createDWordField, decrement, derefOf, device, divide, dma,
  dwordIo, dwordMemory, eisaId, elseDo, field, ifThen, increment, index, indexField, interrupt, io, irq,
  irqNoFlags, land, lequal, lgreater, lgreaterEqual, lless, llessEqual, lnot, lnotEqual, local, lor, memory32Fixed,
  method, mod, multiply, mutex, name, not, notify, opRegion, or, pkg, processor, qwordMemory, release,
  resourceTemplate, ret, scope, shiftLeft, shiftRight, sizeOf, store, str, subtract, toBuffer, toHexString, toUuid,
  pkgOfSize, whileDo, wordBusNumber, wordIo, xor,
} from '../../src/machine/acpi/aml/index.js';
import { goldenTests } from './golden-case.js';
import type { GoldenCase } from './golden-case.js';

const CASES: GoldenCase[] = [
  {
    id: 'integers Zero/One/Ones',
    /*
     * Name (I0, Zero)
     * Name (I1, One)
     * Name (I2, Ones)
     */
    aml: () => [name('I0', 0), name('I1', 1), name('I2', Ones)],
    expected: '0849305f5f000849315f5f010849325f5fff',
  },
  {
    id: 'integers byte/word/dword/qword',
    /*
     * Name (I3, 0x12)
     * Name (I4, 0x1234)
     * Name (I5, 0x12345678)
     * Name (I6, 0x123456789A)
     */
    aml: () => [name('I3', 0x12), name('I4', 0x1234), name('I5', 0x12345678), name('I6', 0x123456789an)],
    expected: '0849335f5f0a120849345f5f0b34120849355f5f0c785634120849365f5f0e9a78563412000000',
  },
  {
    id: 'string',
    /*
     * Name (STR0, "hello")
     */
    aml: () => [name('STR0', str('hello'))],
    expected: '08535452300d68656c6c6f00',
  },
  {
    id: 'buffer',
    /*
     * Name (BUF0, Buffer () {0x01, 0x02, 0x03})
     */
    aml: () => [name('BUF0', buffer([1, 2, 3]))],
    expected: '084255463011060a03010203',
  },
  {
    id: 'buffer 100 bytes (2-byte PkgLength)',
    /*
     * Name (BUF1, Buffer () {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0 ... }) // (elements as in the generator expression)
     */
    aml: () => [name('BUF1', buffer(Array.from({ length: 100 }, (_, i) => i)))],
    expected: '08425546311148060a64000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f60616263',
  },
  {
    id: 'buffer 5000 bytes (3-byte PkgLength)',
    /*
     * Name (BUF2, Buffer () {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0 ... }) // (elements as in the generator expression)
     */
    aml: () => [name('BUF2', buffer(Array.from({ length: 5000 }, (_, i) => i % 251)))],
    expected: '0842554632118e38010b8813000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fa000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6',
  },
  {
    id: 'package nested',
    /*
     * Name (PKG0, Package () {One, 0x10, "a", Package () {Zero}})
     */
    aml: () => [name('PKG0', pkg(1, 0x10, str('a'), pkg(0)))],
    expected: '08504b4730120c04010a100d610012030100',
  },
  {
    id: 'package of size',
    /*
     * Method (MPK, 0, NotSerialized) { Store (Package (0x80) {}, Local0) }
     */
    aml: () => [method('MPK', 0, {}, store(pkgOfSize(0x80), local(0)))],
    expected: '140b4d504b5f007012028060',
  },
  {
    id: 'scope device eisaid',
    /*
     * Scope (\_SB) { Device (PCI0) { Name (_HID, EisaId ("PNP0A03"))
     * Name (_ADR, Zero)
     * Name (_UID, Zero) } }
     */
    aml: () => [scope('\\_SB', device('PCI0', name('_HID', eisaId('PNP0A03')), name('_ADR', 0), name('_UID', 0)))],
    expected: '10235c5f53425f5b821b50434930085f4849440c41d00a03085f41445200085f55494400',
  },
  {
    id: 'device with root path',
    /*
     * Device (\_SB.VGEN) { Name (_DDN, "VM_Gen_Counter") }
     */
    aml: () => [device('\\_SB.VGEN', name('_DDN', str('VM_Gen_Counter')))],
    expected: '5b82205c2e5f53425f5647454e085f44444e0d564d5f47656e5f436f756e74657200',
  },
  {
    id: 'method serialized add',
    /*
     * Method (MADD, 2, Serialized) { Return (Add (Arg0, Arg1)) }
     */
    aml: () => [method('MADD', 2, { serialized: true }, ret(add(arg(0), arg(1))))],
    expected: '140b4d4144440aa472686900',
  },
  {
    id: 'if else while',
    /*
     * Method (MIFW, 1, NotSerialized) {
     * Store (Zero, Local0)
     * While (LLess (Local0, 0x10)) { Increment (Local0) }
     * If (LEqual (Arg0, One)) { Return (One) } Else { Return (Zero) } }
     */
    aml: () => [method('MIFW', 1, {}, store(0, local(0)), whileDo(lless(local(0), 0x10), increment(local(0))), ifThen(lequal(arg(0), 1), ret(1)), elseDo(ret(0)))],
    expected: '141c4d49465701700060a20795600a107560a006936801a401a103a400',
  },
  {
    id: 'logic ops',
    /*
     * Method (MLOG, 2, NotSerialized) {
     * If (LOr (LNot (Arg0), LAnd (LNotEqual (Arg0, Arg1), LGreaterEqual (Arg0, 0x05)))) { Return (LLessEqual (Arg1, LGreater (Arg0, Arg1))) } }
     */
    aml: () => [method('MLOG', 2, {}, ifThen(lor(lnot(arg(0)), land(lnotEqual(arg(0), arg(1)), lgreaterEqual(arg(0), 5))), ret(llessEqual(arg(1), lgreater(arg(0), arg(1))))))],
    expected: '141c4d4c4f4702a01591926890929368699295680a05a4929469946869',
  },
  {
    id: 'arithmetic with targets',
    /*
     * Method (MARI, 2, NotSerialized) {
     * ShiftLeft (One, Arg1, Local1)
     * ShiftRight (Arg0, 0x02, Local2)
     * And (Add (Arg0, Local2), 0x03, Local3)
     * Or (Local1, 0x80, Local1)
     * Subtract (SizeOf (Arg0), One, Local4)
     * Multiply (Arg0, Arg1, Local5)
     * Xor (Arg0, Arg1, Local6)
     * Not (Arg0, Local7)
     * Divide (Arg0, 0x03, Local0, Local1)
     * Mod (Arg0, 0x07, Local2)
     * Decrement (Local2)
     * Return (Local1) }
     */
    aml: () => [method('MARI', 2, {}, shiftLeft(1, arg(1), local(1)), shiftRight(arg(0), 2, local(2)), and(add(arg(0), local(2)), 3, local(3)), or(local(1), 0x80, local(1)), subtract(sizeOf(arg(0)), 1, local(4)), multiply(arg(0), arg(1), local(5)), xor(arg(0), arg(1), local(6)), not(arg(0), local(7)), divide(arg(0), 3, local(0), local(1)), mod(arg(0), 7, local(2)), decrement(local(2)), ret(local(1)))],
    expected: '143b4d41524902790169617a680a02627b726862000a03637d610a80617487680164776869657f68696680686778680a03606185680a07627662a461',
  },
  {
    id: 'index derefof',
    /*
     * Method (MIDX, 1, NotSerialized) {
     * Store (Package (0x02) {Zero, One}, Local0)
     * Store (DerefOf (Index (Local0, One)), Local1)
     * Store (Local1, Index (Local0, Zero))
     * Return (Local0) }
     */
    aml: () => [method('MIDX', 1, {}, store(pkg(0, 1), local(0)), store(derefOf(index(local(0), 1)), local(1)), store(local(1), index(local(0), 0)), ret(local(0)))],
    expected: '141c4d494458017012040200016070838860010061706188600000a460',
  },
  {
    id: 'opregion field',
    /*
     * OperationRegion (DBG, SystemIO, 0x0402, One)
     * Field (DBG, ByteAcc, NoLock, Preserve) { DBGB, 8 }
     */
    aml: () => [opRegion('DBG', 'SystemIO', 0x402, 1), field('DBG', { access: 'ByteAcc' }, { name: 'DBGB', bits: 8 })],
    expected: '5b804442475f010b0204015b810b4442475f014442474208',
  },
  {
    id: 'field offset and write-as-zeros',
    /*
     * OperationRegion (PRST, SystemIO, 0xAF00, 0x0C)
     * Field (PRST, ByteAcc, NoLock, WriteAsZeros) { Offset (0x04), CPEN, 1, CINS, 1, CRMV, 1, CEJ0, 1, Offset (0x05), CCMD, 8 }
     */
    aml: () => [opRegion('PRST', 'SystemIO', 0xaf00, 12), field('PRST', { access: 'ByteAcc', update: 'WriteAsZeros' }, { offset: 4 }, { name: 'CPEN', bits: 1 }, { name: 'CINS', bits: 1 }, { name: 'CRMV', bits: 1 }, { name: 'CEJ0', bits: 1 }, { offset: 5 }, { name: 'CCMD', bits: 8 })],
    expected: '5b8050525354010b00af0a0c5b8123505253544100204350454e0143494e530143524d560143454a3001000443434d4408',
  },
  {
    id: 'field dword lock memory',
    /*
     * OperationRegion (HPTM, SystemMemory, 0xFED00000, 0x0400)
     * Field (HPTM, DWordAcc, Lock, Preserve) { VEND, 32, PRD, 32 }
     */
    aml: () => [opRegion('HPTM', 'SystemMemory', 0xfed00000, 0x400), field('HPTM', { access: 'DWordAcc', lock: true }, { name: 'VEND', bits: 32 }, { name: 'PRD', bits: 32 })],
    expected: '5b804850544d000c0000d0fe0b00045b81104850544d1356454e44205052445f20',
  },
  {
    id: 'indexfield',
    /*
     * IndexField (IDX0, DAT0, ByteAcc, NoLock, Preserve) { Offset (0x10), REGA, 8, REGB, 16 }
     */
    aml: () => [indexField('IDX0', 'DAT0', { access: 'ByteAcc' }, { offset: 0x10 }, { name: 'REGA', bits: 8 }, { name: 'REGB', bits: 16 })],
    expected: '5b861749445830444154300100400852454741085245474210',
  },
  {
    id: 'notify',
    /*
     * Method (NTFY, 0, NotSerialized) { Notify (\_SB.VGEN, 0x80) }
     */
    aml: () => [method('NTFY', 0, {}, notify('\\_SB.VGEN', 0x80))],
    expected: '14134e54465900865c2e5f53425f5647454e0a80',
  },
  {
    id: 'mutex acquire release',
    /*
     * Mutex (BLCK, 0x00)
     * Method (MMTX, 0, NotSerialized) { Acquire (BLCK, 0xFFFF)
     * Release (BLCK) }
     */
    aml: () => [mutex('BLCK'), method('MMTX', 0, {}, acquire('BLCK', 0xffff), release('BLCK'))],
    expected: '5b01424c434b0014144d4d5458005b23424c434bffff5b27424c434b',
  },
  {
    id: 'touuid',
    /*
     * Name (UUID, ToUUID ("e5c937d0-3553-4d7a-9117-ea4d19c3434d"))
     */
    aml: () => [name('UUID', toUuid('e5c937d0-3553-4d7a-9117-ea4d19c3434d'))],
    expected: '085555494411130a10d037c9e553357a4d9117ea4d19c3434d',
  },
  {
    id: 'method call, tohexstring, tobuffer, debug',
    /*
     * Method (MCAL, 1, NotSerialized) { ToHexString (Arg0, Local0)
     * ToBuffer (Local0, Local0)
     * Store (Local0, Debug)
     * Return (MADD (Arg0, One)) }
     */
    aml: () => [method('MCAL', 1, {}, toHexString(arg(0), local(0)), toBuffer(local(0), local(0)), store(local(0), Debug), ret(call('MADD', arg(0), 1)))],
    expected: '14174d43414c0198686096606070605b31a44d4144446801',
  },
  {
    id: 'createdwordfield',
    /*
     * Method (MCDF, 1, NotSerialized) { CreateDWordField (Arg0, 0x05, PRRI)
     * Return (PRRI) }
     */
    aml: () => [method('MCDF', 1, {}, createDWordField(arg(0), 5, 'PRRI'), ret('PRRI'))],
    expected: '14134d434446018a680a0550525249a450525249',
  },
  {
    id: 'processor',
    /*
     * Processor (C000, 0x00, 0x00000000, 0x00) { Name (_MAT, Buffer () {0x00, 0x08, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00}) }
     */
    aml: () => [processor('C000', 0, 0, 0, name('_MAT', buffer([0, 8, 0, 0, 1, 0, 0, 0])))],
    expected: '5b831c43303030000000000000085f4d4154110b0a080008000001000000',
  },
  {
    id: 'io irqnoflags',
    /*
     * Name (RT00, ResourceTemplate () { IO (Decode16, 0x0070, 0x0070, 0x01, 0x08)
     * IRQNoFlags () {8} })
     */
    aml: () => [name('RT00', resourceTemplate(io(0x70, 0x70, 1, 8), irqNoFlags(8)))],
    expected: '085254303011100a0d47017000700001082200017900',
  },
  {
    id: 'io align 0, irq flags, dma',
    /*
     * Name (RT01, ResourceTemplate () { IO (Decode16, 0x03F2, 0x03F2, 0x00, 0x04)
     * IRQ (Edge, ActiveHigh, Exclusive) {6}
     * DMA (Compatibility, NotBusMaster, Transfer8) {2} })
     */
    aml: () => [name('RT01', resourceTemplate(io(0x3f2, 0x3f2, 0, 4), irq({ edge: true, activeLow: false, shared: false }, 6), dma('Compatibility', false, 'Transfer8', 2)))],
    expected: '085254303111140a114701f203f2030004234000012a04007900',
  },
  {
    id: 'memory32fixed',
    /*
     * Name (RT02, ResourceTemplate () { Memory32Fixed (ReadOnly, 0xFED00000, 0x00000400) })
     */
    aml: () => [name('RT02', resourceTemplate(memory32Fixed(0xfed00000, 0x400, false)))],
    expected: '085254303211110a0e860900000000d0fe000400007900',
  },
  {
    id: 'interrupt',
    /*
     * Name (RT03, ResourceTemplate () { Interrupt (ResourceConsumer, Level, ActiveHigh, Shared) {5, 10, 11} })
     */
    aml: () => [name('RT03', resourceTemplate(interrupt({ consumer: true, edge: false, activeLow: false, shared: true }, 5, 10, 11)))],
    expected: '085254303311160a13890e000903050000000a0000000b0000007900',
  },
  {
    id: 'word bus number, word io',
    /*
     * Name (RT04, ResourceTemplate () { WordBusNumber (ResourceProducer, MinFixed, MaxFixed, PosDecode, 0x0000, 0x0000, 0x00FF, 0x0000, 0x0100)
     * WordIO (ResourceProducer, MinFixed, MaxFixed, PosDecode, EntireRange, 0x0000, 0x0D00, 0xFFFF, 0x0000, 0xF300) })
     */
    aml: () => [name('RT04', resourceTemplate(wordBusNumber({ minFixed: true, maxFixed: true }, { min: 0, max: 0xff, length: 0x100 }), wordIo({ minFixed: true, maxFixed: true, isaRanges: 'EntireRange' }, { min: 0xd00, max: 0xffff, length: 0xf300 })))],
    expected: '085254303411250a22880d00020c0000000000ff0000000001880d00010c030000000dffff000000f37900',
  },
  {
    id: 'dword memory, qword memory',
    /*
     * Name (RT05, ResourceTemplate () { DWordMemory (ResourceProducer, PosDecode, MinFixed, MaxFixed, NonCacheable, ReadWrite, 0x00000000, 0x20000000, 0xFEBFFFFF, 0x00000000, 0xDEC00000)
     * QWordMemory (ResourceProducer, PosDecode, MinFixed, MaxFixed, Cacheable, ReadWrite, 0x0000000000000000, 0x0000000100000000, 0x000000017FFFFFFF, 0x0000000000000000, 0x0000000080000000) })
     */
    aml: () => [name('RT05', resourceTemplate(dwordMemory({ minFixed: true, maxFixed: true, cache: 'NonCacheable', readWrite: true }, { min: 0x20000000, max: 0xfebfffff, length: 0xdec00000 }), qwordMemory({ minFixed: true, maxFixed: true, cache: 'Cacheable', readWrite: true }, { min: 0x100000000n, max: 0x17fffffffn, length: 0x80000000n })))],
    expected: '0852543035114e040a4a871700000c010000000000000020ffffbffe000000000000c0de8a2b00000c0300000000000000000000000001000000ffffff7f01000000000000000000000000000080000000007900',
  },
  {
    id: 'dword io',
    /*
     * Name (RT06, ResourceTemplate () { DWordIO (ResourceProducer, MinFixed, MaxFixed, PosDecode, EntireRange, 0x00000000, 0x00001000, 0x0000FFFF, 0x00000000, 0x0000F000) })
     */
    aml: () => [name('RT06', resourceTemplate(dwordIo({ minFixed: true, maxFixed: true, isaRanges: 'EntireRange' }, { min: 0x1000, max: 0xffff, length: 0xf000 })))],
    expected: '0852543036111f0a1c871700010c030000000000100000ffff00000000000000f000007900',
  },
];

goldenTests(CASES);
