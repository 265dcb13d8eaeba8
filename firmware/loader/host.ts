/** What the linker-loader executor needs from the firmware: fw_cfg files, memory, zones. */
export interface LoaderFile {
  readonly key: number;
  readonly size: number;
}

export type LoaderZone = 'HIGH' | 'FSEG';

export interface LoaderHost {
  findFile(name: string): LoaderFile | undefined;
  /** Reads the whole file into memory at `addr`; returns the number of bytes read. */
  loadFile(file: LoaderFile, addr: number): number;
  /** fw_cfg DMA write (select, skip, write); false without DMA or on a device error. */
  writeFile(file: LoaderFile, offset: number, data: Uint8Array): boolean;
  alloc(zone: LoaderZone, size: number, align: number, below4g: boolean, name: string): number | undefined;
  free(addr: number, size: number): void;
  readBytes(addr: number, length: number): Uint8Array;
  writeBytes(addr: number, data: Uint8Array): void;
  /** A WRITE_POINTER was sent: SeaBIOS keeps a record of it in ZoneHigh for S3 resume (optional). */
  keepWritePointer?(record: WritePointerRecord): void;
}

export interface LoadedBlob {
  readonly name: string;
  readonly addr: number;
  readonly size: number;
  readonly zone: LoaderZone;
  /** OVMF: kept (a WRITE_POINTER pointee or an opaque ADD_POINTER target). */
  permanent: boolean;
}

/** A WRITE_POINTER sent to the host, recorded for S3 replay. */
export interface WritePointerRecord {
  readonly index: number;
  readonly file: string;
  readonly key: number;
  readonly offset: number;
  readonly size: number;
  readonly value: bigint;
}
