package dev.headroom.probe.gpu;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The GPUs under {@code /sys/class/drm}: one {@code cardN} directory per device (connector entries such as
 * {@code card0-DP-1} are skipped), with the PCI vendor and device ids from {@code cardN/device/vendor} and
 * {@code cardN/device/device}. Reads small files only; a tree that cannot be read gives no cards.
 */
final class DrmCards {
    /** Sysfs attribute files hold one short line; anything longer is not what we expect. */
    private static final long MAX_FILE_BYTES = 4096;

    record Card(int index, Path dir, String vendorId, String deviceId) {
        Path device() {
            return dir.resolve("device");
        }

        String pciId() {
            return vendorId + ":" + deviceId;
        }
    }

    private DrmCards() {
    }

    static List<Card> list(Path drmRoot) {
        List<Card> cards = new ArrayList<>();
        if (!Files.isDirectory(drmRoot)) {
            return cards;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(drmRoot, "card*")) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!name.matches("card[0-9]{1,3}")) {
                    continue;
                }
                String vendor = hexId(read(dir.resolve("device/vendor")));
                String device = hexId(read(dir.resolve("device/device")));
                if (!vendor.isEmpty()) {
                    cards.add(new Card(Integer.parseInt(name.substring(4)), dir, vendor, device));
                }
            }
        } catch (IOException | RuntimeException e) {
            return cards;
        }
        cards.sort(Comparator.comparingInt(Card::index));
        return cards;
    }

    /** {@code 0x1002} → {@code 1002}; empty when not a 16-bit hex id. */
    static String hexId(String text) {
        if (text == null) {
            return "";
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        t = t.startsWith("0x") ? t.substring(2) : t;
        return t.matches("[0-9a-f]{4}") ? t : "";
    }

    /** The file's first line, or null when absent, unreadable or implausibly large. */
    static String read(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_FILE_BYTES) {
                return null;
            }
            return Files.readString(file).strip();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A non-negative byte count from a sysfs file, or -1. */
    static long readBytes(Path file) {
        String s = read(file);
        if (s == null) {
            return -1;
        }
        try {
            long v = Long.parseLong(s);
            return v < 0 ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
