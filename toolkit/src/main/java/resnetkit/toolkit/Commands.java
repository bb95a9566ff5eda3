package resnetkit.toolkit;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;

/**
 * The kit's commands (experiments, batch grading, benchmarks) are picocli {@code @Command}s; this runs one. A
 * usage error (an unknown option, a bad value, a missing required option) prints the error, picocli's
 * suggestions if any, and the usage, then ends the JVM with exit code 2; {@code --help} prints the usage and
 * returns; an exception of the command itself is printed with its stack trace and ends the JVM with exit code 1.
 */
public final class Commands {

    private Commands() {
    }

    /** The command line of {@code command} (an instance or a class), with the kit's handling of usage errors. */
    public static CommandLine of(Object command) {
        return new CommandLine(command).setParameterExceptionHandler(Commands::usageError);
    }

    /** Runs {@code command} on {@code args}; returns when it succeeded (or printed its help), else exits. */
    public static void run(Object command, String[] args) {
        run(of(command), args);
    }

    /** Runs the command line {@code command} (from {@link #of}) on {@code args}, as {@link #run(Object, String[])}. */
    public static void run(CommandLine command, String[] args) {
        int code = command.execute(args);
        if (code != 0) {
            System.exit(code);
        }
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
