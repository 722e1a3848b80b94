package dev.headroom.catalog.files;

/**
 * A model file that cannot be read: truncated, wrong magic, unsupported version, a length or count
 * beyond the readers' caps, invalid UTF-8 or JSON. The message is one line naming the file and the field.
 * It is an {@link IllegalArgumentException}, so the CLI reports it as invalid input (exit code 2).
 */
public final class ModelFileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
