package dev.taskspace.embed.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.zip.CRC32C;

/**
 * The cache's file format: append-only segment files of checksummed records. A segment starts
 * with the 8 bytes {@code TSVEC01\n}; then records, little-endian:
 *
 * <pre>
 * int32         0x52565354 ("TSVR")   record marker
 * byte[32]      SHA-256 of the text (UTF-8)
 * int32         d, the vector length (1..65536)
 * float32[d]    the vector
 * int32         CRC-32C of the hash, d and the vector
 * </pre>
 *
 * A writer only ever appends whole batches and forces them to disk, so a killed process
 * leaves at most one unfinished record at the end. Readers check every record: an unfinished
 * or damaged one is skipped (and counted), and reading goes on at the next record marker.
 */
final class Segments {
    static final byte[] HEADER = "TSVEC01\n".getBytes(StandardCharsets.US_ASCII);
    static final int MARKER = 0x52565354;
    static final int HASH_BYTES = 32;
    static final int MAX_DIMS = 65536;
    private static final int FIXED = 4 + HASH_BYTES + 4 + 4; // marker, hash, d, crc

    private Segments() {}

    /** How reading a segment went. */
    record Scan(int records, int damaged, boolean unfinishedTail, boolean badHeader) {}

    /** The bytes of records for these hashes and vectors, ready to append. */
    static ByteBuffer encode(byte[][] hashes, float[][] vectors) {
        int size = 0;
        for (float[] v : vectors) size += FIXED + 4 * v.length;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        for (int i = 0; i < vectors.length; i++) {
            if (hashes[i].length != HASH_BYTES) throw new IllegalArgumentException("a text hash has 32 bytes");
            b.putInt(MARKER);
            int from = b.position();
            b.put(hashes[i]).putInt(vectors[i].length);
            b.asFloatBuffer().put(vectors[i]); // little-endian, as b
            b.position(b.position() + 4 * vectors[i].length);
            crc.reset();
            crc.update(b.array(), from, b.position() - from);
            b.putInt((int) crc.getValue());
        }
        return b.flip();
    }

    /** Opens a new segment for appending, header written. */
    static FileChannel create(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            writeFully(ch, ByteBuffer.wrap(HEADER));
            return ch;
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /** Appends {@code records}, not yet forced to disk; returns the bytes written. */
    static int write(FileChannel ch, ByteBuffer records) throws IOException {
        int n = records.remaining();
        writeFully(ch, records);
        return n;
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }

    /** Reads every intact record of {@code segment} into {@code sink(hash, vector)}. */
    static Scan read(Path segment, BiConsumer<byte[], float[]> sink) throws IOException {
        ByteBuffer b;
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.READ)) {
            b = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size()).order(ByteOrder.LITTLE_ENDIAN);
        }
        if (b.remaining() < HEADER.length) return new Scan(0, 0, false, false); // just created by a writer
        byte[] head = new byte[HEADER.length];
        b.get(head);
        if (!Arrays.equals(head, HEADER)) return new Scan(0, 0, false, true);
        int records = 0;
        int damaged = 0;
        boolean tail = false;
        CRC32C crc = new CRC32C();
        int p = HEADER.length;
        while (p < b.limit()) {
            int end = recordEnd(b, p, crc);
            if (end > 0) {
                byte[] hash = new byte[HASH_BYTES];
                b.get(p + 4, hash);
                int d = b.getInt(p + 4 + HASH_BYTES);
                float[] v = new float[d];
                b.position(p + 8 + HASH_BYTES);
                b.asFloatBuffer().get(v);
                sink.accept(hash, v);
                records++;
                p = end;
                continue;
            }
            int next = nextMarker(b, p + 1);
            if (next < 0 && end == -2) {
                tail = true; // a record cut short at the end: an interrupted write
            } else {
                damaged++;
            }
            if (next < 0) break;
            p = next;
        }
        return new Scan(records, damaged, tail, false);
    }

    /**
     * The end of the intact record at {@code p}; -1 when it is damaged, -2 when it runs past
     * the end of the file.
     */
    private static int recordEnd(ByteBuffer b, int p, CRC32C crc) {
        if (b.limit() - p < FIXED) return -2;
        if (b.getInt(p) != MARKER) return -1;
        int d = b.getInt(p + 4 + HASH_BYTES);
        if (d < 1 || d > MAX_DIMS) return -1;
        long end = (long) p + FIXED + 4L * d;
        if (end > b.limit()) return -2;
        crc.reset();
        ByteBuffer body = b.duplicate().position(p + 4).limit((int) end - 4);
        crc.update(body);
        if ((int) crc.getValue() != b.getInt((int) end - 4)) return -1;
        for (int i = p + 8 + HASH_BYTES; i < end - 4; i += 4) {
            if (!Float.isFinite(b.getFloat(i))) return -1;
        }
        return (int) end;
    }

    private static int nextMarker(ByteBuffer b, int from) {
        for (int i = from; i + 4 <= b.limit(); i++) if (b.getInt(i) == MARKER) return i;
        return -1;
    }
}
