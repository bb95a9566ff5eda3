package resnetkit.toolkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Progress without a terminal: plain lines, at most one per interval, always one when a task ends. */
class ProgressTest {

    @Test
    void linesSayWhatIsDoneAndWhenTheTaskEnds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = Progress.lines(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        p.start("layer1.1 dropped", 300);
        p.step(16);
        p.step(16); // within the interval: no line
        p.step(268);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out.lines()).hasSize(1);
        assertThat(out).startsWith("layer1.1 dropped: 300/300, 0:0").contains("elapsed").doesNotContain("\r");
    }

    @Test
    void clockShowsHoursOnlyWhenNeeded() {
        assertThat(Progress.clock(61.4)).isEqualTo("1:01");
        assertThat(Progress.clock(3725)).isEqualTo("1:02:05");
        assertThat(Progress.clock(-3)).isEqualTo("0:00");
    }
}
