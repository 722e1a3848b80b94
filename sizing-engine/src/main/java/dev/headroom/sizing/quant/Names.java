package dev.headroom.sizing.quant;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Suggests the nearest valid name for a mistyped one. Names are compared as tokens (split at
 * separators and at letter/digit boundaries, case-insensitive: {@code Llama-3.1-8B} is
 * {@code llama 3 1 8 b}): each typed token is matched to its closest candidate token (Levenshtein
 * distance over the longer length for words, relative difference for numbers, so {@code Q9} is nearer
 * {@code Q8_0} than {@code Q4_0}), and the mean of those is blended with the edit distance of the whole
 * names with separators removed ({@code rtx4090} = {@code RTX 4090}). A candidate that contains every
 * typed token thus ranks first, a one-letter slip ({@code lama}) still finds its word, and candidates of
 * unrelated shape ({@code pika}) rank last.
 *
 * <p>Cost is bounded whatever the input: only the first {@link #MAX_COMPARED_CHARS} characters of each
 * name and the first {@link #MAX_TOKENS} tokens are compared, so a name of a million characters costs
 * what one of 64 does.
 */
public final class Names {
    /** Characters of a name compared; longer names are cut here before any work. */
    public static final int MAX_COMPARED_CHARS = 64;
    /** Tokens of a name compared. */
    public static final int MAX_TOKENS = 16;
    /** Weight of the token match against the whole-name edit distance (fitted on {@code NamesTest}'s typo table). */
    static final double TOKEN_WEIGHT = 0.7;

    private Names() {
    }

    /** The candidate closest to {@code input}; the first candidate on ties, null when there are none. */
    public static String nearest(String input, Collection<String> candidates) {
        String in = prepare(input == null ? "" : input);
        List<String> inTokens = tokens(in);
        String inCompact = compact(in);
        String best = null;
        double bestScore = Double.MAX_VALUE;
        for (String c : candidates) {
            String cand = prepare(c);
            double score = score(inTokens, inCompact, tokens(cand), compact(cand));
            if (score < bestScore) {
                best = c;
                bestScore = score;
            }
        }
        return best;
    }

    /** 0 for the same name, up to 1 for names with nothing in common. */
    static double score(List<String> inTokens, String inCompact, List<String> candTokens, String candCompact) {
        double whole = normalised(inCompact, candCompact);
        if (inTokens.isEmpty() || candTokens.isEmpty()) {
            return whole;
        }
        double sum = 0;
        for (String t : inTokens) {
            double bestToken = 1;
            for (String u : candTokens) {
                bestToken = Math.min(bestToken, tokenDistance(t, u));
            }
            sum += bestToken;
        }
        return TOKEN_WEIGHT * sum / inTokens.size() + (1 - TOKEN_WEIGHT) * whole;
    }

    private static double tokenDistance(String a, String b) {
        boolean numbers = Character.isDigit(a.charAt(0)) && Character.isDigit(b.charAt(0));
        if (numbers && a.length() <= 9 && b.length() <= 9) {
            double x = Long.parseLong(a);
            double y = Long.parseLong(b);
            return x == y ? 0 : Math.abs(x - y) / Math.max(x, y);
        }
        return normalised(a, b);
    }

    private static double normalised(String a, String b) {
        int longer = Math.max(a.length(), b.length());
        return longer == 0 ? 0 : (double) distance(a, b) / longer;
    }

    private static String prepare(String s) {
        String cut = s.length() > MAX_COMPARED_CHARS ? s.substring(0, MAX_COMPARED_CHARS) : s;
        return cut.toLowerCase(Locale.ROOT);
    }

    /** Letter runs and digit runs, in order; everything else separates. */
    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length() && out.size() < MAX_TOKENS) {
            char ch = s.charAt(i);
            if (!Character.isLetterOrDigit(ch)) {
                i++;
                continue;
            }
            boolean digit = Character.isDigit(ch);
            int j = i;
            while (j < s.length() && Character.isLetterOrDigit(s.charAt(j)) && Character.isDigit(s.charAt(j)) == digit) {
                j++;
            }
            out.add(s.substring(i, j));
            i = j;
        }
        return out;
    }

    private static String compact(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetterOrDigit(s.charAt(i))) {
                b.append(s.charAt(i));
            }
        }
        return b.toString();
    }

    /** Levenshtein distance (insertions, deletions, substitutions of one character each). */
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
