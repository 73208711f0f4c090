package dev.taskspace.corpus;

import dev.taskspace.TaskspaceException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding whose errors name the file, line and column of the bad byte. */
final class Utf8 {
    private Utf8() {}

    /**
     * Decodes {@code bytes} (dropping a leading byte-order mark when {@code firstLine} is 1).
     *
     * @param file      the file name for messages
     * @param firstLine the line number of the first byte
     */
    static String decode(byte[] bytes, int offset, int length, String file, int firstLine) {
        if (firstLine == 1 && length >= 3 && (bytes[offset] & 0xff) == 0xEF && (bytes[offset + 1] & 0xff) == 0xBB
                && (bytes[offset + 2] & 0xff) == 0xBF) {
            offset += 3;
            length -= 3;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, (long) length + 16));
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) throw malformed(bytes, offset, in.position(), file, firstLine);
        r = decoder.flush(out);
        if (r.isError()) throw malformed(bytes, offset, in.position(), file, firstLine);
        out.flip();
        return out.toString();
    }

    static String decode(byte[] bytes, String file) {
        return decode(bytes, 0, bytes.length, file, 1);
    }

    private static TaskspaceException malformed(byte[] bytes, int start, int badPos, String file, int firstLine) {
        int line = firstLine;
        int lineStart = start;
        for (int i = start; i < badPos; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        // Column in bytes, 1-based: good enough to find the spot in any editor.
        int column = badPos - lineStart + 1;
        return new TaskspaceException(String.format(
                "%s:%d: not valid UTF-8 (byte 0x%02X at column %d); if the file is latin-1, convert it first: iconv -f latin1 -t utf-8",
                file, line, bytes[badPos] & 0xff, column));
    }
}
