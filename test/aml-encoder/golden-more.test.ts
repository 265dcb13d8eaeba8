import {
  Break, add, alias, arg, bufferOfSize, concat, condRefOf, createFieldOp, device, dwordMemory, external, fixedIo,
  ifThen, irq, local, memory32, method, name, objectType, qwordIo, resourceTemplate, ret, scope, sleep, store, str,
  toInteger, varPkg, whileDo, wordIo,
} from '../../src/machine/acpi/aml/index.js';
import { goldenTests } from './golden-case.js';
import type { GoldenCase } from './golden-case.js';

const CASES: GoldenCase[] = [
  {
    id: 'external and alias',
    /*
     * External (\_SB.EXT0, DeviceObj)
     * Alias (\_SB.EXT0, AEX0)
     */
    // iasl wraps External declarations in If (Zero) { ... } so that older interpreters skip them.
    aml: () => [ifThen(0, external('\\_SB.EXT0', 6)), alias('\\_SB.EXT0', 'AEX0')],
    expected: 'a00f00155c2e5f53425f455854300600065c2e5f53425f4558543041455830',
  },
  {
    id: 'condrefof, objecttype, concatenate, tointeger',
    /*
     * Method (MCRO, 1, NotSerialized) { If (CondRefOf (\_SB.XXXX, Local0)) { Return (ObjectType (Local0)) }
     * Concatenate ("ab", Arg0, Local1)
     * Return (ToInteger (Local1)) }
     */
    aml: () => [method('MCRO', 1, {}, ifThen(condRefOf('\\_SB.XXXX', local(0)), ret(objectType(local(0)))), concat(str('ab'), arg(0), local(1)), ret(toInteger(local(1))))],
    expected: '14234d43524f01a0115b125c2e5f53425f5858585860a48e60730d6162006861a4996100',
  },
  {
    id: 'createfield, empty buffer, break, sleep',
    /*
     * Method (MCFB, 1, Serialized) { CreateField (Arg0, 0x20, 0x08, FLD0)
     * Local0 = Buffer (Zero) {}
     * While (One) { Sleep (0x0A)
     * Break }
     * Return (FLD0) }
     */
    aml: () => [method('MCFB', 1, { serialized: true }, createFieldOp(arg(0), 0x20, 8, 'FLD0'), store(bufferOfSize(0), local(0)), whileDo(1, sleep(10), Break), ret('FLD0'))],
    expected: '14234d434642095b13680a200a08464c44307011020060a207015b220a0aa5a4464c4430',
  },
  {
    id: 'varpackage over 255 elements',
    /*
     * Method (MVPK, 0, NotSerialized) { Return (Package (0x0100) {}) }
     */
    aml: () => [method('MVPK', 0, {}, ret(varPkg(0x100)))],
    expected: '140c4d56504b00a413040b0001',
  },
  {
    id: 'method with sync level',
    /*
     * Method (MSYN, 0, Serialized, 3) { Return (Zero) }
     */
    aml: () => [method('MSYN', 0, { serialized: true, syncLevel: 3 }, ret(0))],
    expected: '14084d53594e38a400',
  },
  {
    id: 'fixed io, memory32, irq shared low',
    /*
     * Name (RT07, ResourceTemplate () { FixedIO (0x0060, 0x10)
     * Memory32 (ReadWrite, 0x10000000, 0x1FF00000, 0x00001000, 0x00100000)
     * IRQ (Level, ActiveLow, Shared) {5, 10} })
     */
    aml: () => [name('RT07', resourceTemplate(fixedIo(0x60, 0x10), memory32(true, 0x10000000, 0x1ff00000, 0x1000, 0x100000), irq({ edge: false, activeLow: true, shared: true }, 5, 10)))],
    expected: '085254303711210a1e4b60001085110001000000100000f01f0010000000001000232004187900',
  },
  {
    id: 'qword io, word io with translation',
    /*
     * Name (RT08, ResourceTemplate () { QWordIO (ResourceProducer, MinFixed, MaxFixed, PosDecode, EntireRange, 0x0000000000000000, 0x0000000000001000, 0x000000000000FFFF, 0x0000000000000000, 0x000000000000F000)
     * WordIO (ResourceProducer, MinFixed, MaxFixed, PosDecode, NonISAOnlyRanges, 0x0000, 0x2000, 0x2FFF, 0x0000, 0x1000) })
     */
    aml: () => [name('RT08', resourceTemplate(qwordIo({ minFixed: true, maxFixed: true, isaRanges: 'EntireRange' }, { min: 0x1000, max: 0xffff, length: 0xf000 }), wordIo({ minFixed: true, maxFixed: true, isaRanges: 'NonISAOnly' }, { min: 0x2000, max: 0x2fff, length: 0x1000 })))],
    expected: '08525430381144040a408a2b00010c0300000000000000000010000000000000ffff000000000000000000000000000000f0000000000000880d00010c0100000020ff2f000000107900',
  },
  {
    id: 'dword memory prefetchable, consumer',
    /*
     * Name (RT09, ResourceTemplate () { DWordMemory (ResourceConsumer, PosDecode, MinNotFixed, MaxNotFixed, Prefetchable, ReadOnly, 0x00000000, 0xE0000000, 0xEFFFFFFF, 0x00000000, 0x10000000) })
     */
    aml: () => [name('RT09', resourceTemplate(dwordMemory({ consumer: true, cache: 'Prefetchable', readWrite: false }, { min: 0xe0000000, max: 0xefffffff, length: 0x10000000 })))],
    expected: '0852543039111f0a1c87170000010600000000000000e0ffffffef00000000000000107900',
  },
  {
    id: 'scope with parent prefix and multi-segment names',
    /*
     * Scope (\_SB) { Device (PCI0) { Device (ISA) { Name (XYZ, 0x05)
     * Method (MPAR, 0, NotSerialized) { Return (Add (^^ISA.XYZ, \_SB.PCI0.ISA.XYZ)) } } } }
     */
    aml: () => [scope('\\_SB', device('PCI0', device('ISA', name('XYZ', 5), method('MPAR', 0, {}, ret(add('^^ISA.XYZ', '\\_SB.PCI0.ISA.XYZ'))))))],
    expected: '1044045c5f53425f5b823b504349305b82344953415f0858595a5f0a0514274d50415200a4725e5e2e4953415f58595a5f5c2f045f53425f504349304953415f58595a5f00',
  },
];

goldenTests(CASES);
