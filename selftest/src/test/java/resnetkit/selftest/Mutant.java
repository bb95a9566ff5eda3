package resnetkit.selftest;

import java.util.List;

/**
 * A wrong implementation a student could plausibly write: the reference solution with one or more text
 * replacements, the graded tests that must fail on it, and what their feedback must say.
 *
 * @param name        short id, e.g. "relu-before-add"
 * @param mistake     the mistake in the chapter's terms
 * @param file        path under solutions/src/main/java
 * @param edits       text replacements, each found exactly once
 * @param mustFail    names (or unique parts of names) of the graded tests that must fail
 * @param feedback    a fragment the feedback of the first designated test must contain
 */
record Mutant(String name, String mistake, String file, List<Edit> edits, List<String> mustFail,
              String feedback) {

    /** Replace {@code from}, which must occur exactly once, with {@code to}. */
    record Edit(String from, String to) {
    }

    static Edit edit(String from, String to) {
        return new Edit(from, to);
    }
}
