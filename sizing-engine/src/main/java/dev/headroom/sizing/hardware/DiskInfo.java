package dev.headroom.sizing.hardware;

/**
 * Free space on a file system where models live.
 *
 * @param purpose what lives there: {@code huggingface}, {@code ollama}, {@code working-dir}
 * @param path the directory asked about (it may not exist yet; the nearest existing parent was measured)
 * @param freeBytes bytes this user can still write
 * @param totalBytes size of the file system
 */
public record DiskInfo(String purpose, String path, long freeBytes, long totalBytes) {
    public DiskInfo {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("purpose: must not be blank");
        }
        path = path == null ? "" : path;
        if (freeBytes < 0 || totalBytes < 0) {
            throw new IllegalArgumentException("disk " + purpose + ": sizes must not be negative, were " + freeBytes + "/" + totalBytes);
        }
    }
}
