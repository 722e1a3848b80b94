package dev.headroom.catalog;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 field splitting for one line (quoted fields may hold commas and doubled quotes). */
public final class Csv {
    private Csv() {
    }

    /**
     * @throws IllegalArgumentException when there is no line (the file ended early)
     */
    public static List<String> split(String line) {
        if (line == null) {
            throw new IllegalArgumentException("csv: empty file");
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
