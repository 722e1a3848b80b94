package dev.headroom.sizing.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import org.junit.jupiter.api.Test;

class SafeTextTest {
    @Test
    void ansiSequencesAndNewlinesFromInputBecomeVisibleEscapes() {
        // Red text, clear screen, retitle the window (OSC 0), an 8-bit CSI and a forged second line.
        String hostile = "chat\u001b[31mRED\u001b[2J\u001b]0;pwned\u0007\u009b1mX\nheadroom: all requirements met";
        String safe = SafeText.line(hostile);
        assertThat(safe).isEqualTo("chat\\x1b[31mRED\\x1b[2J\\x1b]0;pwned\\x07\\x9b1mX\\nheadroom: all requirements met");
        assertThat(safe.chars().noneMatch(c -> SafeText.unsafe((char) c))).isTrue();
    }

    @Test
    void bidiControlsAreEscapedAndPlainTextIsUntouched() {
        assertThat(SafeText.line("abc\u202eevil")).isEqualTo("abc\\u202eevil");
        String plain = "Llama 3.1 8B · Q4_K_M — 4.9 GiB ✅";
        assertThat(SafeText.line(plain)).isSameAs(plain);
    }

    @Test
    void textKeepsLayoutButNotEscapes() {
        assertThat(SafeText.text("a\n\tb\u001b[0m\r")).isEqualTo("a\n\tb\\x1b[0m\r");
    }

    @Test
    void clipCutsLongInputAndSaysHowMuch() {
        assertThat(SafeText.clip("x".repeat(1_000_000), 10)).isEqualTo("xxxxxxxxxx...(999990 more characters)");
        assertThat(SafeText.clip("short", 10)).isEqualTo("short");
    }

    @Test
    void theWriterFiltersEveryWritePath() throws IOException {
        StringWriter sink = new StringWriter();
        Writer w = SafeText.writer(sink);
        w.write('\u001b');
        w.write("[1m\n".toCharArray(), 0, 4);
        w.write("ok\u0008", 0, 3);
        w.flush();
        assertThat(sink.toString()).isEqualTo("\\x1b[1m\nok\\x08");
    }
}
