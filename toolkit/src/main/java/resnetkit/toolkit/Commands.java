package resnetkit.toolkit;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;

/**
 * The kit's commands (experiments, batch grading, benchmarks) are picocli {@code @Command}s, whose main runs
 * {@code Commands.of(command).execute(args)} and exits with its code when that is not 0. {@code --help} prints the
 * usage (code 0); a usage error (an unknown option, a bad value, a missing required option) prints the error,
 * picocli's suggestions if any, and the usage (code 2); an exception of the command itself is printed with its
 * stack trace (code 1). Nothing here ends the JVM: the toolkit is on the students' classpath.
 */
public final class Commands {

    private Commands() {
    }

    /** The command line of {@code command} (an instance or a class), with the kit's handling of usage errors. */
    public static CommandLine of(Object command) {
        return new CommandLine(command).setParameterExceptionHandler(Commands::usageError);
    }

    /** picocli's own handler prints the usage only when it has no suggestion; this always prints it. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(cl.getColorScheme().errorText(e.getMessage()));
        UnmatchedArgumentException.printSuggestions(e, err);
        cl.usage(err, cl.getColorScheme());
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }
}
