package dev.headroom.catalog.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Random-access bytes of a file or an in-memory array, read only in ranges the caller has already
 * checked against {@link #size()}. Readers never allocate more than they asked for here.
 */
public interface ByteSource extends AutoCloseable {
    /** Total bytes available. */
    long size();

    /**
     * Reads exactly {@code length} bytes at {@code position}.
     *
     * @throws ModelFileException when the range runs past the end (a truncated file)
     */
    byte[] read(long position, int length);

    /** A name for messages (the file path). */
    String name();

    @Override
    void close();

    static ByteSource of(String name, byte[] bytes) {
        return new ByteSource() {
            @Override public long size() { return bytes.length; }
            @Override public String name() { return name; }
            @Override public void close() { }
            @Override public byte[] read(long position, int length) {
                if (position < 0 || length < 0 || position + length > bytes.length) {
                    throw new ModelFileException(name + ": truncated: needs bytes " + position + ".." + (position + length)
                            + " but has " + bytes.length);
                }
                byte[] out = new byte[length];
                System.arraycopy(bytes, (int) position, out, 0, length);
                return out;
            }
        };
    }

    /** A regular file (FIFOs, devices and directories are refused before anything opens them). */
    static ByteSource open(Path path) {
        try {
            FileChannel ch;
            try {
                ch = BoundedFiles.openRegular(path);
            } catch (BoundedFiles.InputFileException e) {
                throw new ModelFileException(e.getMessage(), e);
            }
            long size = ch.size();
            String name = path.toString();
            return new ByteSource() {
                @Override public long size() { return size; }
                @Override public String name() { return name; }
                @Override public void close() {
                    try {
                        ch.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                @Override public byte[] read(long position, int length) {
                    if (position < 0 || length < 0 || position + length > size) {
                        throw new ModelFileException(name + ": truncated: needs bytes " + position + ".." + (position + length)
                                + " but has " + size);
                    }
                    ByteBuffer buf = ByteBuffer.allocate(length);
                    try {
                        while (buf.hasRemaining()) {
                            if (ch.read(buf, position + buf.position()) < 0) {
                                throw new ModelFileException(name + ": truncated at byte " + (position + buf.position()));
                            }
                        }
                    } catch (IOException e) {
                        throw new ModelFileException(name + ": cannot read: " + e.getMessage(), e);
                    }
                    return buf.array();
                }
            };
        } catch (IOException e) {
            throw new ModelFileException(path + ": cannot open: " + e.getMessage(), e);
        }
    }
}
