import type { SystemDeviceDriver } from '../options/device-driver.js';
import { MmioWindow, RamWindow } from '../bus/memory-target.js';
import { RamBlock } from '../bus/ram-block.js';
import { TpmTis } from './tpm-tis.js';
import { MinimalTpm2 } from './tpm2-responder.js';
import { FW_CFG_TPM_CONFIG, TPM_PPI_ADDR_BASE, TPM_PPI_ADDR_SIZE, TPM_PPI_VERSION_1_30, TPM_TIS_ADDR_BASE, TPM_TIS_ADDR_SIZE, TPM_VERSION_2_0 } from '../../spec/tpm.js';
import { hex } from '../../lib/hex.js';

/** QEMU's default TIS interrupt (TPM_TIS_IRQ); its ACPI _CRS names none, firmware polls. */
const TPM_TIS_IRQ = 5;

/**
 * `-device tpm-tis,tpmdev=ID`: a TPM 2.0 behind the TIS/FIFO interface at 0xFED40000, the PPI
 * page at 0xFED45000, fw_cfg etc/tpm/config; the ACPI build adds the TPM device, the TPM2 table
 * and etc/tpm/log. The `-tpmdev emulator` backend is fwlab's own minimal TPM, not swtpm
 * (decision 0036).
 */
export const TPM_TIS: SystemDeviceDriver = {
  name: 'tpm-tis',
  description: 'TPM 2.0 TIS interface (0xFED40000, MSFT0101, TPM2 table; needs -tpmdev emulator)',
  bus: 'isa',
  props: {
    tpmdev: { kind: 'string', description: 'the -tpmdev backend id' },
    irq: { kind: 'uint', description: 'interrupt the TIS raises when the guest enables it', default: String(TPM_TIS_IRQ) },
  },
  create(ctx, device) {
    const irq = Number(device.props.get('irq'));
    const tis = new TpmTis(new MinimalTpm2(), ctx.irqLine(irq), irq);
    ctx.memory.map('tpm-tis', TPM_TIS_ADDR_BASE, new MmioWindow(tis, TPM_TIS_ADDR_SIZE));
    const ppi = new RamBlock('tpm-ppi', TPM_PPI_ADDR_SIZE);
    ctx.memory.map('tpm-ppi', TPM_PPI_ADDR_BASE, new RamWindow(ppi, 0, TPM_PPI_ADDR_SIZE));
    const config = new Uint8Array(6);
    new DataView(config.buffer).setUint32(0, TPM_PPI_ADDR_BASE, true);
    config[4] = TPM_VERSION_2_0;
    config[5] = TPM_PPI_VERSION_1_30;
    ctx.fwCfg.addFile(FW_CFG_TPM_CONFIG, config);
    ctx.onReset(() => tis.reset());
    ctx.addState('tpm-tis', tis);
    ctx.addState('tpm-ppi', ppi);
    ctx.addDevice({ name: 'tpm-tis', id: device.id, bus: 'isa', where: `mmio ${hex(TPM_TIS_ADDR_BASE)}, PPI ${hex(TPM_PPI_ADDR_BASE)}` });
  },
};
