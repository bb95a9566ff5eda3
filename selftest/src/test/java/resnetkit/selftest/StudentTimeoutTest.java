package resnetkit.selftest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import resnetkit.grader.support.Student;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A student call that loops forever fails its test and then stops burning CPU, or at least does not pile up. */
class StudentTimeoutTest {

    /** Spins without ever sleeping, waiting or looking at its interrupt flag. */
    static long spin(AtomicReference<Thread> self) {
        self.set(Thread.currentThread());
        long x = 1;
        while (x != 0) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            x |= 1;
        }
        return x;
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void a_timed_out_endless_loop_stops_or_later_calls_of_it_fail_at_once() throws Exception {
        AtomicReference<Thread> looping = new AtomicReference<>();
        Throwable first = catchThrowable(() -> Student.call("Loop.forever(n=1)", 1, () -> spin(looping)));
        assertThat(first).as("the first call").isInstanceOf(AssertionError.class)
                .hasMessageContaining("without finishing");
        Thread t = looping.get();
        if (Runtime.version().feature() < 20) {
            // the kit's JDK 17: the thread is stopped, so the tests after it get the CPU back
            assertThat(t.isAlive()).as("the looping thread after its call timed out").isFalse();
        } else if (t.isAlive()) {
            // no Thread.stop: it still spins, but a second call must not start a second spinning thread
            long start = System.nanoTime();
            AtomicReference<Thread> second = new AtomicReference<>();
            Throwable again = catchThrowable(() -> Student.call("Loop.forever(n=2)", 1, () -> spin(second)));
            assertThat(again).hasMessageContaining("still running");
            assertThat((System.nanoTime() - start) / 1e9).as("seconds the second call took").isLessThan(0.5);
            assertThat(second.get()).as("a thread for the second call").isNull();
        }
        // other student methods are unaffected
        assertThat(Student.call("Other.method", 5, () -> 42)).isEqualTo(42);
    }
}
