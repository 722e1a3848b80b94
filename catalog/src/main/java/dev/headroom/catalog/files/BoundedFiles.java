package dev.headroom.catalog.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one way headroom opens a file named by a user or found on disk. Only regular files are opened
 * (a FIFO would block the open itself, {@code /dev/zero} and {@code /dev/urandom} never end, a directory
 * is not a document), and whole-file reads stop at a hard byte budget whatever size the file claims
 * (files in {@code /proc} and devices claim 0). Every refusal is an {@link InputFileException} whose
 * message is one line: {@code PATH: why}.
 */
public final class BoundedFiles {
    private BoundedFiles() {
    }

    /** A file that cannot be read as the caller asked; the message is one line naming the path. */
    public static final class InputFileException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public InputFileException(String message) {
            super(message);
        }

        public InputFileException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Checks that {@code path} is a regular file (following links) before anything opens it.
     *
     * @return its attributes
     * @throws InputFileException "no such file", "is a directory", "is a FIFO/device/socket, not a regular file"
     */
    public static BasicFileAttributes requireRegularFile(Path path) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new InputFileException(path + ": no such file");
        } catch (IOException | SecurityException e) {
            throw new InputFileException(path + ": cannot read: " + oneLine(e.getMessage()), e);
        }
        if (attrs.isDirectory()) {
            throw new InputFileException(path + ": is a directory, not a file");
        }
        if (!attrs.isRegularFile()) {
            throw new InputFileException(path + ": " + kind(path) + ", not a regular file");
        }
        return attrs;
    }

    /** A read-only channel on a regular file (checked first, so a FIFO never blocks the open). */
    public static FileChannel openRegular(Path path) {
        requireRegularFile(path);
        try {
            return FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException | SecurityException e) {
            throw new InputFileException(path + ": cannot open: " + oneLine(e.getMessage()), e);
        }
    }

    /**
     * The whole file, refused when it holds more than {@code maxBytes}: the read itself stops at
     * {@code maxBytes + 1}, so a file that claims a small size and keeps growing cannot pass.
     *
     * @param what the kind of file, for the message ("requirements file", "hardware profile")
     */
    public static byte[] readAll(Path path, long maxBytes, String what) {
        if (maxBytes < 0 || maxBytes >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBytes: must be in 0..2^31-10, was " + maxBytes);
        }
        BasicFileAttributes attrs = requireRegularFile(path);
        if (attrs.size() > maxBytes) {
            throw new InputFileException(path + ": " + attrs.size() + " bytes is too large for a " + what + " (limit "
                    + describe(maxBytes) + ")");
        }
        try (FileChannel ch = openRegular(path); InputStream in = Channels.newInputStream(ch)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(attrs.size() + 1, maxBytes + 1));
            byte[] chunk = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(chunk, 0, (int) Math.min(chunk.length, maxBytes + 1 - total))) > 0) {
                out.write(chunk, 0, n);
                total += n;
                if (total > maxBytes) {
                    throw new InputFileException(path + ": more than " + describe(maxBytes) + " is too large for a " + what);
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new InputFileException(path + ": cannot read: " + oneLine(e.getMessage()), e);
        }
    }

    /** The whole file as strict UTF-8 text (malformed bytes are refused, not replaced), within {@code maxBytes}. */
    public static String readUtf8(Path path, long maxBytes, String what) {
        byte[] bytes = readAll(path, maxBytes, what);
        try {
            CharBuffer text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return text.toString();
        } catch (CharacterCodingException e) {
            throw new InputFileException(path + ": not UTF-8 text");
        }
    }

    /** "1 MiB", "16 MiB", "512 KiB" or a byte count. */
    static String describe(long bytes) {
        if (bytes >= (1L << 20) && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }

    private static String kind(Path path) {
        try {
            Object type = Files.getAttribute(path, "unix:mode");
            if (type instanceof Integer mode) {
                return switch (mode & 0xF000) {
                    case 0x1000 -> "is a FIFO (named pipe)";
                    case 0x2000 -> "is a character device";
                    case 0x6000 -> "is a block device";
                    case 0xC000 -> "is a socket";
                    default -> "is not a regular file";
                };
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            // no unix view (Windows) or a link: the generic word below
        }
        return "is a device, FIFO or socket";
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
