package io.jnetlink.cli.startup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.constant.ClassDesc;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the class files of a jar that predate Java 6 (major version below 50) as Java 8 class files
 * (major 52) with stack maps; the code is otherwise the same, instruction for instruction, and every other
 * entry is copied as it is.
 *
 * <p>Why: picocli ships Java 5 class files. The JDK's AOT cache (JEP 483) cannot hold such "old" classes
 * once they were linked, so picocli, which is most of jnl's startup, would be loaded, verified by the slow
 * type-inferencing verifier and linked again on every run. The {@code ./jnl} launcher runs this once per
 * build on the picocli jar of its module path and trains the AOT cache with the result.
 *
 * <p>Usage: {@code java --module io.jnetlink.cli/io.jnetlink.cli.startup.ClassFileUpgrade IN.jar OUT.jar}.
 * Exit code 0 when OUT.jar was written and each of its classes loads, links and initialises; otherwise 1,
 * with OUT.jar not written.
 */
public final class ClassFileUpgrade {

    /** Class files older than this (Java 6) may lack stack maps and cannot be cached once linked. */
    static final int OLD_BELOW = 50;
    /** Java 8: stack maps required, and no semantic change for code compiled for Java 5. */
    static final int TARGET_MAJOR = 52;

    private ClassFileUpgrade() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ClassFileUpgrade IN.jar OUT.jar");
            System.exit(2);
        }
        try {
            int n = upgrade(Path.of(args[0]), Path.of(args[1]));
            System.out.println(n + " class files upgraded to version " + TARGET_MAJOR + ": " + args[1]);
        } catch (IOException | UncheckedIOException | IllegalArgumentException | LinkageError e) {
            System.err.println("ClassFileUpgrade: " + e);
            System.exit(1);
        }
    }

    /**
     * Writes {@code out}, a copy of {@code in} with old class files upgraded, after checking that every class
     * in it loads, links and initialises.
     *
     * @return how many class files were upgraded
     * @throws LinkageError when a class of the result does not verify (nothing is written then)
     */
    public static int upgrade(Path in, Path out) throws IOException {
        Map<String, byte[]> entries = read(in);
        ClassFile cf = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(resolver(entries)),
                ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
        // Rebuilding every method body is what makes the library compute stack maps.
        ClassTransform upgrade = ClassTransform.dropping(e -> e instanceof ClassFileVersion)
                .andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL))
                .andThen(ClassTransform.endHandler(b -> b.withVersion(TARGET_MAJOR, 0)));
        int upgraded = 0;
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (e.getKey().endsWith(".class")) {
                ClassModel m = cf.parse(e.getValue());
                if (m.majorVersion() < OLD_BELOW) {
                    e.setValue(cf.transformClass(m, upgrade));
                    upgraded++;
                }
            }
        }
        Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".upgrade", ".jar");
        try {
            write(entries, tmp);
            verify(tmp, entries);
            if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                // a temporary file is private; the jar is as readable as any other build output
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return upgraded;
    }

    private static Map<String, byte[]> read(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(Files.newInputStream(jar))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                entries.put(e.getName(), z.readAllBytes());
            }
        }
        return entries;
    }

    private static void write(Map<String, byte[]> entries, Path jar) throws IOException {
        try (OutputStream os = Files.newOutputStream(jar); ZipOutputStream z = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
    }

    /** Stack maps need the superclass of types that meet; classes of the jar resolve from the jar itself. */
    private static ClassHierarchyResolver resolver(Map<String, byte[]> entries) {
        ClassHierarchyResolver fromJar = ClassHierarchyResolver.ofResourceParsing((ClassDesc d) -> {
            String s = d.descriptorString();
            byte[] b = entries.get(s.substring(1, s.length() - 1) + ".class");
            return b == null ? null : new ByteArrayInputStream(b);
        });
        return ClassHierarchyResolver.defaultResolver().orElse(fromJar).cached();
    }

    /** Loads, links (which verifies) and initialises every class of the jar in a loader of its own. */
    private static void verify(Path jar, Map<String, byte[]> entries) throws IOException {
        List<String> names = new ArrayList<>();
        for (String e : entries.keySet()) {
            if (e.endsWith(".class") && !e.startsWith("META-INF/") && !e.endsWith("module-info.class")) {
                names.add(e.substring(0, e.length() - ".class".length()).replace('/', '.'));
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (String n : names) {
                try {
                    Class.forName(n, true, loader);
                } catch (ClassNotFoundException e) {
                    throw new IllegalArgumentException("class " + n + " of " + jar + " does not load", e);
                }
            }
        }
    }
}
