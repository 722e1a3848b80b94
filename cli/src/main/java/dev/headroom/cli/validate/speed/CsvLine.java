package dev.headroom.cli.validate.speed;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 fields of one line: commas separate, double quotes enclose, two double quotes escape one. */
final class CsvLine {
    private CsvLine() {
    }

    static List<String> split(String line) {
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
