package dev.headroom.catalog.files;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Sequential little-endian reads over a {@link ByteSource}, buffered in chunks; every read is bounds-checked first. */
final class LittleEndianCursor {
    private static final int CHUNK = 64 * 1024;
    private final ByteSource src;
    private long position;
    private byte[] buf = new byte[0];
    private long bufStart;

    LittleEndianCursor(ByteSource src, long position) {
        this.src = src;
        this.position = position;
    }

    long position() {
        return position;
    }

    long remaining() {
        return src.size() - position;
    }

    String name() {
        return src.name();
    }

    byte[] bytes(int n, String field) {
        if (n < 0 || n > remaining()) {
            throw new ModelFileException(src.name() + ": truncated: " + field + " needs " + n + " bytes at offset "
                    + position + " but only " + Math.max(0, remaining()) + " remain");
        }
        byte[] out = new byte[n];
        int copied = 0;
        while (copied < n) {
            if (position < bufStart || position >= bufStart + buf.length) {
                int len = (int) Math.min(CHUNK, remaining());
                buf = src.read(position, len);
                bufStart = position;
            }
            int offset = (int) (position - bufStart);
            int take = Math.min(n - copied, buf.length - offset);
            System.arraycopy(buf, offset, out, copied, take);
            copied += take;
            position += take;
        }
        return out;
    }

    void skip(long n, String field) {
        if (n < 0 || n > remaining()) {
            throw new ModelFileException(src.name() + ": truncated: " + field + " needs " + n + " bytes at offset "
                    + position + " but only " + Math.max(0, remaining()) + " remain");
        }
        position += n;
    }

    /** Moves back (or on) to an offset already within the file. */
    void seek(long offset) {
        if (offset < 0 || offset > src.size()) {
            throw new IllegalArgumentException("offset: outside the file, was " + offset);
        }
        position = offset;
    }

    /** Reads past a u64-length-prefixed string without decoding it, its length capped at {@code maxBytes}. */
    void skipString(long maxBytes, String field) {
        long len = u64(field + " length");
        if (len < 0 || len > maxBytes) {
            throw new ModelFileException(src.name() + ": " + field + " length " + Long.toUnsignedString(len)
                    + " exceeds the limit of " + maxBytes + " bytes");
        }
        skip(len, field);
    }

    int u8(String field) {
        return bytes(1, field)[0] & 0xff;
    }

    long u32(String field) {
        byte[] b = bytes(4, field);
        return (b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16 | (b[3] & 0xffL) << 24;
    }

    long u32Half(String field) {
        byte[] b = bytes(2, field);
        return (b[0] & 0xffL) | (b[1] & 0xffL) << 8;
    }

    long u64(String field) {
        byte[] b = bytes(8, field);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xffL);
        }
        return v;
    }

    /** A u64-length-prefixed UTF-8 string, its length capped at {@code maxBytes} before allocating. */
    String string(long maxBytes, String field) {
        long len = u64(field + " length");
        if (len < 0 || len > maxBytes) {
            throw new ModelFileException(src.name() + ": " + field + " length " + Long.toUnsignedString(len)
                    + " exceeds the limit of " + maxBytes + " bytes");
        }
        byte[] raw = bytes((int) len, field);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(src.name() + ": " + field + " at offset " + (position - len) + " is not valid UTF-8");
        }
    }
}
