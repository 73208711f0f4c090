package dev.taskspace.internal;

import dev.taskspace.TaskspaceException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format (version 1.0) for 2-D little-endian float32 or float16 matrices,
 * so {@code numpy.load("sentiment.npy")} reads what taskspace writes. Either is read into floats
 * (float16 exactly, {@link Float16}).
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern HEADER = Pattern.compile(
            "\\{'descr': '([<>|]?[a-z]\\d+)', 'fortran_order': (True|False), 'shape': \\((\\d+), ?(\\d+),?\\), ?}\\s*");

    private Npy() {}

    /** Writes {@code rows} (all of one length) atomically as a [rows, dims] float32 matrix. */
    public static void write(Path file, float[][] rows) throws IOException {
        AtomicFiles.write(file, writer(rows));
    }

    /** Writes {@code rows} atomically as a float16 ({@code float16} true) or float32 matrix. */
    public static void write(Path file, float[][] rows, boolean float16) throws IOException {
        AtomicFiles.write(file, writer(rows, float16));
    }

    /** What writes {@code rows} (all of one length) as a [rows, dims] float32 matrix. */
    public static AtomicFiles.Writer writer(float[][] rows) {
        return writer(rows, false);
    }

    /**
     * What writes {@code rows} (all of one length) as a [rows, dims] matrix of float16 (each
     * value rounded to the nearest half, as numpy's {@code astype(float16)}) or float32.
     */
    public static AtomicFiles.Writer writer(float[][] rows, boolean float16) {
        int dims = rows.length == 0 ? 0 : rows[0].length;
        for (float[] r : rows) {
            if (r.length != dims) throw new IllegalArgumentException("rows of different lengths: " + dims + " and " + r.length);
        }
        int width = float16 ? 2 : 4;
        return out -> {
            out.write(header(rows.length, dims, float16 ? "<f2" : "<f4"));
            ByteBuffer buf = ByteBuffer.allocate(Math.max(4, dims * width)).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] r : rows) {
                buf.clear();
                if (float16) {
                    for (float f : r) buf.putShort(Float16.fromFloat(f));
                } else {
                    buf.asFloatBuffer().put(r);
                }
                out.write(buf.array(), 0, dims * width);
            }
        };
    }

    /** Reads a [rows, dims] float32 or float16 matrix written by {@link #write} or by numpy. */
    public static float[][] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, Files.size(file), file);
        }
    }

    /**
     * Reads a matrix of {@code size} bytes from {@code raw} (buffered here) up to its end; the
     * shape in its header is checked against {@code size} before anything is allocated, so a
     * damaged header fails as a wrong size, never as a huge allocation.
     *
     * @param file what the errors name
     */
    public static float[][] read(InputStream raw, long size, Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            byte[] magic = new byte[6];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) throw new TaskspaceException(file + " is not a .npy file");
            int major = in.readUnsignedByte();
            in.readUnsignedByte();
            int headerLength;
            if (major == 1) {
                headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
            } else if (major == 2 || major == 3) {
                headerLength = Integer.reverseBytes(in.readInt());
            } else {
                throw new TaskspaceException(file + ": unsupported .npy version " + major);
            }
            if (headerLength < 0 || headerLength > size) throw new TaskspaceException(file + " is truncated");
            byte[] h = new byte[headerLength];
            in.readFully(h);
            Matcher m = HEADER.matcher(new String(h, StandardCharsets.ISO_8859_1));
            if (!m.matches()) throw new TaskspaceException(file + ": expected a 2-D matrix, found header " + new String(h, StandardCharsets.ISO_8859_1).strip());
            boolean half = m.group(1).equals("<f2");
            if (!(half || m.group(1).equals("<f4")) || m.group(2).equals("True")) {
                throw new TaskspaceException(file + ": expected little-endian float32 or float16 in C order, found " + m.group(1));
            }
            // [n, d], n * d * width bytes after the header; a shape that cannot fit an array is a damaged header.
            long n = parseDimension(m.group(3), file);
            long d = parseDimension(m.group(4), file);
            long data = size - (MAGIC.length + 2 + (major == 1 ? 2 : 4) + headerLength);
            if (d > 0 && n > Long.MAX_VALUE / d / 4) throw new TaskspaceException(file + ": a " + n + " x " + d + " matrix cannot be read");
            long expected = n * d * (half ? 2 : 4);
            if (data < expected) throw new TaskspaceException(file + " is truncated");
            if (data > expected) throw new TaskspaceException(file + " has bytes after its " + n + " x " + d + " matrix");
            float[][] rows = new float[(int) n][(int) d];
            byte[] row = new byte[(int) d * (half ? 2 : 4)];
            ByteBuffer buf = ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                in.readFully(row);
                buf.clear();
                if (half) {
                    float[] r = rows[i];
                    for (int j = 0; j < d; j++) r[j] = Float16.toFloat(buf.getShort(2 * j));
                } else {
                    buf.asFloatBuffer().get(rows[i]);
                }
            }
            if (in.read() >= 0) throw new TaskspaceException(file + " has bytes after its " + n + " x " + d + " matrix");
            return rows;
        } catch (java.io.EOFException e) {
            throw new TaskspaceException(file + " is truncated", e);
        }
    }

    private static long parseDimension(String digits, Path file) {
        long v = digits.length() > 10 ? Long.MAX_VALUE : Long.parseLong(digits);
        if (v > Integer.MAX_VALUE - 8) throw new TaskspaceException(file + ": a dimension of " + digits + " cannot be read");
        return v;
    }

    static byte[] header(int rows, int dims, String descr) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + rows + ", " + dims + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1; // + '\n'
        int padding = (64 - unpadded % 64) % 64;
        String h = dict + " ".repeat(padding) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + h.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length()).put(h.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }
}
