package dev.headroom.sizing.quant;

import java.util.Collection;
import java.util.Locale;

/** Suggests the nearest valid name for a mistyped one (Levenshtein distance, case-insensitive). */
public final class Names {
    private Names() {
    }

    /** The candidate closest to {@code input}; the first candidate on ties. */
    public static String nearest(String input, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String in = input.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = distance(in, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
