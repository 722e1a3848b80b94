package dev.headroom.catalog.files;

/**
 * A bounded reader of protobuf wire format over a {@link ByteSource}: varints of at most 10 bytes,
 * length-delimited fields checked against the end of their enclosing message before anything is read,
 * and field payloads that are not wanted skipped without being read. Reads go through a 64 KiB window,
 * so a multi-gigabyte file is walked with constant memory.
 *
 * <p>Wire types (protobuf encoding spec): 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32; the
 * deprecated group types 3 and 4 are rejected.
 */
final class ProtoCursor {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;
    private static final int WINDOW = 64 * 1024;

    private final ByteSource src;
    private long position;
    private long limit;
    private byte[] window = new byte[0];
    private long windowStart;
    private long fieldsRead;
    private final long maxFields;

    ProtoCursor(ByteSource src, long maxFields) {
        this.src = src;
        this.limit = src.size();
        this.maxFields = maxFields;
    }

    long position() {
        return position;
    }

    long limit() {
        return limit;
    }

    boolean atEnd() {
        return position >= limit;
    }

    /** Narrows the readable range to a nested message of {@code length} bytes; returns the old limit to restore. */
    long push(long length, String what) {
        if (length < 0 || length > limit - position) {
            throw new ModelFileException(src.name() + ": " + what + " claims " + length + " bytes but its message has "
                    + (limit - position) + " left (truncated or corrupt protobuf)");
        }
        long old = limit;
        limit = position + length;
        return old;
    }

    void pop(long oldLimit) {
        position = limit;
        limit = oldLimit;
    }

    /** The next tag as {field number, wire type}. */
    int[] tag() {
        if (++fieldsRead > maxFields) {
            throw new ModelFileException(src.name() + ": more than " + maxFields + " protobuf fields (refusing a hostile file)");
        }
        long t = varint("tag");
        int wire = (int) (t & 7);
        long field = t >>> 3;
        if (field <= 0 || field > 536_870_911L) {
            throw new ModelFileException(src.name() + ": invalid protobuf field number " + field + " at byte " + position);
        }
        if (wire == 3 || wire == 4 || wire > 5) {
            throw new ModelFileException(src.name() + ": unsupported protobuf wire type " + wire + " at byte " + position);
        }
        return new int[] {(int) field, wire};
    }

    long varint(String what) {
        long result = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = u8(what);
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new ModelFileException(src.name() + ": " + what + ": varint longer than 10 bytes at byte " + position);
    }

    /** A length prefix of a length-delimited field, checked against the enclosing message. */
    long length(String what) {
        long n = varint(what + " length");
        if (n < 0 || n > limit - position) {
            throw new ModelFileException(src.name() + ": " + what + " claims " + n + " bytes but " + (limit - position)
                    + " are left in its message (truncated or corrupt protobuf)");
        }
        return n;
    }

    /** A UTF-8 string of at most {@code max} bytes. */
    String string(String what, int max) {
        long n = length(what);
        if (n > max) {
            throw new ModelFileException(src.name() + ": " + what + " of " + n + " bytes exceeds the limit of " + max);
        }
        byte[] b = bytes((int) n, what);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Skips the payload of a field of the given wire type. */
    void skip(int wire, String what) {
        switch (wire) {
            case VARINT -> varint(what);
            case FIXED64 -> advance(8, what);
            case FIXED32 -> advance(4, what);
            case LEN -> advance(length(what), what);
            default -> throw new ModelFileException(src.name() + ": unsupported wire type " + wire);
        }
    }

    void advance(long n, String what) {
        if (n < 0 || n > limit - position) {
            throw new ModelFileException(src.name() + ": " + what + " runs past the end of its message");
        }
        position += n;
    }

    /** Counts the varints in a packed field of {@code length} bytes without keeping them. */
    long countVarints(long length, String what) {
        long end = position + length;
        long count = 0;
        while (position < end) {
            varint(what);
            count++;
        }
        if (position != end) {
            throw new ModelFileException(src.name() + ": " + what + ": packed varints overrun their field");
        }
        return count;
    }

    private byte[] bytes(int n, String what) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) u8(what);
        }
        return out;
    }

    private int u8(String what) {
        if (position >= limit) {
            throw new ModelFileException(src.name() + ": " + what + ": truncated at byte " + position);
        }
        if (position < windowStart || position >= windowStart + window.length) {
            windowStart = position;
            window = src.read(position, (int) Math.min(WINDOW, src.size() - position));
        }
        return window[(int) (position++ - windowStart)] & 0xff;
    }
}
