package dev.headroom.sizing.text;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Makes text from input safe to print. Control characters (C0, DEL, C1: the ESC that starts ANSI
 * sequences, the CSI of 8-bit terminals, backspace, bell, form feed), Unicode bidirectional controls
 * (U+200E/F, U+202A..E, U+2066..9: "Trojan Source", CVE-2021-42574) and line/paragraph separators are
 * written as visible escapes ({@code \x1b}, {@code \u202e}), so a model name cannot colour, move the
 * cursor, clear the screen, retitle the terminal, reorder what is shown or fake a line of output.
 *
 * <p>{@link #line} is for one field (a table cell, a name in a message): it escapes newlines and tabs
 * too. {@link #writer} filters a whole output stream and keeps {@code \n}, {@code \r} and {@code \t},
 * which headroom itself writes.
 */
public final class SafeText {
    private SafeText() {
    }

    /** One line: every unsafe character, newlines, carriage returns and tabs included, as a visible escape. */
    public static String line(String s) {
        return escape(String.valueOf(s), false);
    }

    /** {@link #line}, cut to at most {@code max} characters of input with a note of how many were left out. */
    public static String clip(String s, int max) {
        String text = String.valueOf(s);
        if (text.length() <= max) {
            return line(text);
        }
        return line(text.substring(0, max)) + "...(" + (text.length() - max) + " more characters)";
    }

    /** Keeps newlines, carriage returns and tabs; escapes the rest of the unsafe characters. */
    public static String text(String s) {
        return escape(String.valueOf(s), true);
    }

    /** Whether {@code c} must not reach a terminal raw. */
    public static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u200e' || c == '\u200f'
                || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069') || c == '\u2028' || c == '\u2029';
    }

    private static boolean kept(char c, boolean layout) {
        return layout && (c == '\n' || c == '\r' || c == '\t');
    }

    private static String escape(String s, boolean layout) {
        int first = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (unsafe(c) && !kept(c, layout)) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            appendEscaped(b, s.charAt(i), layout);
        }
        return b.toString();
    }

    private static void appendEscaped(StringBuilder b, char c, boolean layout) {
        if (!unsafe(c) || kept(c, layout)) {
            b.append(c);
        } else if (c == '\n') {
            b.append("\\n");
        } else if (c == '\r') {
            b.append("\\r");
        } else if (c == '\t') {
            b.append("\\t");
        } else if (c <= 0xff) {
            b.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
        } else {
            b.append(String.format("\\u%04x", (int) c));
        }
    }

    /** A writer that escapes unsafe characters on their way to {@code out}, keeping newlines, returns and tabs. */
    public static Writer writer(Writer out) {
        return new FilterWriter(out) {
            @Override
            public void write(int c) throws IOException {
                char ch = (char) c;
                if (unsafe(ch) && !kept(ch, true)) {
                    StringBuilder b = new StringBuilder(6);
                    appendEscaped(b, ch, true);
                    out.write(b.toString());
                } else {
                    out.write(c);
                }
            }

            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                write(new String(cbuf, off, len), 0, len);
            }

            @Override
            public void write(String str, int off, int len) throws IOException {
                String part = off == 0 && len == str.length() ? str : str.substring(off, off + len);
                String safe = escape(part, true);
                out.write(safe, 0, safe.length());
            }
        };
    }
}
