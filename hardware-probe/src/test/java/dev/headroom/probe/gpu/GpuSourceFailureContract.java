package dev.headroom.probe.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The half of the GPU source contract about failure: every source, including those that cannot see a GPU here. */
abstract class GpuSourceFailureContract {
    @TempDir
    Path tmp;

    /** The source fed with missing, failing or garbage input. */
    abstract GpuSource seeingNothing(Path tmp);

    @Test
    void aSourceThatSeesNothingSaysWhyInOneLineAndDoesNotThrow() {
        GpuSource source = seeingNothing(tmp);
        assertThatCode(source::read).doesNotThrowAnyException();
        GpuReadings r = source.read();
        assertThat(r.gpus()).isEmpty();
        assertThat(r.problems()).isNotEmpty().allSatisfy(p -> assertThat(p).isNotBlank().doesNotContain("\n"));
    }

    @Test
    void readingTwiceGivesTheSameAnswer() {
        GpuSource source = seeingNothing(tmp);
        assertThat(source.read()).isEqualTo(source.read());
    }
}
