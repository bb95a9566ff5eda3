package resnetkit.toolkit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PeakMemoryTest {

    @Test
    void peak_memory_is_read_from_proc() {
        assertThat(PeakMemory.peakRssMiB()).isGreaterThan(10);
    }
}
