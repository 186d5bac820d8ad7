import { DomainError } from '@tiep-dan/contracts';
import {
  ATTACHMENT_TYPES,
  SNIFF_BYTES,
  SNIFFED_TYPES,
  allowedType,
  checkSignature,
  sniffed,
  type AttachmentType,
} from './attachment-content';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
};

const SAMPLES: Record<string, Buffer> = {
  pdf: Buffer.from('%PDF-1.4\n%âãÏÓ\n'),
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]),
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
  tiffLittle: Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0]),
  tiffBig: Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]),
  bigTiff: Buffer.from([0x49, 0x49, 0x2b, 0x00, 8, 0, 0, 0]),
  doc: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]),
  docx: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0]),
};

describe('allowed attachment types', () => {
  it('accepts the listed types whatever their case and parameters', () => {
    expect(allowedType('Application/PDF')).toBe('application/pdf');
    expect(allowedType('text/plain; charset=utf-8')).toBe('text/plain');
  });

  it.each([['image/gif'], ['text/html'], ['application/zip'], ['image/svg+xml'], [''], [undefined]])(
    'refuses %s with ATTACHMENT.UNSUPPORTED_TYPE',
    (type) => {
      expect(codeOf(() => allowedType(type))).toBe('ATTACHMENT.UNSUPPORTED_TYPE');
    },
  );

  it('sniffs exactly the types with a reliable signature', () => {
    expect([...SNIFFED_TYPES].sort()).toEqual(
      [
        'application/pdf',
        'image/jpeg',
        'image/png',
        'image/tiff',
        'application/msword',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ].sort(),
    );
  });
});

describe('signatures', () => {
  it.each<[string, AttachmentType, Buffer]>([
    ['a PDF', 'application/pdf', SAMPLES.pdf],
    ['a JPEG', 'image/jpeg', SAMPLES.jpeg],
    ['a PNG', 'image/png', SAMPLES.png],
    ['a little-endian TIFF', 'image/tiff', SAMPLES.tiffLittle],
    ['a big-endian TIFF', 'image/tiff', SAMPLES.tiffBig],
    ['a BigTIFF', 'image/tiff', SAMPLES.bigTiff],
    ['a Word 97 document', 'application/msword', SAMPLES.doc],
    ['a .docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', SAMPLES.docx],
  ])('accepts %s', (_name, type, head) => {
    expect(codeOf(() => checkSignature(head, type))).toBeUndefined();
  });

  it('refuses every sniffed type given the bytes of another', () => {
    const own: Record<string, Buffer> = {
      'application/pdf': SAMPLES.pdf,
      'image/jpeg': SAMPLES.jpeg,
      'image/png': SAMPLES.png,
      'image/tiff': SAMPLES.tiffLittle,
      'application/msword': SAMPLES.doc,
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': SAMPLES.docx,
    };
    for (const type of SNIFFED_TYPES) {
      for (const [other, head] of Object.entries(own)) {
        if (other === type) continue;
        expect([type, other, codeOf(() => checkSignature(head, type))]).toEqual([
          type,
          other,
          'ATTACHMENT.UNSUPPORTED_TYPE',
        ]);
      }
    }
  });

  it('finds a PDF header anywhere in the first 1024 bytes, as PDF readers do, and not later', () => {
    const at = (offset: number) => Buffer.concat([Buffer.alloc(offset, 0x20), SAMPLES.pdf]);
    expect(codeOf(() => checkSignature(at(500), 'application/pdf'))).toBeUndefined();
    expect(codeOf(() => checkSignature(at(SNIFF_BYTES), 'application/pdf'))).toBe(
      'ATTACHMENT.UNSUPPORTED_TYPE',
    );
  });

  it('does not judge the types without a signature', () => {
    const junk = Buffer.from('anything at all');
    for (const type of ATTACHMENT_TYPES.filter((t) => !SNIFFED_TYPES.includes(t))) {
      expect(codeOf(() => checkSignature(junk, type))).toBeUndefined();
    }
  });
});

describe('sniffed streams', () => {
  async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of source) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  async function* bytewise(bytes: Buffer, pulled = { count: 0 }) {
    for (const byte of bytes) {
      pulled.count++;
      yield Buffer.from([byte]);
    }
  }

  it('passes a matching stream through unchanged, even one byte at a time', async () => {
    const bytes = Buffer.concat([SAMPLES.png, Buffer.alloc(3000, 9)]);
    expect((await collect(sniffed(bytewise(bytes), 'image/png'))).equals(bytes)).toBe(true);
  });

  it('passes a stream shorter than the sniffed head', async () => {
    expect((await collect(sniffed(bytewise(SAMPLES.jpeg), 'image/jpeg'))).equals(SAMPLES.jpeg)).toBe(true);
  });

  it('stops a mismatching stream after its head, before any byte reaches the consumer', async () => {
    const pulled = { count: 0 };
    const received: Uint8Array[] = [];
    const run = async () => {
      for await (const chunk of sniffed(bytewise(Buffer.alloc(50_000, 1), pulled), 'application/pdf'))
        received.push(chunk);
    };
    await expect(run()).rejects.toMatchObject({ code: 'ATTACHMENT.UNSUPPORTED_TYPE' });
    expect(pulled.count).toBe(SNIFF_BYTES);
    expect(received).toEqual([]);
  });

  it('refuses an empty stream declared as a sniffed type', async () => {
    await expect(collect(sniffed(bytewise(Buffer.alloc(0)), 'image/png'))).rejects.toMatchObject({
      code: 'ATTACHMENT.UNSUPPORTED_TYPE',
    });
  });
});
