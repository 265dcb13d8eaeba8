/**
 * Connection descriptors (ACPI 6.5 §6.4.3.8): GPIO (large type 0x0C) as GpioInt/GpioIo and
 * serial bus (0x0E) as I2cSerialBusV2/SpiSerialBusV2/UartSerialBusV2. Descriptors with
 * vendor data stay undecoded (the template stays a Buffer).
 */
import type { ResourceDescriptor } from './descriptor.js';
import { aslString, hx, le } from './descriptor.js';

const PIN_CONFIG = ['PullDefault', 'PullUp', 'PullDown', 'PullNone'];
const POLARITY = ['ActiveHigh', 'ActiveLow', 'ActiveBoth'];
const IO_RESTRICTION = ['IoRestrictionNone', 'IoRestrictionInputOnly', 'IoRestrictionOutputOnly', 'IoRestrictionNoneAndPreserve'];

/** `b` is the body after the 3-byte large header; offsets inside the descriptor count that header. */
export function gpioDescriptor(b: Uint8Array): ResourceDescriptor | undefined {
  if (b.length < 20) return undefined;
  const at = (descriptorOffset: number) => descriptorOffset - 3;
  // §6.4.3.8.1 (descriptor byte offsets): type 4, general flags 5, interrupt/IO flags 7, pin
  // configuration 9, drive strength 10, debounce 12, pin table 14, source index 16, source name 17,
  // vendor data offset 19 and length 21.
  const type = b[1]!;
  const usage = b[2]! & 1 ? 'ResourceConsumer' : 'ResourceProducer';
  const f = Number(le(b, 4, 2));
  const pinConfig = PIN_CONFIG[b[6]!] ?? hx(b[6]!, 2);
  const pinTable = at(Number(le(b, 11, 2)));
  const source = at(Number(le(b, 14, 2)));
  const vendorLength = Number(le(b, 18, 2));
  if (vendorLength || pinTable < 20 || source < pinTable || source > b.length) return undefined;
  const pins: string[] = [];
  for (let p = pinTable; p + 2 <= source; p += 2) pins.push(hx(le(b, p, 2), 4));
  const share = `${f & 8 ? 'Shared' : 'Exclusive'}${f & 0x10 ? 'AndWake' : ''}`;
  const src = aslString(b, source, b.length);
  const debounce = hx(le(b, 9, 2), 4);
  const list = { items: pins, perLine: true, pins: true };
  if (type === 0) {
    return { macro: 'GpioInt', head: [f & 1 ? 'Edge' : 'Level', POLARITY[(f >> 1) & 3] ?? hx((f >> 1) & 3, 2), share, pinConfig, debounce, src, hx(b[13]!, 2), usage, '', ''], values: [], tail: '', list };
  }
  if (type === 1) {
    return {
      macro: 'GpioIo', head: [share, pinConfig, debounce, hx(le(b, 7, 2), 4), IO_RESTRICTION[f & 3]!, src, hx(b[13]!, 2), usage, '', ''],
      values: [], tail: '', list,
    };
  }
  return undefined;
}

const STOP_BITS = ['StopBitsZero', 'StopBitsOne', 'StopBitsOnePlusHalf', 'StopBitsTwo'];
const DATA_BITS = ['DataBitsFive', 'DataBitsSix', 'DataBitsSeven', 'DataBitsEight', 'DataBitsNine'];
const FLOW = ['FlowControlNone', 'FlowControlHardware', 'FlowControlXON'];
const PARITY = ['ParityTypeNone', 'ParityTypeEven', 'ParityTypeOdd', 'ParityTypeMark', 'ParityTypeSpace'];

/** Standard type-data lengths: I2C 6, SPI 9, UART 10 (§6.4.3.8.2.1–3). */
const TYPE_DATA: Readonly<Record<number, number>> = { 1: 6, 2: 9, 3: 10 };

export function serialBusDescriptor(b: Uint8Array): ResourceDescriptor | undefined {
  if (b.length < 9) return undefined;
  const busType = b[2]!;
  const dataLength = Number(le(b, 7, 2));
  if (TYPE_DATA[busType] !== dataLength || 9 + dataLength > b.length) return undefined;
  const g = b[3]!;
  const t = Number(le(b, 4, 2));
  const d = 9;
  const mode = g & 1 ? 'DeviceInitiated' : 'ControllerInitiated';
  const common = [aslString(b, d + dataLength, b.length), hx(b[1]!, 2), g & 2 ? 'ResourceConsumer' : 'ResourceProducer', ''];
  // The V2 macros (with the sharing argument) describe every revision; iasl writes them too.
  const end = [g & 4 ? 'Shared' : 'Exclusive', ''];
  const suffix = 'V2';
  if (busType === 1) {
    return { macro: `I2cSerialBus${suffix}`, head: [hx(le(b, d + 4, 2), 4), mode, hx(le(b, d, 4), 8), t & 1 ? 'AddressingMode10Bit' : 'AddressingMode7Bit', ...common, ...end], values: [], tail: '' };
  }
  if (busType === 2) {
    return {
      macro: `SpiSerialBus${suffix}`, head: [hx(le(b, d + 7, 2), 4), t & 2 ? 'PolarityHigh' : 'PolarityLow', t & 1 ? 'ThreeWireMode' : 'FourWireMode',
        hx(b[d + 4]!, 2), mode, hx(le(b, d, 4), 8), b[d + 6] ? 'ClockPolarityHigh' : 'ClockPolarityLow', b[d + 5] ? 'ClockPhaseSecond' : 'ClockPhaseFirst', ...common, ...end],
      values: [], tail: '',
    };
  }
  return {
    macro: `UartSerialBus${suffix}`, head: [hx(le(b, d, 4), 8), DATA_BITS[(t >> 4) & 7] ?? hx((t >> 4) & 7, 2), STOP_BITS[(t >> 2) & 3]!, hx(b[d + 9]!, 2),
      t & 0x80 ? 'BigEndian' : 'LittleEndian', PARITY[b[d + 8]!] ?? hx(b[d + 8]!, 2), FLOW[t & 3] ?? hx(t & 3, 2), hx(le(b, d + 4, 2), 4), hx(le(b, d + 6, 2), 4), ...common, ...end],
    values: [], tail: '',
  };
}
