package resnetkit.grader.guard;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.io.File;
import java.io.FileDescriptor;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.nio.file.InvalidPathException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

/**
 * The JDK methods the guard intercepts, as data: one table per action. Each names the method every way of
 * doing the action ends in (a "sink": {@code FileOutputStream(File, boolean)} under {@code FileWriter},
 * {@code PrintStream(File)} and Commons IO alike; {@code Runtime.exit} under {@code System.exit}, a method
 * handle or reflection), so one row holds against every library on the class path. Classes or methods that a
 * JDK release does not have are skipped there ({@code VirtualThread} before 21, {@code java.lang.foreign} before
 * 22); {@link GuardAgent#missing()} lists rows that matched nothing.
 */
final class Hooks {

    private Hooks() {
    }

    /** Writing, creating, deleting, moving files, and opens that read or write by their mode or options. */
    static final List<Hook> FILES = List.of(
            new Hook(Action.WRITE_FILES, "java.io.FileOutputStream",
                    isConstructor().and(takesArgument(0, File.class)), Hooks::pathArgument),
            new Hook(Action.READ_FILES, "java.io.FileInputStream",
                    isConstructor().and(takesArgument(0, File.class)), Hooks::pathArgument),
            new Hook(Action.READ_FILES, "java.io.RandomAccessFile",
                    isConstructor().and(takesArgument(0, File.class)), Hooks::randomAccessMode),
            new Hook(Action.READ_FILES, "java.util.zip.ZipFile",
                    isConstructor().and(takesArgument(0, File.class)), Hooks::pathArgument),
            new Hook(Action.WRITE_FILES, "java.io.File", named("deleteOnExit"), Hooks::selfFile),
            // java.io.File's changes all end in the platform's java.io.FileSystem
            fileSystem("java.io.UnixFileSystem"),
            fileSystem("java.io.WinNTFileSystem"),
            // java.nio.file: Files, FileChannel.open, AsynchronousFileChannel end in the default provider
            provider("sun.nio.fs.UnixFileSystemProvider"),
            provider("sun.nio.fs.WindowsFileSystemProvider"),
            new Hook(Action.WRITE_FILES, "sun.nio.fs.UnixFileAttributeViews$Basic", named("setTimes"), Hooks::nothing),
            new Hook(Action.WRITE_FILES, "sun.nio.fs.UnixFileAttributeViews$Posix",
                    namedOneOf("setPermissions", "setOwners", "setOwner", "setGroup"), Hooks::nothing));

    /** Resources of the grader's packages (its tests' class files, its list of hidden tests). */
    static final List<Hook> RESOURCES = List.of(
            new Hook(Action.REACH_GRADER, "java.lang.ClassLoader",
                    namedOneOf("getResource", "getResources", "getResourceAsStream", "getSystemResource",
                            "getSystemResources", "getSystemResourceAsStream").and(takesArgument(0, String.class)),
                    Hooks::graderResource),
            new Hook(Action.REACH_GRADER, "jdk.internal.loader.BuiltinClassLoader",
                    namedOneOf("findResource", "findResources", "getResource", "getResources")
                            .and(takesArguments(1)).and(takesArgument(0, String.class)), Hooks::graderResource),
            new Hook(Action.REACH_GRADER, "java.net.URLClassLoader",
                    namedOneOf("findResource", "findResources", "getResourceAsStream"), Hooks::graderResource));

    /** Ending the JVM and starting processes. */
    static final List<Hook> JVM = List.of(
            new Hook(Action.END_JVM, "java.lang.Runtime", namedOneOf("exit", "halt"), Hooks::firstArgument),
            // a raised SIGTERM or SIGINT ends the JVM through its signal handler, past Runtime.exit
            new Hook(Action.END_JVM, "jdk.internal.misc.Signal", namedOneOf("raise", "handle"), Hooks::firstArgument),
            new Hook(Action.START_PROCESSES, "java.lang.ProcessBuilder", namedOneOf("start", "startPipeline"),
                    Hooks::selfText),
            new Hook(Action.START_PROCESSES, "java.lang.ProcessImpl", named("start").and(isStatic()),
                    Hooks::nothing));

    /** New threads, shutdown hooks and tasks handed to pools, the common pool included. */
    static final List<Hook> THREADS = List.of(
            new Hook(Action.START_THREADS, "java.lang.Thread", named("start").and(takesNoArguments()), Hooks::nothing),
            new Hook(Action.START_THREADS, "java.lang.VirtualThread", named("start"), Hooks::nothing),
            new Hook(Action.START_THREADS, "java.lang.Runtime", named("addShutdownHook"), Hooks::nothing),
            new Hook(Action.START_THREADS, "java.util.concurrent.ThreadPoolExecutor", named("execute"),
                    Hooks::nothing),
            new Hook(Action.START_THREADS, "java.util.concurrent.ScheduledThreadPoolExecutor",
                    namedOneOf("execute", "submit", "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay"),
                    Hooks::nothing),
            new Hook(Action.START_THREADS, "java.util.concurrent.ForkJoinPool",
                    namedOneOf("execute", "submit", "invoke", "invokeAll", "invokeAny", "lazySubmit", "externalSubmit"),
                    Hooks::nothing),
            new Hook(Action.START_THREADS, "java.util.concurrent.ForkJoinTask", named("fork"), Hooks::nothing),
            new Hook(Action.START_THREADS, "java.util.Timer", namedOneOf("schedule", "scheduleAtFixedRate"),
                    Hooks::nothing));

    /** Reflection that breaks encapsulation, whoever calls it on the exercise's behalf. */
    static final List<Hook> DEEP_REFLECTION = List.of(
            new Hook(Action.DEEP_REFLECTION, "java.lang.reflect.AccessibleObject",
                    namedOneOf("setAccessible", "trySetAccessible"), Hooks::accessible),
            new Hook(Action.DEEP_REFLECTION, "java.lang.reflect.Field", named("setAccessible"), Hooks::accessible),
            new Hook(Action.DEEP_REFLECTION, "java.lang.reflect.Method", named("setAccessible"), Hooks::accessible),
            new Hook(Action.DEEP_REFLECTION, "java.lang.reflect.Constructor", named("setAccessible"),
                    Hooks::accessible),
            new Hook(Action.DEEP_REFLECTION, "java.lang.invoke.MethodHandles", named("privateLookupIn"),
                    Hooks::classArgument),
            // Unsafe writes by field offset: an offset into the grader's or the guard's fields is refused
            new Hook(Action.DEEP_REFLECTION, "sun.misc.Unsafe",
                    namedOneOf("staticFieldOffset", "objectFieldOffset", "staticFieldBase"), Hooks::unsafeField));

    /**
     * Reaching the grader's classes (its tests, its engine, the guard) by name or through reflection, or JavaCPP's
     * and JNA's (native memory and libraries): each row's describer decides which, by the class reached.
     */
    static final List<Hook> GRADER_CLASSES = List.of(
            new Hook(Action.REACH_GRADER, "java.lang.Class", named("forName"), Hooks::className),
            new Hook(Action.REACH_GRADER, "java.lang.ClassLoader",
                    named("loadClass").and(takesArguments(1)), Hooks::className),
            new Hook(Action.REACH_GRADER, "java.lang.invoke.MethodHandles$Lookup", named("findClass"),
                    Hooks::className),
            new Hook(Action.REACH_GRADER, "java.lang.invoke.MethodHandles$Lookup",
                    namedOneOf("findStatic", "findVirtual", "findConstructor", "findSpecial", "findGetter",
                            "findSetter", "findStaticGetter", "findStaticSetter", "findVarHandle",
                            "findStaticVarHandle", "in", "accessClass", "ensureInitialized"),
                    Hooks::graderClassArgument),
            new Hook(Action.REACH_GRADER, "java.lang.invoke.MethodHandles$Lookup",
                    namedOneOf("unreflect", "unreflectSpecial", "unreflectConstructor", "unreflectGetter",
                            "unreflectSetter", "unreflectVarHandle"), Hooks::graderMemberArgument),
            new Hook(Action.REACH_GRADER, "java.lang.reflect.Method", named("invoke"), Hooks::graderMember),
            new Hook(Action.REACH_GRADER, "java.lang.reflect.Constructor", named("newInstance"), Hooks::graderMember),
            new Hook(Action.REACH_GRADER, "java.lang.reflect.Field",
                    namedOneOf("get", "getBoolean", "getByte", "getChar", "getShort", "getInt", "getLong",
                            "getFloat", "getDouble", "set", "setBoolean", "setByte", "setChar", "setShort",
                            "setInt", "setLong", "setFloat", "setDouble"), Hooks::graderMember));

    /** New class loaders: one could load any class file, the reference solution's too. */
    static final List<Hook> CLASS_LOADERS = List.of(
            new Hook(Action.CREATE_CLASS_LOADERS, "java.lang.ClassLoader", isConstructor(), Hooks::nothing));

    /** Sockets, datagrams and name lookups. */
    static final List<Hook> NETWORK = List.of(
            new Hook(Action.USE_NETWORK, "sun.nio.ch.Net", namedOneOf("connect", "bind").and(isStatic()),
                    Hooks::address),
            new Hook(Action.USE_NETWORK, "sun.nio.ch.DatagramChannelImpl", named("send"), Hooks::address),
            new Hook(Action.USE_NETWORK, "sun.nio.ch.UnixDomainSockets", namedOneOf("connect", "bind"),
                    Hooks::address),
            new Hook(Action.USE_NETWORK, "java.net.InetAddress", namedOneOf("getByName", "getAllByName",
                    "getLocalHost"), Hooks::firstArgument));

    /** Native libraries (a file's path is checked, a library's name is found where the system installed it). */
    static final List<Hook> NATIVE = List.of(
            new Hook(Action.LOAD_NATIVE_CODE, "java.lang.System", named("load"), Hooks::pathArgument),
            new Hook(Action.LOAD_NATIVE_CODE, "java.lang.System", named("loadLibrary"), Hooks::firstArgument),
            new Hook(Action.LOAD_NATIVE_CODE, "java.lang.Runtime", named("load"), Hooks::pathArgument),
            new Hook(Action.LOAD_NATIVE_CODE, "java.lang.Runtime", named("loadLibrary"), Hooks::firstArgument),
            new Hook(Action.LOAD_NATIVE_CODE, "java.lang.foreign.Linker", named("nativeLinker"), Hooks::nothing),
            new Hook(Action.LOAD_NATIVE_CODE, "java.lang.foreign.SymbolLookup",
                    namedOneOf("libraryLookup", "loaderLookup"), Hooks::nothing));

    /** Heap dumps, VM options, flight recordings and attaching: each reads or changes the grading JVM itself. */
    static final List<Hook> JVM_INSPECTION = List.of(
            new Hook(Action.INSPECT_JVM, "com.sun.management.internal.HotSpotDiagnostic",
                    namedOneOf("dumpHeap", "setVMOption"), Hooks::firstArgument),
            new Hook(Action.INSPECT_JVM, "com.sun.management.internal.DiagnosticCommandImpl", named("invoke"),
                    Hooks::nothing),
            new Hook(Action.INSPECT_JVM, "jdk.jfr.Recording", isConstructor(), Hooks::nothing),
            new Hook(Action.INSPECT_JVM, "jdk.jfr.FlightRecorder", named("getFlightRecorder"), Hooks::nothing),
            new Hook(Action.INSPECT_JVM, "com.sun.tools.attach.VirtualMachine", named("attach"),
                    Hooks::firstArgument));

    /** The standard streams: the grader captures them per test, and its report follows them. */
    static final List<Hook> CONSOLE = List.of(
            new Hook(Action.USE_CONSOLE, "java.lang.System", namedOneOf("setOut", "setErr", "setIn", "console"),
                    Hooks::nothing),
            new Hook(Action.USE_CONSOLE, "java.io.FileOutputStream",
                    isConstructor().and(takesArgument(0, FileDescriptor.class)), Hooks::descriptor),
            new Hook(Action.USE_CONSOLE, "java.io.FileInputStream",
                    isConstructor().and(takesArgument(0, FileDescriptor.class)), Hooks::descriptor));

    /** System properties and the JVM's defaults, which the kit, its libraries and later tests read. */
    static final List<Hook> PROPERTIES = List.of(
            new Hook(Action.CHANGE_PROPERTIES, "java.lang.System",
                    namedOneOf("setProperty", "clearProperty", "setProperties"), Hooks::firstArgument),
            new Hook(Action.CHANGE_PROPERTIES, "java.util.Locale", named("setDefault"), Hooks::firstArgument),
            new Hook(Action.CHANGE_PROPERTIES, "java.util.TimeZone", named("setDefault"), Hooks::firstArgument));

    /** Every row; a hook's number is its index here. */
    static final List<Hook> ALL = concat(FILES, RESOURCES, JVM, THREADS, DEEP_REFLECTION, GRADER_CLASSES,
            CLASS_LOADERS, NETWORK, NATIVE, JVM_INSPECTION, CONSOLE, PROPERTIES);

    /** java.io.File's changes, which all end in the platform's java.io.FileSystem. */
    private static Hook fileSystem(String type) {
        return new Hook(Action.WRITE_FILES, type, namedOneOf("createFileExclusively", "delete", "rename",
                "createDirectory", "setPermission", "setLastModifiedTime", "setReadOnly"), Hooks::pathArguments);
    }

    /** The default file system's provider: every open, link, delete, copy and move of java.nio.file. */
    private static Hook provider(String type) {
        ElementMatcher.Junction<MethodDescription> opens = namedOneOf("newByteChannel", "newFileChannel",
                "newAsynchronousFileChannel", "newInputStream", "newOutputStream");
        ElementMatcher.Junction<MethodDescription> changes = namedOneOf("createDirectory", "createSymbolicLink",
                "createLink", "delete", "deleteIfExists", "implDelete", "copy", "move");
        return new Hook(Action.READ_FILES, type, opens.or(changes), Hooks::providerCall);
    }

    @SafeVarargs
    private static List<Hook> concat(List<Hook>... tables) {
        List<Hook> all = new ArrayList<>();
        for (List<Hook> t : tables) {
            all.addAll(t);
        }
        return List.copyOf(all);
    }

    // ---- reading a call's arguments ----

    private static Request nothing(Action action, Object self, Object[] args) {
        return Request.of(action, "");
    }

    private static Request firstArgument(Action action, Object self, Object[] args) {
        return Request.of(action, args.length == 0 ? "" : String.valueOf(args[0]));
    }

    private static Request selfText(Action action, Object self, Object[] args) {
        if (self instanceof ProcessBuilder pb) {
            return Request.of(action, String.join(" ", pb.command()));
        }
        return firstArgument(action, self, args);
    }

    private static Request pathArgument(Action action, Object self, Object[] args) {
        return Request.files(action, args.length == 0 ? null : path(args[0]));
    }

    /** Both files of a rename, a copy or a move, a link and what it links to: each must be writable. */
    private static Request pathArguments(Action action, Object self, Object[] args) {
        return Request.files(action, args.length > 0 ? path(args[0]) : null, args.length > 1 ? path(args[1]) : null);
    }

    private static Request selfFile(Action action, Object self, Object[] args) {
        return pathArgument(action, null, new Object[] {self});
    }

    /** RandomAccessFile(File, mode): "r" reads, anything with "w" writes. */
    private static Request randomAccessMode(Action action, Object self, Object[] args) {
        boolean writes = args.length > 1 && args[1] instanceof String mode && mode.contains("w");
        return pathArgument(writes ? Action.WRITE_FILES : Action.READ_FILES, self, args);
    }

    /** A provider's open (read or write by its options), or a change (write; a copy or move's target). */
    private static Request providerCall(Action action, Object self, Object[] args) {
        if (args.length == 0) {
            return null;
        }
        boolean opens = args.length > 1 && (args[1] instanceof Set<?> || args[1] instanceof OpenOption[]);
        if (opens) {
            Collection<?> options = args[1] instanceof Set<?> s ? s : List.of((OpenOption[]) args[1]);
            boolean writes = options.stream().anyMatch(o -> o == StandardOpenOption.WRITE
                    || o == StandardOpenOption.APPEND || o == StandardOpenOption.CREATE
                    || o == StandardOpenOption.CREATE_NEW || o == StandardOpenOption.DELETE_ON_CLOSE
                    || o == StandardOpenOption.TRUNCATE_EXISTING);
            // newOutputStream(path) with no option writes; newInputStream and newByteChannel with none read
            return pathArgument(writes ? Action.WRITE_FILES : Action.READ_FILES, self, args);
        }
        // a change: delete, create, link (the link and what it links to), copy or move (source and target)
        return pathArguments(Action.WRITE_FILES, self, args);
    }

    private static Request descriptor(Action action, Object self, Object[] args) {
        Object fd = args.length == 0 ? null : args[0];
        String name = fd == FileDescriptor.out ? "standard output" : fd == FileDescriptor.err ? "standard error"
                : fd == FileDescriptor.in ? "standard input" : "a file descriptor";
        return Request.of(action, name);
    }

    private static Request accessible(Action action, Object self, Object[] args) {
        if (args.length > 0 && args[args.length - 1] instanceof Boolean flag && !flag) {
            return null; // setAccessible(false) only takes access away
        }
        if (args.length > 0 && args[0] instanceof AccessibleObject[] objects) {
            String target = null;
            for (AccessibleObject o : objects) {
                target = o instanceof Member m ? m.getDeclaringClass().getName() : target;
                if (target != null && Policy.isGrader(target)) {
                    break;
                }
            }
            return Request.onClass(action, target == null ? "" : target, target);
        }
        return member(action, self);
    }

    private static Request member(Action action, Object member) {
        if (!(member instanceof Member m)) {
            return null;
        }
        String target = m.getDeclaringClass().getName();
        String what = member instanceof Executable e ? e.getName() : ((Field) member).getName();
        return Request.onClass(action, target + "." + what, target);
    }

    private static Request classArgument(Action action, Object self, Object[] args) {
        Class<?> c = args.length > 0 && args[0] instanceof Class<?> k ? k : null;
        return c == null ? null : Request.onClass(action, c.getName(), c.getName());
    }

    private static Request unsafeField(Action action, Object self, Object[] args) {
        Request r = args.length > 0 ? member(action, args[0]) : null;
        return r != null && (Policy.isGrader(r.target()) || Policy.isGuard(r.target())) ? r : null;
    }

    /**
     * A request on a reserved class: the grader's ({@link Action#REACH_GRADER}) or JavaCPP's and JNA's
     * ({@link Action#REACH_NATIVE}); null for every other class, which anyone may reach.
     */
    private static Request reserved(Request r) {
        if (r == null || r.target() == null) {
            return null;
        }
        if (Policy.isGrader(r.target()) || Policy.isTestLibrary(r.target())) {
            return r;
        }
        return Policy.isNative(r.target()) ? new Request(Action.REACH_NATIVE, r.resource(), r.paths(), r.target())
                : null;
    }

    /** Only names of reserved classes concern the guard; every other class may be loaded. */
    private static Request className(Action action, Object self, Object[] args) {
        for (Object a : args) {
            if (a instanceof String name) {
                String binary = name.replace('/', '.');
                return reserved(Request.onClass(action, binary, binary));
            }
        }
        return null;
    }

    private static Request graderClassArgument(Action action, Object self, Object[] args) {
        return reserved(classArgument(action, self, args));
    }

    private static Request graderMemberArgument(Action action, Object self, Object[] args) {
        return args.length > 0 ? reserved(member(action, args[0])) : null;
    }

    private static Request graderMember(Action action, Object self, Object[] args) {
        if (self instanceof Member m) {
            String owner = m.getDeclaringClass().getName();
            if (!Policy.isGrader(owner) && !Policy.isNative(owner) && !Policy.isTestLibrary(owner)) {
                return null; // the common case, cheaply: reflection on anything else
            }
        }
        return reserved(member(action, self));
    }

    private static Request graderResource(Action action, Object self, Object[] args) {
        if (args.length == 0 || !(args[0] instanceof String name)) {
            return null;
        }
        String path = name.startsWith("/") ? name.substring(1) : name;
        return Policy.isGrader(path.replace('/', '.')) ? Request.onClass(action, path, path.replace('/', '.')) : null;
    }

    private static Request address(Action action, Object self, Object[] args) {
        for (Object a : args) {
            if (a instanceof java.net.SocketAddress || a instanceof java.net.InetAddress) {
                return Request.of(action, String.valueOf(a));
            }
        }
        return Request.of(action, "");
    }

    /** {@code o} (a File, a Path of the default file system, a String) as an absolute, normal path; else null. */
    static Path path(Object o) {
        try {
            Path p = o instanceof File f ? Path.of(f.getPath()) : o instanceof Path q ? q
                    : o instanceof String s ? Path.of(s) : null;
            if (p == null || p.getFileSystem() != java.nio.file.FileSystems.getDefault()) {
                return null;
            }
            return p.toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
