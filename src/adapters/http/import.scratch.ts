// Where the first pass of an import keeps what it read for the second: a
// private file next to the spooled upload (removed with it), written in
// large buffered chunks and read back once, in order. Each item is a frame:
// u32 length of a small JSON head, u32 length of the body, the head, the body
// (an order's canonical JSON as it will be appended). So the file is parsed
// and validated once, and nothing is appended before all of it was.
import { open, type FileHandle } from 'node:fs/promises';
import type { RowReport } from '../../core/import.rows.ts';
import type { ImportScratch, ScratchItem } from '../../app/import.port.ts';

/** Bytes gathered before one write. */
const writeChunkBytes = 1 << 20;
/** Bytes read at once. */
const readChunkBytes = 1 << 20;
/** A frame's head or body at most (a body is one order: far below it). */
const frameBytesMax = 64 << 20;

type Head = { readonly k: 'o'; readonly e: string; readonly r: readonly number[] } | { readonly k: 'r'; readonly rows: readonly RowReport[] };

export class FileScratch implements ImportScratch {
  private handle: FileHandle | null = null;
  private chunks: Uint8Array[] = [];
  private chunkBytes = 0;
  private writtenBytes = 0;
  private ended = false;

  constructor(private readonly path: string) {}

  async add(item: ScratchItem): Promise<void> {
    if (this.ended) throw new Error('scratch: add after the items were read');
    const head = Buffer.from(JSON.stringify(item.kind === 'order' ? { k: 'o', e: item.externalId, r: item.rowNumbers } : { k: 'r', rows: item.rows }));
    const body = item.kind === 'order' ? item.body : new Uint8Array(0);
    const lengths = Buffer.allocUnsafe(8);
    lengths.writeUInt32LE(head.length, 0);
    lengths.writeUInt32LE(body.length, 4);
    this.chunks.push(lengths, head, body);
    this.chunkBytes += 8 + head.length + body.length;
    if (this.chunkBytes >= writeChunkBytes) await this.flush();
  }

  async *items(): AsyncGenerator<ScratchItem> {
    await this.flush();
    this.ended = true;
    if (this.handle === null) return;
    const handle = this.handle;
    let buffered = Buffer.alloc(0);
    let position = 0;
    try {
      while (position < this.writtenBytes || buffered.length > 0) {
        const frame = frameAt(buffered);
        if (frame !== null) {
          buffered = buffered.subarray(frame.end);
          yield frame.item;
          continue;
        }
        if (position >= this.writtenBytes) throw new Error('scratch: the file ends inside a frame');
        const chunk = Buffer.allocUnsafe(Math.min(readChunkBytes, this.writtenBytes - position));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, position);
        if (bytesRead === 0) throw new Error('scratch: the file is shorter than written');
        position += bytesRead;
        buffered = buffered.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([buffered, chunk.subarray(0, bytesRead)]);
      }
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    const h = this.handle;
    this.handle = null;
    await h?.close();
  }

  private async flush(): Promise<void> {
    if (this.chunkBytes === 0) return;
    this.handle ??= await open(this.path, 'wx+', 0o600);
    const data = Buffer.concat(this.chunks, this.chunkBytes);
    this.chunks = [];
    this.chunkBytes = 0;
    await this.handle.write(data, 0, data.length, this.writtenBytes);
    this.writtenBytes += data.length;
  }
}

/** The first whole frame of `b` and where it ends, or null when `b` does not hold one yet. */
function frameAt(b: Buffer): { item: ScratchItem; end: number } | null {
  if (b.length < 8) return null;
  const headBytes = b.readUInt32LE(0);
  const bodyBytes = b.readUInt32LE(4);
  if (headBytes > frameBytesMax || bodyBytes > frameBytesMax) throw new Error('scratch: a frame is larger than any written');
  const end = 8 + headBytes + bodyBytes;
  if (b.length < end) return null;
  const head = JSON.parse(b.toString('utf8', 8, 8 + headBytes)) as Head;
  if (head.k === 'o') {
    return { item: { kind: 'order', externalId: head.e, rowNumbers: head.r, body: b.subarray(8 + headBytes, end) }, end };
  }
  return { item: { kind: 'refused', rows: head.rows }, end };
}
