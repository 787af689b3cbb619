import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bufferSource, findXmpPackets, readContainerXmp, readContainerXmpFromFile } from './xmp-container.js';
import { createExiftoolXmpReader, type ExiftoolXmpReader } from './xmp-reader.js';

/**
 * Our container XMP reader against ExifTool on generated MP4, MOV, WAV and MP3 files that carry
 * XMP where each format keeps it: both must read the same digital source type and provenance.
 */
const DST = 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia';
const PROVENANCE = 'self#jumbf=/c2pa/urn:c2pa:1234';
const packet = (prefix = 'Iptc4xmpExt') =>
  `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:${prefix}="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" xmlns:dcterms="http://purl.org/dc/terms/" ${prefix}:DigitalSourceType="${DST}" dcterms:provenance="${PROVENANCE}"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

function box(type: string, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}
const ftyp = (brand: string) => box('ftyp', Buffer.from(`${brand}\0\0\0\0${brand}`, 'latin1'));
const mdat = box('mdat', Buffer.alloc(4096, 7));
// A C2PA store whose thumbnail carries other XMP: it must be ignored.
const c2paBox = box(
  'uuid',
  Buffer.from('d8fec3d61b0e483c92975828877ec481', 'hex'),
  Buffer.from(packet().replace(DST, 'http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture')),
);

function riff(kind: string, ...chunks: [string, Buffer][]): Buffer {
  const body = Buffer.concat(
    chunks.map(([id, data]) => {
      const header = Buffer.alloc(8);
      header.write(id, 0, 'latin1');
      header.writeUInt32LE(data.length, 4);
      return Buffer.concat([header, data, Buffer.alloc(data.length % 2)]);
    }),
  );
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(4 + body.length, 4);
  header.write(kind, 8, 'latin1');
  return Buffer.concat([header, body]);
}

function mp3(): Buffer {
  const xmp = Buffer.from(packet());
  const owner = Buffer.from('XMP\0', 'latin1');
  const frame = Buffer.alloc(10);
  frame.write('PRIV', 0, 'latin1');
  frame.writeUInt32BE(owner.length + xmp.length, 4);
  const tagBody = Buffer.concat([frame, owner, xmp]);
  const size = tagBody.length;
  const header = Buffer.from([
    0x49,
    0x44,
    0x33,
    3,
    0,
    0,
    (size >> 21) & 0x7f,
    (size >> 14) & 0x7f,
    (size >> 7) & 0x7f,
    size & 0x7f,
  ]);
  // One silent MPEG-1 Layer III frame header after the tag.
  return Buffer.concat([header, tagBody, Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413)]);
}

const FILES: Record<string, { mime: string; bytes: Buffer }> = {
  'uuid.mp4': {
    mime: 'video/mp4',
    bytes: Buffer.concat([
      ftyp('isom'),
      c2paBox,
      box('uuid', Buffer.from('be7acfcb97a942e89c71999491e3afac', 'hex'), Buffer.from(packet())),
      mdat,
    ]),
  },
  'udta.mov': {
    mime: 'video/quicktime',
    bytes: Buffer.concat([
      ftyp('qt  '),
      mdat,
      box('moov', box('udta', box('XMP_', Buffer.from(packet('ext'))))),
    ]),
  },
  'chunk.wav': {
    mime: 'audio/wav',
    bytes: riff(
      'WAVE',
      ['fmt ', Buffer.from('0100020080bb000000ee02000400100000', 'hex').subarray(0, 16)],
      ['_PMX', Buffer.from(packet())],
      ['data', Buffer.alloc(64)],
    ),
  },
  'id3.mp3': { mime: 'audio/mpeg', bytes: mp3() },
};

let dir: string;
let exiftool: ExiftoolXmpReader;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clearframe-xmp-'));
  for (const [name, file] of Object.entries(FILES)) await writeFile(join(dir, name), file.bytes);
  exiftool = createExiftoolXmpReader(1);
});
afterAll(async () => {
  await exiftool.end();
  await rm(dir, { recursive: true, force: true });
});

describe('readContainerXmp', () => {
  it.each(Object.keys(FILES))(
    'reads what ExifTool reads from %s, from disk and from memory',
    async (name) => {
      const file = FILES[name]!;
      const ours = await readContainerXmpFromFile(join(dir, name), file.bytes.length, file.mime);
      const fromMemory = await readContainerXmp(bufferSource(file.bytes), file.mime);
      const theirs = await exiftool.read(join(dir, name));
      expect(ours).toEqual({ ok: true, facts: { digitalSourceTypes: [DST], provenance: PROVENANCE } });
      expect(fromMemory).toEqual(ours);
      expect(theirs).toEqual(ours);
    },
  );

  it('reads XMP written after the audio data, where ExifTool -fast stops reading', async () => {
    const tail = riff('WAVE', ['data', Buffer.alloc(64)], ['_PMX', Buffer.from(packet())]);
    expect(await readContainerXmp(bufferSource(tail), 'audio/wav')).toEqual({
      ok: true,
      facts: { digitalSourceTypes: [DST], provenance: PROVENANCE },
    });
  });

  it('finds nothing, without error, in media that carries no XMP', async () => {
    const plain = Buffer.concat([ftyp('isom'), mdat]);
    expect(await readContainerXmp(bufferSource(plain), 'video/mp4')).toEqual({
      ok: true,
      facts: { digitalSourceTypes: [], provenance: null },
    });
  });

  it('leaves a file that is not the container its extension says to ExifTool', async () => {
    expect(await readContainerXmp(bufferSource(Buffer.from('not a movie')), 'video/mp4')).toBeNull();
    expect(await readContainerXmp(bufferSource(Buffer.from('not a wave file')), 'audio/wav')).toBeNull();
  });

  it('never throws on arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 256 }),
        fc.constantFrom('video/mp4', 'audio/wav', 'audio/mpeg'),
        async (bytes, mime) => {
          const result = await readContainerXmp(
            bufferSource(Buffer.concat([ftyp('isom'), Buffer.from(bytes)])),
            mime,
          );
          expect(result === null || typeof result.ok === 'boolean').toBe(true);
        },
      ),
    );
  });

  it('splits several packets and ignores an unterminated one', () => {
    const two = Buffer.from(`${packet()}junk${packet('p2')}<x:xmpmeta never closed`);
    expect(findXmpPackets(two)).toHaveLength(2);
  });
});
