/** MC146818 RTC/CMOS register indices, and the memory-size bytes QEMU's pc_cmos_init sets. */
export const CMOS_INDEX_PORT = 0x70;
export const CMOS_DATA_PORT = 0x71;
/** The shutdown status byte; FEh asks the firmware to resume from S3 (QEMU's RTC writes it at suspend). */
export const CMOS_SHUTDOWN_STATUS = 0x0f;
export const CMOS_SHUTDOWN_S3_RESUME = 0xfe;

export const RTC_SECONDS = 0x00;
export const RTC_MINUTES = 0x02;
export const RTC_HOURS = 0x04;
export const RTC_DAY_OF_WEEK = 0x06;
export const RTC_DAY_OF_MONTH = 0x07;
export const RTC_MONTH = 0x08;
export const RTC_YEAR = 0x09;
export const RTC_REG_A = 0x0a;
export const RTC_REG_B = 0x0b;
export const RTC_REG_C = 0x0c;
export const RTC_REG_D = 0x0d;

export const CMOS_FLOPPY_TYPES = 0x10;
export const CMOS_EQUIPMENT = 0x14;
/** Base memory in KiB (min(low RAM, 640 KiB)), little-endian. */
export const CMOS_BASE_MEM_LO = 0x15;
export const CMOS_BASE_MEM_HI = 0x16;
/** Memory above 1 MiB in KiB, capped at 65535 (also mirrored at 0x30/0x31). */
export const CMOS_EXT_MEM_LO = 0x17;
export const CMOS_EXT_MEM_HI = 0x18;
export const CMOS_EXT_MEM_LO_COPY = 0x30;
export const CMOS_EXT_MEM_HI_COPY = 0x31;
export const CMOS_CENTURY = 0x32;
/** IBM PS/2 century byte: QEMU keeps it equal to CMOS_CENTURY. */
export const CMOS_PS2_CENTURY = 0x37;
/** Memory above 16 MiB in 64 KiB units, capped at 65535. */
export const CMOS_MEM_ABOVE_16M_LO = 0x34;
export const CMOS_MEM_ABOVE_16M_HI = 0x35;
export const CMOS_BOOT_FLAG_FLOPPY_SIG = 0x38;
export const CMOS_BOOT_DEVICE = 0x3d;
/** Memory above 4 GiB in 64 KiB units, 24 bits. */
export const CMOS_MEM_ABOVE_4G_0 = 0x5b;
export const CMOS_MEM_ABOVE_4G_1 = 0x5c;
export const CMOS_MEM_ABOVE_4G_2 = 0x5d;
/** CPU count − 1. */
export const CMOS_SMP_CPUS_MINUS_1 = 0x5f;
