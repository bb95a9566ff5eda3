package resnetkit.grader.worker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test's output is kept up to its cap, counted beyond it, echoed to the console up to a smaller cap, from any
 * thread, and survives the journal whatever characters it holds.
 */
class OutputCaptureTest {

    private static final String LINE = "0123456789\n";

    @Test
    void keeps_exactly_the_cap_and_counts_the_rest_from_many_threads() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream echo = new PrintStream(console, true, StandardCharsets.UTF_8);
        CappedOutput out = new CappedOutput("this test", 1_000, 100, echo, echo);
        int threads = 8;
        int lines = 20_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            boolean err = t % 2 == 0;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < lines; i++) {
                    out.append(LINE, err);
                }
            });
            thread.start();
            started.add(thread);
        }
        go.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        long total = (long) threads * lines * LINE.length();
        assertThat(out.total()).as("characters counted from %d threads", threads).isEqualTo(total);
        String text = out.text();
        assertThat(text.substring(0, 1_000)).as("the kept part: whole lines, none torn by another thread")
                .isEqualTo(LINE.repeat(1_000 / LINE.length()) + LINE.substring(0, 1_000 % LINE.length()));
        assertThat(text.substring(1_000)).isEqualTo("\n... " + String.format(Locale.ROOT, "%,d", total - 1_000)
                + " more characters printed by this test were cut (the report keeps the first 1,000)");
        out.endEcho();
        String echoed = console.toString(StandardCharsets.UTF_8);
        assertThat(echoed).as("the console").startsWith(LINE.repeat(9) + "0\n... ")
                .endsWith(" more characters printed by this test were cut (the console shows the first 100;"
                        + " results.json and junit.xml keep 1,000)\n");
    }

    @Test
    void short_output_is_kept_whole_and_nothing_is_said_about_cutting() {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream echo = new PrintStream(console, true, StandardCharsets.UTF_8);
        CappedOutput out = new CappedOutput("this test", 100, 0, echo, echo);
        out.append("a line\n", false);
        out.endEcho();
        assertThat(out.text()).isEqualTo("a line\n");
        assertThat(console.size()).as("echo 0: a hidden test prints nothing on the console").isZero();
    }

    /** 50 MB printed in a loop, from the test's thread and a thread it starts, cost a counter and little time. */
    @Test
    @Timeout(60)
    void fifty_megabytes_through_system_out_keep_the_cap() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream fake = new PrintStream(console, true, StandardCharsets.UTF_8);
        String text;
        long nanos;
        try {
            System.setOut(fake);
            System.setErr(fake);
            try (OutputCapture capture = OutputCapture.install()) {
                capture.begin(true);
                long start = System.nanoTime();
                String line = "y".repeat(99);
                Thread helper = new Thread(() -> System.err.println("from a thread the test started"));
                helper.start();
                helper.join();
                for (int i = 0; i < 500_000; i++) {
                    System.out.println(line);
                }
                nanos = System.nanoTime() - start;
                text = capture.end();
                System.out.println("between tests: the console again");
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertThat(text).startsWith("from a thread the test started\n" + "y".repeat(99) + "\n")
                .endsWith("... 49,990,031 more characters printed by this test were cut (the report keeps the first"
                        + " 10,000)");
        assertThat(text.length()).as("kept characters").isLessThan(OutputCapture.KEPT + 200);
        assertThat(console.size()).as("bytes echoed to the console").isLessThan(OutputCapture.ECHOED + 300);
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("49,998,031 more characters printed by this"
                + " test were cut (the console shows the first 2,000").endsWith("between tests: the console again\n");
        assertThat(nanos / 1e9).as("seconds to print 50 MB").isLessThan(20);
    }
}
